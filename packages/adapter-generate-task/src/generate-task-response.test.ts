import { type TaskRef, WankitError } from '@wankit/core';
import { wireResponse } from '@wankit/core/testing';
import { describe, expect, it } from 'vitest';
import { createGenerateTaskAdapter } from './generate-task-adapter.js';

// Bodies from /work/corpus/generate-task (sources in its SOURCES.md; each named by its corpus number) and
// wire-formats.md §3.11; the rest are variants of them that each exercise one reading rule.
const adapter = createGenerateTaskAdapter();
const now = new Date('2026-01-01T00:00:00Z');
const ref = { adapter: 'generate-task', taskId: 'task_1', kind: 'text-to-video' } as TaskRef;
const cdn = 'https://cdn.apixo.ai/output/abc123.mp4';
const in15Days = (ms: number) => new Date(ms + 15 * 24 * 3600 * 1000).toISOString();

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

function callback(body: unknown) {
  const { raw: _raw, ...state } = adapter.readCallback!(body, { now, kind: 'text-to-video', ref });
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

describe('generateTask create answers', () => {
  it.each([
    [
      'apixo {code:200, message, data:{taskId}} (001)',
      { code: 200, message: 'success', data: { taskId: 'task_abc123xyz789' } },
    ],
    [
      'kie {code:200, msg, data:{taskId}} (008)',
      { code: 200, msg: 'success', data: { taskId: 'task_abc123xyz789' } },
    ],
    ['code 0', { code: 0, msg: 'ok', data: { taskId: 'task_abc123xyz789' } }],
    ['code "success"', { code: 'success', data: { taskId: 'task_abc123xyz789' } }],
    ['no envelope', { taskId: 'task_abc123xyz789' }],
    ['task_id', { code: 200, data: { task_id: 'task_abc123xyz789' } }],
  ])('reads %s as submitted, with the mode in the ref meta', (_shape, body) => {
    expect(create(body)).toStrictEqual({ taskId: 'task_abc123xyz789', meta: { mode: 'text-to-video' } });
  });

  it('keeps a masked id as it is (008)', () => {
    expect(create({ code: 200, msg: 'success', data: { taskId: '281e5b0*****f39b9' } }).taskId).toBe(
      '281e5b0*****f39b9',
    );
  });

  it('keeps a task the provider took even when the HTTP status says error, with its state', () => {
    const answer = create(
      { code: 200, data: { taskId: 'task_1', state: 'pending', createTime: 1704067200000 } },
      504,
    );
    const { raw: _raw, ...state } = answer.state!;
    expect(answer.taskId).toBe('task_1');
    expect(state).toStrictEqual({
      taskId: 'task_1',
      status: 'queued',
      providerStatus: 'pending',
      outputs: [],
      timings: { createdAt: '2024-01-01T00:00:00.000Z' },
    });
  });

  it.each([
    [
      'apixo 400 with data.error (005)',
      400,
      { code: 400, message: 'Invalid request', data: { error: 'Missing required field: input.prompt' } },
      'invalid_request',
      '400',
    ],
    ['401', 401, { code: 401, message: 'Invalid or missing API Key', data: null }, 'authentication', '401'],
    ['402', 402, { code: 402, message: 'Insufficient balance', data: null }, 'insufficient_balance', '402'],
    [
      '403 naming content',
      403,
      { code: 403, message: 'Content blocked by safety review', data: null },
      'content_policy',
      '403',
    ],
    [
      '403 naming a key',
      403,
      { code: 403, message: 'API key lacks permission', data: null },
      'authentication',
      '403',
    ],
    [
      'kie 422 validation error',
      422,
      { code: 422, msg: 'prompt is required', data: null },
      'invalid_request',
      '422',
    ],
    [
      'kie 433 sub-key limit',
      200,
      { code: 433, msg: 'sub-key usage exceeded the limit', data: null },
      'insufficient_balance',
      '433',
    ],
    [
      'kie 451 image fetch',
      200,
      { code: 451, msg: 'Failed to fetch the image', data: null },
      'invalid_input_url',
      '451',
    ],
    [
      'kie 455 maintenance',
      200,
      { code: 455, msg: 'Service Unavailable', data: null },
      'provider_error',
      '455',
    ],
    [
      'kie 505 feature disabled',
      200,
      { code: 505, msg: 'feature disabled', data: null },
      'unsupported',
      '505',
    ],
    [
      'kie 500, data null (016)',
      500,
      { code: 500, msg: 'Server Error', data: null },
      'provider_error',
      '500',
    ],
    [
      'a refusal inside HTTP 200',
      200,
      { code: 402, msg: 'Insufficient credits', data: null },
      'insufficient_balance',
      '402',
    ],
    [
      'a forwarded DashScope refusal',
      400,
      {
        code: 400,
        message: 'DataInspectionFailed: Input data may contain inappropriate content.',
        data: null,
      },
      'content_policy',
      '400',
    ],
  ])('refuses with %s', (_shape, httpStatus, body, kind, providerCode) => {
    const error = thrown(() => create(body, httpStatus));
    expect(error.kind).toBe(kind);
    expect(error.httpStatus).toBe(httpStatus);
    expect(error.providerCode).toBe(providerCode);
  });

  it('names the status, the reason and its detail in a refusal', () => {
    const error = thrown(() =>
      create(
        { code: 400, message: 'Invalid request', data: { error: 'Missing required field: input.prompt' } },
        400,
      ),
    );
    expect(error.message).toBe(
      'generateTask answered HTTP 400: Invalid request (Missing required field: input.prompt)',
    );
    expect(error.retryable).toBe(false);
    expect(thrown(() => create({ code: 402, msg: 'Insufficient credits', data: null })).message).toBe(
      'generateTask answered HTTP 200 402: Insufficient credits',
    );
  });

  it('reads an HTML error page by its status and a 200 without a task id as invalid_response', () => {
    expect(thrown(() => create(undefined, 502, '<html>Bad Gateway</html>')).kind).toBe('provider_error');
    expect(thrown(() => create({ code: 200, msg: 'success', data: null })).kind).toBe('invalid_response');
    expect(thrown(() => create(undefined, 200, '')).kind).toBe('invalid_response');
  });
});

describe('generateTask status answers', () => {
  it('reads the documented success: resultJson as a string, unix-ms times, costTime in ms (003)', () => {
    const body = {
      code: 200,
      message: 'success',
      data: {
        taskId: 'task_1',
        state: 'success',
        resultJson: JSON.stringify({ resultUrls: [cdn] }),
        costTime: 12500,
        createTime: 1704067200000,
        completeTime: 1704067212500,
      },
    };
    expect(adapter.readStatus(wireResponse(200, body), { now, kind: 'text-to-video', ref })).toStrictEqual({
      taskId: 'task_1',
      status: 'succeeded',
      providerStatus: 'success',
      outputs: [{ kind: 'video', url: cdn, expiresAt: in15Days(1704067212500) }],
      usage: { processingMs: 12500 },
      timings: { createdAt: '2024-01-01T00:00:00.000Z', completedAt: '2024-01-01T00:00:12.500Z' },
      raw: body,
    });
  });

  it.each([
    ['pending', 'queued'],
    ['processing', 'running'],
    ['waiting', 'queued'],
    ['queuing', 'queued'],
    ['generating', 'running'],
    ['fail', 'failed'],
    ['SUCCESS', 'succeeded'],
    ['expired', 'unknown'],
  ])('reads the state word %s as %s, with the word kept', (word, neutral) => {
    expect(status({ code: 200, msg: 'success', data: { taskId: 'task_1', state: word } })).toMatchObject({
      status: neutral,
      providerStatus: word,
    });
  });

  it('reads a task that names no id, under `status`, with a 0-100 progress (025, 026)', () => {
    expect(status({ code: 200, msg: 'success', data: { state: 'queuing' } })).toStrictEqual({
      status: 'queued',
      providerStatus: 'queuing',
      outputs: [],
      timings: {},
    });
    expect(status({ code: 200, msg: 'success', data: { status: 'generating', progress: 35 } })).toStrictEqual(
      {
        status: 'running',
        providerStatus: 'generating',
        progress: 0.35,
        outputs: [],
        timings: {},
      },
    );
  });

  it('trusts the state word over a result already filled in, and reads null fields as absent (009)', () => {
    expect(
      status({
        code: 200,
        msg: 'success',
        data: {
          taskId: '281e5b0*****f39b9',
          model: 'wan/2-5-text-to-video',
          state: 'waiting',
          param: JSON.stringify({ input: { image_urls: ['https://example.com/in.png'] } }),
          resultJson: JSON.stringify({ resultUrls: ['https://file.aiquickdraw.com/x.mp4'] }),
          failCode: null,
          failMsg: null,
          costTime: null,
          completeTime: null,
          createTime: 1757584164490,
        },
      }),
    ).toStrictEqual({
      taskId: '281e5b0*****f39b9',
      status: 'queued',
      providerStatus: 'waiting',
      outputs: [],
      timings: { createdAt: '2025-09-11T09:49:24.490Z' },
    });
  });

  it('reads a kie success with empty failure fields and never takes the request echo for a result (010)', () => {
    const state = status(
      {
        code: 200,
        msg: 'success',
        data: {
          taskId: 'task_12345678',
          state: 'success',
          param: JSON.stringify({ input: { image_urls: ['https://example.com/in.png'] } }),
          resultJson: JSON.stringify({ resultUrls: ['https://example.com/generated-content.jpg'] }),
          failCode: '',
          failMsg: '',
          costTime: 15000,
          completeTime: 1698765432000,
          createTime: 1698765400000,
          updateTime: 1698765432000,
        },
      },
      200,
      'image-to-video',
    );
    expect(state).toStrictEqual({
      taskId: 'task_12345678',
      status: 'succeeded',
      providerStatus: 'success',
      outputs: [
        {
          kind: 'video',
          url: 'https://example.com/generated-content.jpg',
          expiresAt: in15Days(1698765432000),
        },
      ],
      usage: { processingMs: 15000 },
      timings: { createdAt: '2023-10-31T15:16:40.000Z', completedAt: '2023-10-31T15:17:12.000Z' },
    });
  });

  it.each([
    ['resultJson as an object', { resultJson: { resultUrls: [cdn] } }, 'video'],
    ['resultUrls beside it, as an array', { resultUrls: [cdn] }, 'video'],
    ['resultUrls sent unparsed', { resultUrls: JSON.stringify([cdn]) }, 'video'],
    ['resultImageUrls', { resultImageUrls: [cdn] }, 'image'],
    ['a bare result URL', { resultUrl: cdn }, 'video'],
  ])('finds the outputs in %s', (_shape, fields, kind) => {
    expect(
      status({ code: 200, data: { taskId: 'task_1', state: 'success', ...fields } }).outputs,
    ).toStrictEqual([{ kind, url: cdn }]);
  });

  it('keeps a success whose results cannot be read as a success, with a warning', () => {
    expect(
      status({ code: 200, data: { taskId: 'task_1', state: 'success', resultJson: '{"resultUrls": [' } }),
    ).toStrictEqual({
      taskId: 'task_1',
      status: 'succeeded',
      providerStatus: 'success',
      outputs: [],
      timings: {},
      warnings: [{ type: 'other', message: 'generateTask sent a resultJson that is not valid JSON' }],
    });
  });

  it('reads a failure with no envelope and no task id (004)', () => {
    expect(
      status({
        data: { state: 'failed', failCode: 'CONTENT_VIOLATION', failMsg: 'Content violates usage policy' },
      }),
    ).toStrictEqual({
      status: 'failed',
      providerStatus: 'failed',
      outputs: [],
      error: { kind: 'content_policy', code: 'CONTENT_VIOLATION', message: 'Content violates usage policy' },
      timings: {},
    });
  });

  it.each([
    [
      'a newer CamelCase failCode',
      { failCode: 'SensitiveContentDetected', failMsg: 'x' },
      'content_policy',
      'SensitiveContentDetected',
      'x',
    ],
    [
      'a numeric failCode string',
      { failCode: '500', failMsg: 'Internal server error' },
      'provider_error',
      '500',
      'Internal server error',
    ],
    [
      'errorCode/errorMessage',
      { errorCode: 'INVALID_IMAGE_URL', errorMessage: 'cannot fetch' },
      'invalid_input_url',
      'INVALID_IMAGE_URL',
      'cannot fetch',
    ],
    [
      'a forwarded DashScope code',
      { failCode: 'DataInspectionFailed', failMsg: 'Input data may contain inappropriate content.' },
      'content_policy',
      'DataInspectionFailed',
      'Input data may contain inappropriate content.',
    ],
    [
      'a DashScope code inside the reason',
      { failCode: '', failMsg: 'InvalidParameter: image size too small' },
      'invalid_request',
      'InvalidParameter',
      'InvalidParameter: image size too small',
    ],
    [
      'an unknown code',
      { failCode: 'SOMETHING_NEW', failMsg: 'odd' },
      'provider_error',
      'SOMETHING_NEW',
      'odd',
    ],
    [
      "a relay's error object",
      { error: { code: 110001, message: 'vendor rejected' } },
      'provider_error',
      '110001',
      'vendor rejected',
    ],
  ])('maps %s', (_shape, fields, kind, code, message) => {
    expect(status({ code: 200, data: { taskId: 'task_1', state: 'failed', ...fields } }).error).toStrictEqual(
      {
        kind,
        code,
        message,
      },
    );
  });

  it('keeps the outputs of a failed task and says so when no reason is given', () => {
    expect(status({ code: 200, data: { taskId: 'task_1', state: 'fail', resultUrls: [cdn] } })).toMatchObject(
      {
        status: 'failed',
        outputs: [{ kind: 'video', url: cdn }],
        error: { kind: 'provider_error', message: 'the task failed without a reason' },
      },
    );
  });

  it.each([
    ['501 "Generation Failed" (019)', 501, 'Generation Failed', 'provider_error'],
    ['408 "Upstream timeout" (020)', 408, 'Upstream timeout', 'timeout'],
  ])('reads an envelope code %s at HTTP 200 as the task having failed', (_shape, code, msg, kind) => {
    expect(status({ code, msg, data: null })).toStrictEqual({
      status: 'failed',
      outputs: [],
      error: { kind, code: String(code), message: msg },
    });
  });

  it.each([
    [
      'kie 422 at HTTP 200, not yet queryable (021)',
      200,
      { code: 422, msg: 'recordInfo is null', data: null },
      'not_found',
      '422',
      true,
    ],
    ['kie 422 (014)', 422, { code: 422, msg: 'recordInfo is null', data: null }, 'not_found', '422', true],
    [
      'kie 404 at HTTP 200 (022)',
      200,
      { code: 404, msg: 'Task not found', data: null },
      'not_found',
      '404',
      false,
    ],
    ['kie 404, no data (013)', 404, { code: 404, msg: 'Task not found' }, 'not_found', '404', false],
    [
      'kie 400, no data (011)',
      400,
      { code: 400, msg: 'taskId parameter is required' },
      'invalid_request',
      '400',
      false,
    ],
    ['kie 401 (012)', 401, { code: 401, msg: 'Unauthorized' }, 'authentication', '401', false],
    ['kie 429 (015)', 429, { code: 429, msg: 'Rate limit exceeded' }, 'rate_limited', '429', true],
    [
      'a 501 at HTTP 501',
      501,
      { code: 501, msg: 'Generation Failed', data: null },
      'provider_error',
      '501',
      true,
    ],
    ['a 500 at HTTP 200', 200, { code: 500, msg: 'Server Error', data: null }, 'provider_error', '500', true],
  ])('refuses with %s', (_shape, httpStatus, body, kind, providerCode, retryable) => {
    const error = thrown(() => status(body, httpStatus));
    expect({ kind: error.kind, code: error.providerCode, retryable: error.retryable }).toStrictEqual({
      kind,
      code: providerCode,
      retryable,
    });
    expect(error.message).toContain(body.msg);
  });

  it('reads a bare task a relay sends without the envelope, but not an error body with a status', () => {
    expect(status({ taskId: 'task_1', state: 'processing' })).toMatchObject({
      taskId: 'task_1',
      status: 'running',
    });
    expect(status({ state: 'success', resultJson: { resultUrls: [cdn] } })).toMatchObject({
      status: 'succeeded',
      outputs: [{ kind: 'video', url: cdn }],
    });
    expect(thrown(() => status({ status: 'error', message: 'upstream down' }, 502)).kind).toBe(
      'provider_error',
    );
  });

  it('reads progress as 0-100, a fraction or a percent string', () => {
    for (const progress of [30, 0.3, '30%']) {
      expect(status({ code: 200, data: { taskId: 'task_1', state: 'generating', progress } }).progress).toBe(
        0.3,
      );
    }
  });

  it('does not end a task on an error status whose body names no task (a proxy page with a state word)', () => {
    const error = thrown(() => status({ code: 500, msg: 'boom', data: { state: 'failed' } }, 500));
    expect({ kind: error.kind, retryable: error.retryable }).toStrictEqual({
      kind: 'provider_error',
      retryable: true,
    });
  });

  it('reads the task inside an error status (a gateway timeout that still reports it running)', () => {
    expect(status({ code: 200, data: { taskId: 'task_1', state: 'processing' } }, 504)).toMatchObject({
      status: 'running',
    });
  });

  it.each([
    ['malformed JSON', 200, '{"code":200,"data":{'],
    ['an empty body', 200, ''],
    ['an envelope without a task', 200, JSON.stringify({ code: 200, msg: 'success', data: {} })],
    ['an HTML page with 200', 200, '<html><body>maintenance</body></html>'],
  ])('reads %s as invalid_response', (_shape, httpStatus, text) => {
    expect(
      thrown(() =>
        adapter.readStatus(wireResponse(httpStatus, undefined, { text }), {
          now,
          kind: 'text-to-video',
          ref,
        }),
      ).kind,
    ).toBe('invalid_response');
  });
});

describe('generateTask callbacks', () => {
  it('reads the apixo success delivery with its task id (006)', () => {
    expect(
      callback({
        code: 200,
        message: 'success',
        data: {
          taskId: 'task_abc123xyz',
          state: 'success',
          resultJson: JSON.stringify({ resultUrls: ['https://cdn.apixo.ai/output/abc.mp4'] }),
          costTime: 12500,
          createTime: 1704067200000,
          completeTime: 1704067212500,
        },
      }),
    ).toStrictEqual({
      taskId: 'task_abc123xyz',
      status: 'succeeded',
      providerStatus: 'success',
      outputs: [
        { kind: 'video', url: 'https://cdn.apixo.ai/output/abc.mp4', expiresAt: in15Days(1704067212500) },
      ],
      usage: { processingMs: 12500 },
      timings: { createdAt: '2024-01-01T00:00:00.000Z', completedAt: '2024-01-01T00:00:12.500Z' },
    });
  });

  it('reads a kie success with credits and costTime in seconds (017)', () => {
    expect(
      callback({
        code: 200,
        data: {
          completeTime: 1755599644000,
          consumeCredits: 100,
          costTime: 8,
          createTime: 1755599634000,
          resultJson: JSON.stringify({ resultUrls: ['https://example.com/generated.mp4'] }),
          state: 'success',
          taskId: 'e989621f54392584b05867f87b160672',
        },
        msg: 'Playground task completed successfully.',
      }),
    ).toMatchObject({
      taskId: 'e989621f54392584b05867f87b160672',
      status: 'succeeded',
      usage: { cost: 100, currency: 'credits', processingMs: 8000 },
    });
  });

  it('reads a kie failure wrapped in envelope code 501 as the failed task (018)', () => {
    expect(
      callback({
        code: 501,
        data: {
          failCode: '500',
          failMsg: 'Internal server error',
          state: 'fail',
          taskId: 'bd3a37c523149e4adf45a3ddb5faf1a8',
        },
        msg: 'Playground task failed.',
      }),
    ).toStrictEqual({
      taskId: 'bd3a37c523149e4adf45a3ddb5faf1a8',
      status: 'failed',
      providerStatus: 'fail',
      outputs: [],
      error: { kind: 'provider_error', code: '500', message: 'Internal server error' },
      timings: {},
    });
  });

  it('fills a failure with the envelope when the task names no reason, and reads a bare failing envelope', () => {
    expect(
      callback({ code: 501, msg: 'Playground task failed.', data: { taskId: 't', state: 'fail' } }).error,
    ).toStrictEqual({
      kind: 'provider_error',
      code: '501',
      message: 'Playground task failed.',
    });
    expect(callback({ code: 400, msg: 'content violates policy', data: null })).toStrictEqual({
      status: 'failed',
      outputs: [],
      error: { kind: 'invalid_request', code: '400', message: 'content violates policy' },
    });
  });

  it('refuses a body with no task state', () => {
    expect(thrown(() => callback({ hello: 'world' })).kind).toBe('invalid_response');
    expect(thrown(() => callback('not json')).kind).toBe('invalid_response');
  });
});
