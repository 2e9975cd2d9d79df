import { describe, expect, it } from 'vitest';
import { wireResponse } from '../testing/fake-transport.js';
import { readEnvelope } from './envelope.js';
import { readCode, readMessage } from './message.js';
import { findOutputs } from './outputs.js';
import { readProgress } from './progress.js';
import { readCreateAnswer, readTaskAnswer } from './read-answer.js';
import { createStatusTable } from './status-table.js';
import { findTaskId } from './task-id.js';
import { settleState, snapshotOf } from './task-state.js';
import { classifyUpstreamText, upstreamCodeKind } from './upstream-codes.js';
import { createWireErrorReader } from './wire-error.js';
import { readWireTime } from './wire-time.js';

const now = new Date('2026-01-01T00:00:00.000Z');
const wireError = createWireErrorReader({ provider: 'test gateway' });

describe('readEnvelope', () => {
  it('reads relay envelopes whose code means success, in every spelling', () => {
    for (const code of [0, 200, '0', '200', 'success', 'SUCCESS', 'ok']) {
      expect(readEnvelope({ code, message: 'x', data: { task_id: 't' } })).toMatchObject({
        wrapped: true,
        ok: true,
        data: { task_id: 't' },
      });
    }
    expect(readEnvelope({ code: 0, msg: 'ok', data: { id: 1 } })).toMatchObject({ ok: true, message: 'ok' });
    expect(readEnvelope({ success: true, data: [1] })).toMatchObject({ wrapped: true, ok: true, data: [1] });
  });

  it('reports failing envelopes with their code and message', () => {
    expect(
      readEnvelope({ code: 'quota_not_enough', message: 'user quota is not enough', data: null }),
    ).toEqual({
      wrapped: true,
      ok: false,
      code: 'quota_not_enough',
      message: 'user quota is not enough',
      data: { code: 'quota_not_enough', message: 'user quota is not enough', data: null },
    });
    expect(readEnvelope({ success: false, message: 'no' })).toMatchObject({ ok: false, message: 'no' });
    expect(readEnvelope({ request_id: 'r', code: 'InvalidApiKey', message: 'bad key' })).toMatchObject({
      ok: false,
      code: 'InvalidApiKey',
    });
  });

  it('takes a task carrying its own status and a code for a task, not an envelope', () => {
    const task = { status: 'failed', code: 'DataInspectionFailed', data: { output: 'x' } };
    expect(readEnvelope(task)).toEqual({ wrapped: false, ok: true, data: task });
  });

  it('leaves bare bodies alone', () => {
    for (const body of [{ task_id: 't' }, { id: 'x', status: 'completed' }, [1, 2], 'text', null]) {
      expect(readEnvelope(body)).toEqual({ wrapped: false, ok: true, data: body });
    }
  });
});

describe('findTaskId', () => {
  it('finds ids under every name and nesting real APIs use', () => {
    expect(findTaskId({ task_id: 'a' })).toBe('a');
    expect(findTaskId({ taskId: 'b' })).toBe('b');
    expect(findTaskId({ id: 'c', status: 'queued' })).toBe('c');
    expect(findTaskId({ request_id: 'r', output: { task_id: 'd', task_status: 'PENDING' } })).toBe('d');
    expect(findTaskId({ code: 200, data: { taskId: 'e' } })).toBe('e');
    expect(findTaskId({ data: { task: { id: 42 } } })).toBe('42');
  });

  it('prefers a specific name anywhere over a bare id', () => {
    expect(findTaskId({ id: 'openai-object-id', data: { task_id: 'real' } })).toBe('real');
  });

  it('finds nothing in error bodies', () => {
    expect(findTaskId({ error: { message: 'no', code: 'x' } })).toBeUndefined();
    expect(findTaskId({ task_id: '' })).toBeUndefined();
    expect(findTaskId(null)).toBeUndefined();
  });
});

describe('readProgress', () => {
  it('reads fractions, percentages and percent strings', () => {
    expect(readProgress(0.3)).toBe(0.3);
    expect(readProgress(30)).toBe(0.3);
    expect(readProgress('30%')).toBe(0.3);
    expect(readProgress(' 30 % ')).toBe(0.3);
    expect(readProgress('0.3')).toBe(0.3);
    expect(readProgress(1)).toBe(1);
    expect(readProgress(1, 'percent')).toBe(0.01);
    expect(readProgress(100, 'percent')).toBe(1);
  });

  it('ignores what is not a progress figure', () => {
    for (const value of [undefined, null, '', 'soon', -1, 150, '150%', Number.NaN, {}]) {
      expect(readProgress(value)).toBeUndefined();
    }
  });
});

describe('readMessage and readCode', () => {
  it('finds the reason in every field real APIs use', () => {
    expect(readMessage({ message: 'a' })).toBe('a');
    expect(readMessage({ error_message: 'b' })).toBe('b');
    expect(readMessage({ msg: 'c' })).toBe('c');
    expect(readMessage({ error: { message: 'd' } })).toBe('d');
    expect(readMessage({ error: 'e' })).toBe('e');
    expect(readMessage({ status: { message: 'f' } })).toBe('f');
    expect(readMessage({ fail_reason: 'g' })).toBe('g');
    expect(readMessage({ failMsg: 'h' })).toBe('h');
    expect(readMessage({ message: '  ', error_message: 'i' })).toBe('i');
    expect(readMessage({})).toBeUndefined();
  });

  it('reads codes as strings, numbers included', () => {
    expect(readCode({ code: 1002 })).toBe('1002');
    expect(readCode({ code: 'X' })).toBe('X');
    expect(readCode({ error: { code: 110001 } })).toBe('110001');
    expect(readCode({ failCode: 'CONTENT_VIOLATION' })).toBe('CONTENT_VIOLATION');
    expect(readCode({ status: { code: 40201 } })).toBe('40201');
    expect(readCode({ code: '' })).toBeUndefined();
  });
});

describe('findOutputs', () => {
  it('reads every known URL field and list, typed by item, field name or the request', () => {
    expect(
      findOutputs(
        {
          video_url: 'https://cdn.test/a.mp4',
          results: [
            { url: 'https://cdn.test/b.png', type: 'image' },
            { code: 'X', message: 'failed' },
          ],
          resultUrls: ['https://cdn.test/c.mp4'],
          content: [
            { type: 'audio', url: 'https://cdn.test/voice.mp3' },
            { type: 'text', text: 'hi' },
          ],
        },
        'text-to-video',
      ),
    ).toEqual([
      { kind: 'video', url: 'https://cdn.test/a.mp4' },
      { kind: 'image', url: 'https://cdn.test/b.png' },
      { kind: 'video', url: 'https://cdn.test/c.mp4' },
    ]);
  });

  it('takes a bare string or string list, and the request kind when nothing names one', () => {
    expect(findOutputs({ output: 'https://cdn.test/x' }, 'text-to-image')).toEqual([
      { kind: 'image', url: 'https://cdn.test/x' },
    ]);
    expect(findOutputs({ outputs: ['https://cdn.test/1', 'https://cdn.test/1'] }, 'image-to-video')).toEqual([
      { kind: 'video', url: 'https://cdn.test/1' },
    ]);
  });

  it('takes a type that names no media (e.g. "url") as the request kind, and skips audio and text', () => {
    expect(
      findOutputs(
        {
          content: [
            { type: 'url', url: 'https://cdn.test/a' },
            { type: 'voice', url: 'https://cdn.test/v.mp3' },
          ],
        },
        'text-to-image',
      ),
    ).toEqual([{ kind: 'image', url: 'https://cdn.test/a' }]);
  });

  it('searches a task object whatever its own type says', () => {
    expect(findOutputs({ type: 'text', url: 'https://cdn.test/v.mp4' }, 'text-to-video')).toEqual([
      { kind: 'video', url: 'https://cdn.test/v.mp4' },
    ]);
  });

  it('finds nothing where there is nothing', () => {
    expect(findOutputs(undefined, 'text-to-video')).toEqual([]);
    expect(findOutputs({ output: [] }, 'text-to-video')).toEqual([]);
    expect(findOutputs({ url: 'not a url' }, 'text-to-video')).toEqual([]);
  });
});

describe('createStatusTable', () => {
  const table = createStatusTable({ IN_PROGRESS: 'running', SUCCESS: 'succeeded' });
  it('maps words tolerant of case, spaces and dashes', () => {
    expect(table('in-progress')).toEqual({ status: 'running', providerStatus: 'in-progress' });
    expect(table(' Success ')).toEqual({ status: 'succeeded', providerStatus: 'Success' });
  });
  it('maps unknown words to unknown, keeping the word', () => {
    expect(table('thinking')).toEqual({ status: 'unknown', providerStatus: 'thinking' });
    expect(table(undefined)).toEqual({ status: 'unknown' });
  });
});

describe('readWireTime', () => {
  it('reads unix seconds, milliseconds, ISO and zone-less local strings', () => {
    expect(readWireTime(1767225600)).toBe('2026-01-01T00:00:00.000Z');
    expect(readWireTime(1767225600000)).toBe('2026-01-01T00:00:00.000Z');
    expect(readWireTime('1767225600')).toBe('2026-01-01T00:00:00.000Z');
    expect(readWireTime('2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00.000Z');
    expect(readWireTime('2026-01-01 08:00:00.000', { zone: '+08:00' })).toBe('2026-01-01T00:00:00.000Z');
  });
  it('treats 0 and garbage as not yet', () => {
    for (const value of [0, -5, '', 'never', null, {}]) expect(readWireTime(value)).toBeUndefined();
  });
});

describe('upstream codes', () => {
  it('maps DashScope codes and families', () => {
    expect(upstreamCodeKind('DataInspectionFailed')).toBe('content_policy');
    expect(upstreamCodeKind('InvalidParameter.DataInspection')).toBe('content_policy');
    expect(upstreamCodeKind('InvalidParameter.Foo')).toBe('invalid_request');
    expect(upstreamCodeKind('Throttling.RateQuota')).toBe('rate_limited');
    expect(upstreamCodeKind('InternalError.Timeout')).toBe('timeout');
    expect(upstreamCodeKind('Nope')).toBeUndefined();
  });
  it('classifies forwarded free text, keeping the code', () => {
    expect(
      classifyUpstreamText('DataInspectionFailed: Input data may contain inappropriate content.'),
    ).toEqual({
      kind: 'content_policy',
      code: 'DataInspectionFailed',
    });
    expect(classifyUpstreamText('Download the media resource timed out')).toEqual({
      kind: 'invalid_input_url',
    });
    expect(classifyUpstreamText('all fine')).toBeUndefined();
  });
});

describe('createWireErrorReader', () => {
  it('reads code and message from bare, enveloped and OpenAI-style bodies', () => {
    expect(wireError(wireResponse(429, { error: { code: 1002, message: 'rate limited' } }))).toMatchObject({
      kind: 'rate_limited',
      providerCode: '1002',
      message: 'test gateway answered HTTP 429 1002: rate limited',
    });
    expect(
      wireError(
        wireResponse(400, { code: 400, message: 'Invalid request', data: { error: 'Missing prompt' } }),
      ),
    ).toMatchObject({
      kind: 'invalid_request',
      message: 'test gateway answered HTTP 400: Invalid request (Missing prompt)',
    });
    expect(wireError(wireResponse(502, undefined, { text: '<html>bad gateway</html>' }))).toMatchObject({
      kind: 'provider_error',
      httpStatus: 502,
    });
  });

  it('lets an envelope code decide the kind of a refusal sent with HTTP 200', () => {
    expect(
      wireError(wireResponse(200, { code: 402, message: 'Insufficient balance', data: null })),
    ).toMatchObject({ kind: 'insufficient_balance', httpStatus: 200, providerCode: '402' });
  });

  it('applies the adapter table and status overrides', () => {
    const reader = createWireErrorReader({
      provider: 'p',
      codeKind: (code) => (code === 'quota_not_enough' ? 'insufficient_balance' : undefined),
      statusKinds: {
        403: (message) => (/balance/.test(message) ? 'insufficient_balance' : 'authentication'),
      },
    });
    expect(reader(wireResponse(403, { code: 'quota_not_enough', message: 'x' })).kind).toBe(
      'insufficient_balance',
    );
    expect(reader(wireResponse(403, { message: 'low balance' })).kind).toBe('insufficient_balance');
    expect(reader(wireResponse(403, { message: 'denied' })).kind).toBe('authentication');
  });

  it('names the request id from headers or body', () => {
    expect(wireError(wireResponse(500, { request_id: 'req-1', code: 'InternalError' })).requestId).toBe(
      'req-1',
    );
    expect(wireError(wireResponse(500, {}, { headers: { 'x-request-id': 'req-2' } })).requestId).toBe(
      'req-2',
    );
  });
});

describe('readCreateAnswer', () => {
  const context = { now, kind: 'text-to-video' as const };
  it('takes any task id as submitted, even on an error status', () => {
    expect(readCreateAnswer(wireResponse(200, { task_id: 't1' }), context, { wireError })).toEqual({
      taskId: 't1',
    });
    expect(
      readCreateAnswer(
        wireResponse(504, { id: 't2', status: 'in_progress', error: { code: 'SYNC_TIMEOUT' } }),
        context,
        {
          wireError,
        },
      ),
    ).toEqual({ taskId: 't2' });
    expect(
      readCreateAnswer(wireResponse(200, { code: 'success', data: { task_id: 't3' } }), context, {
        wireError,
      }),
    ).toEqual({ taskId: 't3' });
  });

  it('takes a plain error body with a request id for what it is: a refusal', () => {
    expect(() =>
      readCreateAnswer(wireResponse(400, { error: { message: 'bad' }, id: 'req_1' }), context, { wireError }),
    ).toThrow(expect.objectContaining({ kind: 'invalid_request' }));
  });

  it('refuses error answers without an id, and calls a 2xx without one unreadable', () => {
    expect(() =>
      readCreateAnswer(wireResponse(402, { code: 402, message: 'no money' }), context, { wireError }),
    ).toThrow(expect.objectContaining({ kind: 'insufficient_balance' }));
    expect(() =>
      readCreateAnswer(wireResponse(200, { code: 'quota_not_enough', message: 'x', data: null }), context, {
        wireError,
      }),
    ).toThrow(expect.objectContaining({ httpStatus: 200 }));
    expect(() => readCreateAnswer(wireResponse(200, { ok: true }), context, { wireError })).toThrow(
      expect.objectContaining({ kind: 'invalid_response', httpStatus: 200 }),
    );
  });
});

describe('readTaskAnswer', () => {
  it('unwraps envelopes and accepts a task object on an error status', () => {
    expect(readTaskAnswer(wireResponse(200, { code: 0, data: { status: 'done' } }), { wireError })).toEqual({
      status: 'done',
    });
    expect(readTaskAnswer(wireResponse(504, { id: 'x', status: 'in_progress' }), { wireError })).toEqual({
      id: 'x',
      status: 'in_progress',
    });
  });
  it('does not end a task on a proxy error page that merely has a status word', () => {
    expect(() =>
      readTaskAnswer(wireResponse(500, { status: 'failed', message: 'boom' }), { wireError }),
    ).toThrow(expect.objectContaining({ kind: 'provider_error', retryable: true }));
  });

  it('refuses error bodies and rejects unreadable ones', () => {
    expect(() => readTaskAnswer(wireResponse(404, { message: 'gone' }), { wireError })).toThrow(
      expect.objectContaining({ kind: 'not_found' }),
    );
    expect(() =>
      readTaskAnswer(wireResponse(200, { error: { message: 'bad token' } }), { wireError }),
    ).toThrow(expect.objectContaining({ kind: 'provider_error', httpStatus: 200 }));
    expect(() => readTaskAnswer(wireResponse(200, undefined, { text: '{"a":' }), { wireError })).toThrow(
      expect.objectContaining({ kind: 'invalid_response' }),
    );
    expect(() => readTaskAnswer(wireResponse(200, { nothing: true }), { wireError })).toThrow(
      expect.objectContaining({ kind: 'invalid_response' }),
    );
  });
});

describe('settleState and snapshotOf', () => {
  const ref = {
    spec: 'wankit.task/v1',
    adapter: 'x',
    taskId: 't',
    model: 'm',
    providerModel: 'm',
    kind: 'text-to-video',
    submittedAt: now.toISOString(),
  } as const;
  it('a success is complete, and a success without outputs stays a success with a warning', () => {
    const settled = settleState({ status: 'succeeded', outputs: [] });
    expect(settled.progress).toBe(1);
    expect(settled.warnings).toEqual([
      { type: 'other', message: 'the provider reports success but sent no output URL; nothing to download' },
    ]);
  });
  it('stamps ref and observation time, dropping the wire task id', () => {
    expect(
      snapshotOf(ref, { taskId: 't', status: 'running', outputs: [], timings: { createdAt: 'c' } }, now),
    ).toEqual({
      ref,
      status: 'running',
      outputs: [],
      timings: { createdAt: 'c', observedAt: now.toISOString() },
    });
  });
});
