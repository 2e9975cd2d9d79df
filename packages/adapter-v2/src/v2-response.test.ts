import { type TaskRef, WankitError } from '@wankit/core';
import { wireResponse } from '@wankit/core/testing';
import { describe, expect, it } from 'vitest';
import { createV2Adapter } from './v2-adapter.js';

// Bodies from /work/corpus/v2 (sources in its SOURCES.md) and wire-formats.md §2.11; each test names its shape.
const adapter = createV2Adapter();
const now = new Date('2026-01-01T00:00:00Z');
const ref = { adapter: 'v2', taskId: 't-1', kind: 'text-to-video' } as TaskRef;
const id = 'e7bed961-d1b9-4b3f-8ef9-5f441bde28c8';
const ossUrl =
  'https://dashscope-result-hz.oss-cn-hangzhou.aliyuncs.com/1d/b6/20250828/4fb68392/e7bed961.mp4?Expires=1756435926&OSSAccessKeyId=LTAI-REDACTED&Signature=REDACTED';

const create = (body: unknown, status = 200, text?: string) =>
  adapter.readCreate(wireResponse(status, body, text === undefined ? {} : { text }), {
    now,
    kind: 'text-to-video',
  });

/** The state a status answer reads as, without `raw` (asserted once below). */
function status(body: unknown, httpStatus = 200, kind: TaskRef['kind'] = 'text-to-video') {
  const { raw: _raw, ...state } = adapter.readStatus(wireResponse(httpStatus, body), {
    now,
    kind,
    ref: { ...ref, kind },
  });
  return state;
}

function thrown(call: () => unknown): WankitError {
  try {
    call();
  } catch (error) {
    if (WankitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a WankitError');
}

const queued = { status: 'queued', outputs: [], timings: {} } as const;

describe('v2 create answers', () => {
  it('reads the documented bare {task_id} (Y1)', () => {
    expect(create({ task_id: id })).toStrictEqual({ taskId: id });
  });

  it.each([
    [
      '{task_id, status} (new-api docs)',
      { task_id: 'abcd1234efgh', status: 'queued' },
      'abcd1234efgh',
      'queued',
    ],
    [
      'the new-api envelope {code:"success", data:{task_id, status}}',
      { code: 'success', data: { task_id: 'task_upstream', status: 'NOT_START' } },
      'task_upstream',
      'NOT_START',
    ],
    ['{id, task_id, status}', { id: 'task_up', task_id: 'task_up', status: 'queued' }, 'task_up', 'queued'],
    [
      'an OpenAI video object {id, object, status}',
      { id: 'video_1', object: 'video', status: 'queued' },
      'video_1',
      'queued',
    ],
  ])('reads %s as submitted with its state', (_shape, body, taskId, word) => {
    const answer = create(body);
    expect(answer.taskId).toBe(taskId);
    const { raw: _raw, ...state } = answer.state ?? { raw: undefined };
    expect(state).toStrictEqual({ taskId, ...queued, providerStatus: word });
  });

  it('keeps a task the gateway took even when the HTTP status says error', () => {
    const answer = create({ task_id: id, status: 'IN_PROGRESS', progress: '10%' }, 504);
    expect(answer.taskId).toBe(id);
    expect(answer.state).toMatchObject({ status: 'running', progress: 0.1 });
  });

  it.each([
    [
      'task envelope 400',
      400,
      { code: 'invalid_request', message: 'prompt is required', data: null },
      'invalid_request',
      'invalid_request',
    ],
    [
      'task envelope 403 quota',
      403,
      { code: 'quota_not_enough', message: 'user quota is not enough', data: null },
      'insufficient_balance',
      'quota_not_enough',
    ],
    [
      'OpenAI form 403 quota',
      403,
      {
        error: {
          message: 'user quota is not enough (request id: 2025)',
          type: 'v_api_error',
          param: '',
          code: 'insufficient_user_quota',
        },
      },
      'insufficient_balance',
      'insufficient_user_quota',
    ],
    [
      'OpenAI form 401, empty code',
      401,
      { error: { message: 'invalid token', type: 'new_api_error', code: '' } },
      'authentication',
      undefined,
    ],
    [
      'flat {code:null, message} 401',
      401,
      { code: null, message: 'string', param: 'string', type: 'string' },
      'authentication',
      undefined,
    ],
    ['{error:"…"} 400', 400, { error: 'bad request' }, 'invalid_request', undefined],
    [
      '429 with the rewritten message',
      429,
      { code: 'fail_to_fetch_task', message: '当前分组上游负载已饱和，请稍后再试', data: null },
      'rate_limited',
      'fail_to_fetch_task',
    ],
    [
      'a forwarded DashScope refusal in a 400',
      400,
      {
        code: 'invalid_request',
        message: 'DataInspectionFailed: Input data may contain inappropriate content.',
        data: null,
      },
      'content_policy',
      'invalid_request',
    ],
    [
      '503 no channel for the model',
      503,
      { error: { message: '模型 x 无可用渠道', type: 'new_api_error', code: 'model_not_found' } },
      'provider_error',
      'model_not_found',
    ],
    [
      'a refusal enveloped in HTTP 200',
      200,
      { code: 'quota_not_enough', message: 'user quota is not enough', data: null },
      'insufficient_balance',
      'quota_not_enough',
    ],
  ])('refuses with %s', (_shape, httpStatus, body, kind, providerCode) => {
    const error = thrown(() => create(body, httpStatus));
    expect(error.kind).toBe(kind);
    expect(error.httpStatus).toBe(httpStatus);
    expect(error.providerCode).toBe(providerCode);
  });

  it('names the provider, the status, the code and the reason in a refusal', () => {
    expect(
      thrown(() => create({ code: 'task_not_exist', message: 'task_not_exist', data: null }, 400)).message,
    ).toBe('v2 gateway answered HTTP 400 task_not_exist: task_not_exist');
  });

  it('reads a 200 answer with no task id (a stock new-api serves its dashboard page) as invalid_response', () => {
    expect(thrown(() => create(undefined, 200, '<!doctype html><title>New API</title>')).kind).toBe(
      'invalid_response',
    );
    expect(thrown(() => create({ status: 'queued' })).kind).toBe('invalid_response');
  });
});

describe('v2 status answers', () => {
  it('reads the documented success (Y5): data.output, "100%", unix times, the URL\'s own expiry', () => {
    const body = {
      task_id: id,
      platform: 'alibaba',
      status: 'SUCCESS',
      fail_reason: '',
      submit_time: 1756349509,
      finish_time: 1756349945,
      progress: '100%',
      data: { output: ossUrl },
      search_item: '',
    };
    const state = adapter.readStatus(wireResponse(200, body), { now, kind: 'text-to-video', ref });
    expect(state).toStrictEqual({
      taskId: id,
      status: 'succeeded',
      providerStatus: 'SUCCESS',
      progress: 1,
      outputs: [{ kind: 'video', url: ossUrl, expiresAt: '2025-08-29T02:52:06.000Z' }],
      timings: { createdAt: '2025-08-28T02:51:49.000Z', completedAt: '2025-08-28T02:59:05.000Z' },
      raw: body,
    });
  });

  it('reads queued and running tasks (§2.11): 0 times are "not yet", "30%" is 0.3', () => {
    const base = {
      task_id: id,
      platform: 'alibaba',
      action: '',
      fail_reason: '',
      submit_time: 1756349509,
      data: null,
    };
    expect(
      status({ ...base, status: 'SUBMITTED', start_time: 0, finish_time: 0, progress: '0%' }),
    ).toStrictEqual({
      taskId: id,
      status: 'queued',
      providerStatus: 'SUBMITTED',
      progress: 0,
      outputs: [],
      timings: { createdAt: '2025-08-28T02:51:49.000Z' },
    });
    expect(
      status({ ...base, status: 'IN_PROGRESS', start_time: 1756349512, finish_time: 0, progress: '30%' }),
    ).toStrictEqual({
      taskId: id,
      status: 'running',
      providerStatus: 'IN_PROGRESS',
      progress: 0.3,
      outputs: [],
      timings: { createdAt: '2025-08-28T02:51:49.000Z', startedAt: '2025-08-28T02:51:52.000Z' },
    });
  });

  it('reads a FAILURE by the DashScope code its fail_reason carries', () => {
    expect(
      status({
        task_id: id,
        status: 'FAILURE',
        fail_reason: 'DataInspectionFailed: Input data may contain inappropriate content.',
        progress: '100%',
        data: null,
      }),
    ).toStrictEqual({
      taskId: id,
      status: 'failed',
      providerStatus: 'FAILURE',
      progress: 1,
      outputs: [],
      error: {
        kind: 'content_policy',
        code: 'DataInspectionFailed',
        message: 'DataInspectionFailed: Input data may contain inappropriate content.',
      },
      timings: {},
    });
  });

  it.each([
    ['InvalidParameter: size is invalid', 'invalid_request', 'InvalidParameter'],
    ['Download the media resource timed out', 'invalid_input_url', undefined],
    ['InternalError.Timeout: timed out', 'timeout', 'InternalError.Timeout'],
    ['upstream quota exhausted', 'provider_error', undefined],
  ])('classifies the fail_reason %j as %s', (reason, kind, code) => {
    expect(status({ status: 'FAILURE', fail_reason: reason }).error).toStrictEqual({
      kind,
      ...(code === undefined ? {} : { code }),
      message: reason,
    });
  });

  it('reads the new-api envelope: progress, result_url, fail_reason, and no task id', () => {
    expect(status({ code: 'success', data: { status: 'IN_PROGRESS', progress: '30%' } })).toStrictEqual({
      status: 'running',
      providerStatus: 'IN_PROGRESS',
      progress: 0.3,
      outputs: [],
      timings: {},
    });
    expect(
      status({
        code: 'success',
        data: { task_id: 't-proxy', status: 'SUCCESS', result_url: 'https://cdn/wrapped.mp4' },
      }),
    ).toStrictEqual({
      taskId: 't-proxy',
      status: 'succeeded',
      providerStatus: 'SUCCESS',
      outputs: [{ kind: 'video', url: 'https://cdn/wrapped.mp4' }],
      timings: {},
    });
    expect(
      status({ code: 'success', data: { status: 'FAILURE', fail_reason: 'upstream quota exhausted' } }).error,
    ).toStrictEqual({
      kind: 'provider_error',
      message: 'upstream quota exhausted',
    });
  });

  it('reads OpenAI-video words, integer percent and error.message', () => {
    expect(status({ status: 'in_progress', progress: 42 })).toStrictEqual({
      status: 'running',
      providerStatus: 'in_progress',
      progress: 0.42,
      outputs: [],
      timings: {},
    });
    expect(status({ status: 'completed', progress: 100 })).toStrictEqual({
      status: 'succeeded',
      providerStatus: 'completed',
      progress: 1,
      outputs: [],
      timings: {},
    });
    expect(status({ status: 'failed', error: { message: 'moderation blocked' } }).error).toStrictEqual({
      kind: 'content_policy',
      message: 'moderation blocked',
    });
    expect(
      status({ task_id: 't2', status: 'failed', error: { code: 500, message: 'upstream down' } }).error,
    ).toStrictEqual({
      kind: 'provider_error',
      code: '500',
      message: 'upstream down',
    });
  });

  it('reads a flat url, keeps it over the upstream data.result_url, and ignores the error object of a success', () => {
    expect(
      status({
        task_id: 't-proxy',
        status: 'completed',
        url: 'https://cdn/flat.mp4',
        data: { result_url: 'https://cdn/wrapped.mp4' },
      }),
    ).toStrictEqual({
      taskId: 't-proxy',
      status: 'succeeded',
      providerStatus: 'completed',
      outputs: [{ kind: 'video', url: 'https://cdn/flat.mp4' }],
      timings: {},
    });
    expect(
      status({
        task_id: 'a',
        status: 'completed',
        url: 'https://example.com/video.mp4',
        format: 'mp4',
        error: { code: 0, message: 'string' },
      }),
    ).toStrictEqual({
      taskId: 'a',
      status: 'succeeded',
      providerStatus: 'completed',
      outputs: [{ kind: 'video', url: 'https://example.com/video.mp4' }],
      timings: {},
    });
  });

  it('reads data.outputs as strings or objects, skips items without a URL and never takes the input image', () => {
    expect(
      status(
        {
          status: 'SUCCESS',
          images: ['https://media.example.test/cat.png'],
          data: {
            outputs: ['https://cdn/1.mp4', { url: 'https://cdn/2.mp4' }, { url: null }],
            images: ['https://media.example.test/cat.png'],
          },
        },
        200,
        'image-to-video',
      ).outputs,
    ).toStrictEqual([
      { kind: 'video', url: 'https://cdn/1.mp4' },
      { kind: 'video', url: 'https://cdn/2.mp4' },
    ]);
  });

  it('keeps the outputs a failed task still reports', () => {
    expect(
      status({ status: 'FAILURE', fail_reason: 'partial', data: { output: 'https://cdn/1.mp4' } }).outputs,
    ).toStrictEqual([{ kind: 'video', url: 'https://cdn/1.mp4' }]);
  });

  it.each(['expired', 'thinking', '', 'UNKNOWN'])('reads the word %j as unknown, keeping it', (word) => {
    const state = status({ task_id: 'x', status: word });
    expect(state.status).toBe('unknown');
    expect(state.providerStatus).toBe(word === '' ? undefined : word);
  });

  it('reads a status nested one level down', () => {
    expect(status({ task_id: 'x', data: { status: 'in-progress', progress: '5%' } })).toMatchObject({
      taskId: 'x',
      status: 'running',
      progress: 0.05,
    });
  });

  it.each([
    [
      '400 task_not_exist (new-api answers an unknown id with 400)',
      400,
      { code: 'task_not_exist', message: 'task_not_exist', data: null },
      'not_found',
    ],
    ['404 {error:"…"}', 404, { error: 'task not found' }, 'not_found'],
    ['401 {error:"…"}', 401, { error: 'unauthorized' }, 'authentication'],
    [
      '500 flat {code:null, message}',
      500,
      { code: null, message: 'string', param: 'string', type: 'string' },
      'provider_error',
    ],
    ['500 get_task_failed', 500, { code: 'get_task_failed', message: 'db', data: null }, 'provider_error'],
  ])('refuses with %s', (_shape, httpStatus, body, kind) => {
    expect(thrown(() => status(body, httpStatus)).kind).toBe(kind);
  });

  it('reads an HTML error page by its status, and an unreadable 200 as invalid_response', () => {
    const html = '<html><body>502 Bad Gateway</body></html>';
    const read = (httpStatus: number, text: string) =>
      thrown(() =>
        adapter.readStatus(wireResponse(httpStatus, undefined, { text }), {
          now,
          kind: 'text-to-video',
          ref,
        }),
      );
    expect(read(502, html)).toMatchObject({ kind: 'provider_error', httpStatus: 502 });
    expect(read(200, '{"task_id":')).toMatchObject({ kind: 'invalid_response' });
    expect(read(200, '')).toMatchObject({ kind: 'invalid_response' });
    expect(read(200, '{"task_id":"x"}')).toMatchObject({ kind: 'invalid_response' });
  });

  it('reads a gateway timeout whose body is the running task as the task, but not an error body with a status word', () => {
    expect(status({ task_id: 'x', status: 'IN_PROGRESS' }, 504)).toMatchObject({ status: 'running' });
    expect(thrown(() => status({ status: 'failed', message: 'boom' }, 500))).toMatchObject({
      kind: 'provider_error',
      retryable: true,
    });
  });
});
