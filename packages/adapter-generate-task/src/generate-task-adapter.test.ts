import {
  type AdapterCallContext,
  type TaskRef,
  validateRequest,
  WankitError,
  type WireRequest,
  type WireResponse,
} from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { createGenerateTaskAdapter } from './generate-task-adapter.js';

const now = new Date('2026-01-01T00:00:00.000Z');
const day = 24 * 60 * 60 * 1000;

function reply(status: number, body: unknown, headers: Record<string, string> = {}): WireResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { status, headers: new Headers(headers), text, url: 'https://api.apixo.ai/api/v1/x' };
}

/** A transport that records what the adapter sends and answers from a list. */
function fakeContext(...responses: WireResponse[]) {
  const sent: WireRequest[] = [];
  const context: AdapterCallContext = {
    http: {
      async send(request) {
        sent.push(request);
        const next = responses.shift();
        if (!next) throw new Error('no more responses');
        return next;
      },
    },
    now: () => now,
  };
  return { context, sent };
}

async function rejection(promise: Promise<unknown>): Promise<WankitError> {
  try {
    await promise;
  } catch (error) {
    if (WankitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const t2vInput = () => {
  const { request, model } = validateRequest({
    kind: 'text-to-video',
    model: 'wan2.5-t2v-preview',
    prompt: 'a serene mountain landscape',
    size: '1920*1080',
    durationSeconds: 10,
  });
  return { request, model };
};

const ref: TaskRef = {
  spec: 'wankit.task/v1',
  adapter: 'generate-task',
  taskId: 'task_12345678',
  model: 'wan2.5-t2v-preview',
  providerModel: 'wan-2-5',
  kind: 'text-to-video',
  submittedAt: '2025-12-31T23:59:00.000Z',
};

const created = reply(200, { code: 200, message: 'success', data: { taskId: 'task_12345678' } });

describe('createGenerateTaskAdapter', () => {
  it('declares the documented capabilities', () => {
    const adapter = createGenerateTaskAdapter();
    expect(adapter.id).toBe('generate-task');
    expect(adapter.defaultBaseUrl).toBe('https://api.apixo.ai');
    expect(adapter.capabilities).toStrictEqual({
      kinds: ['text-to-video', 'image-to-video'],
      models: ['wan2.5-t2v-preview', 'wan2.5-i2v-preview'],
      callbacks: true,
      cancel: false,
      progress: false,
      limits: { requestsPerMinute: 10_000, concurrentTasks: 1000 },
      polling: { initialDelayMs: 50_000, intervalMs: 5_000 },
      resultTtlMs: 15 * day,
    });
    expect(adapter.providerModelId('wan2.5-i2v-preview')).toBe('wan-2-5');
  });

  it('accepts a base URL written with /api/v1 and a custom prefix', async () => {
    expect(createGenerateTaskAdapter({ baseUrl: 'https://api.apixo.ai/api/v1/' }).defaultBaseUrl).toBe(
      'https://api.apixo.ai',
    );
    const proxied = createGenerateTaskAdapter({
      baseUrl: 'https://proxy.example.test/apixo',
      apiPrefix: '/v1',
    });
    expect(proxied.defaultBaseUrl).toBe('https://proxy.example.test/apixo');
    const { context, sent } = fakeContext(created);
    await proxied.submit(t2vInput(), context);
    expect(sent[0]!.path).toBe('/v1/generateTask/wan-2-5');
  });

  it('submits the exact request and returns a self-contained ref', async () => {
    const adapter = createGenerateTaskAdapter();
    const { context, sent } = fakeContext(created);
    const result = await adapter.submit(t2vInput(), context);
    expect(sent).toStrictEqual([
      {
        method: 'POST',
        path: '/api/v1/generateTask/wan-2-5',
        json: {
          request_type: 'async',
          input: {
            mode: 'text-to-video',
            prompt: 'a serene mountain landscape',
            resolution: '1080p',
            duration: 10,
            aspect_ratio: '16:9',
          },
        },
        purpose: 'create',
      },
    ]);
    expect(result).toStrictEqual({
      ref: {
        spec: 'wankit.task/v1',
        adapter: 'generate-task',
        taskId: 'task_12345678',
        model: 'wan2.5-t2v-preview',
        providerModel: 'wan-2-5',
        kind: 'text-to-video',
        submittedAt: '2026-01-01T00:00:00.000Z',
        resolution: '1080p',
        durationSeconds: 10,
        meta: { mode: 'text-to-video', requestType: 'async' },
      },
      warnings: [],
    });
  });

  it('treats a non-200 body code on HTTP 200 as an error', async () => {
    const adapter = createGenerateTaskAdapter();
    const { context } = fakeContext(
      reply(200, { code: 401, message: 'Invalid or missing API Key', data: null }),
    );
    const error = await rejection(adapter.submit(t2vInput(), context));
    expect(error).toMatchObject({
      kind: 'authentication',
      retryable: false,
      httpStatus: 200,
      providerCode: '401',
    });
    expect(error.message).toBe('generateTask answered HTTP 200 with code 401: Invalid or missing API Key');
  });

  it('reads the error envelope, its details and Retry-After', async () => {
    const adapter = createGenerateTaskAdapter();
    const bad = reply(400, {
      code: 400,
      message: 'Invalid request',
      data: { error: 'Missing required field: input.prompt' },
    });
    const limited = reply(
      429,
      { code: 429, message: 'Rate limit exceeded', data: null },
      { 'Retry-After': '3' },
    );
    const { context } = fakeContext(bad, limited);
    const invalid = await rejection(adapter.submit(t2vInput(), context));
    expect(invalid.kind).toBe('invalid_request');
    expect(invalid.message).toBe(
      'generateTask answered HTTP 400 with code 400: Invalid request: Missing required field: input.prompt',
    );
    const rateLimited = await rejection(adapter.submit(t2vInput(), context));
    expect(rateLimited).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      retryAfterMs: 3000,
      httpStatus: 429,
    });
  });

  it('reports a create answer without a task id as invalid_response', async () => {
    const adapter = createGenerateTaskAdapter();
    const { context } = fakeContext(reply(200, { code: 200, message: 'success', data: {} }));
    expect((await rejection(adapter.submit(t2vInput(), context))).kind).toBe('invalid_response');
  });

  it('polls with the model in the path and the id in the query', async () => {
    const adapter = createGenerateTaskAdapter();
    const pending = {
      code: 200,
      message: 'success',
      data: { taskId: 'task_12345678', state: 'pending', createTime: 1704067200000 },
    };
    const { context, sent } = fakeContext(reply(200, pending));
    const snapshot = await adapter.status(ref, context);
    expect(sent).toStrictEqual([
      {
        method: 'GET',
        path: '/api/v1/statusTask/wan-2-5',
        query: { taskId: 'task_12345678' },
        purpose: 'read',
      },
    ]);
    expect(snapshot).toStrictEqual({
      ref,
      status: 'queued',
      providerStatus: 'pending',
      outputs: [],
      timings: { createdAt: '2024-01-01T00:00:00.000Z', observedAt: '2026-01-01T00:00:00.000Z' },
      raw: pending,
    });
  });

  it('reads a success: resultJson string, expiry 15 days after completion, costTime', async () => {
    const body = {
      code: 200,
      message: 'success',
      data: {
        taskId: 'task_12345678',
        state: 'success',
        resultJson: '{"resultUrls":["https://cdn.apixo.ai/output/abc123.mp4"]}',
        costTime: 65400,
        createTime: 1704067200000,
        completeTime: 1704067265400,
      },
    };
    const { context } = fakeContext(reply(200, body));
    const snapshot = await createGenerateTaskAdapter().status(ref, context);
    expect(snapshot).toStrictEqual({
      ref,
      status: 'succeeded',
      providerStatus: 'success',
      outputs: [
        {
          kind: 'video',
          url: 'https://cdn.apixo.ai/output/abc123.mp4',
          expiresAt: '2024-01-16T00:01:05.400Z',
        },
      ],
      usage: { processingMs: 65400 },
      timings: {
        createdAt: '2024-01-01T00:00:00.000Z',
        completedAt: '2024-01-01T00:01:05.400Z',
        observedAt: '2026-01-01T00:00:00.000Z',
      },
      raw: body,
    });
  });

  it('reads a failure with its code and message', async () => {
    const data = {
      taskId: 'task_12345678',
      state: 'failed',
      failCode: 'INVALID_IMAGE_URL',
      failMsg: 'Cannot access provided image URL',
      createTime: 1704067200000,
      completeTime: 1704067212000,
    };
    const { context } = fakeContext(reply(200, { code: 200, message: 'success', data }));
    const snapshot = await createGenerateTaskAdapter().status(ref, context);
    expect(snapshot.status).toBe('failed');
    expect(snapshot.outputs).toStrictEqual([]);
    expect(snapshot.error).toStrictEqual({
      kind: 'invalid_input_url',
      code: 'INVALID_IMAGE_URL',
      message: 'Cannot access provided image URL',
    });
  });

  it.each([
    ['malformed resultJson', { state: 'success', resultJson: '{"resultUrls":[' }],
    ['resultJson without resultUrls', { state: 'success', resultJson: '{"urls":["https://x"]}' }],
    ['success without resultJson', { state: 'success' }],
    ['no state', {}],
    ['another task', { taskId: 'task_other', state: 'pending' }],
  ])('reports %s as invalid_response', async (_name, data) => {
    const body = { code: 200, message: 'success', data: { taskId: 'task_12345678', ...data } };
    const { context } = fakeContext(reply(200, body));
    const error = await rejection(createGenerateTaskAdapter().status(ref, context));
    expect(error.kind).toBe('invalid_response');
    expect(error.taskRef).toStrictEqual(ref);
  });

  it('maps HTML error pages by their HTTP status and unreadable 200s to invalid_response', async () => {
    const { context } = fakeContext(
      reply(502, '<html><body>Bad Gateway</body></html>', { 'content-type': 'text/html' }),
      reply(200, ''),
      reply(200, '{"code":200,'),
      reply(200, { message: 'no code' }),
    );
    const adapter = createGenerateTaskAdapter();
    const gateway = await rejection(adapter.status(ref, context));
    expect(gateway).toMatchObject({ kind: 'provider_error', retryable: true, httpStatus: 502, taskRef: ref });
    expect(gateway.providerCode).toBeUndefined();
    for (let i = 0; i < 3; i++)
      expect((await rejection(adapter.status(ref, context))).kind).toBe('invalid_response');
  });

  it('polls a ref from another process with the provider model it carries', async () => {
    const submitter = createGenerateTaskAdapter({ modelIds: { 'wan2.5-t2v-preview': 'wan-2-5-video' } });
    const first = fakeContext(created);
    const { ref: submitted } = await submitter.submit(t2vInput(), first.context);
    const revived = JSON.parse(JSON.stringify(submitted)) as TaskRef;
    const poller = createGenerateTaskAdapter();
    const body = { code: 200, message: 'success', data: { taskId: 'task_12345678', state: 'processing' } };
    const second = fakeContext(reply(200, body));
    const snapshot = await poller.status(revived, second.context);
    expect(second.sent[0]!.path).toBe('/api/v1/statusTask/wan-2-5-video');
    expect(snapshot.status).toBe('running');
    expect(snapshot.ref).toStrictEqual(submitted);
  });

  it('refuses a ref of another adapter', async () => {
    const { context, sent } = fakeContext();
    const error = await rejection(createGenerateTaskAdapter().status({ ...ref, adapter: 'native' }, context));
    expect(error).toMatchObject({ kind: 'invalid_request', field: 'ref.adapter' });
    expect(sent).toStrictEqual([]);
  });
});

describe('parseCallback', () => {
  const adapter = createGenerateTaskAdapter();
  const parse = (body: unknown) => adapter.parseCallback!(body, ref, now);

  it('reads a success delivery like a status answer', () => {
    const body = {
      code: 200,
      message: 'success',
      data: {
        taskId: 'task_12345678',
        state: 'success',
        resultJson:
          '{"resultUrls":["https://cdn.apixo.ai/output/a.mp4","https://cdn.apixo.ai/output/b.mp4"]}',
        costTime: 70000,
        createTime: 1704067200000,
        completeTime: 1704067270000,
      },
    };
    const snapshot = parse(body);
    expect(snapshot.status).toBe('succeeded');
    expect(snapshot.outputs).toStrictEqual([
      { kind: 'video', url: 'https://cdn.apixo.ai/output/a.mp4', expiresAt: '2024-01-16T00:01:10.000Z' },
      { kind: 'video', url: 'https://cdn.apixo.ai/output/b.mp4', expiresAt: '2024-01-16T00:01:10.000Z' },
    ]);
    expect(snapshot.usage).toStrictEqual({ processingMs: 70000 });
    expect(snapshot.raw).toBe(body);
  });

  it('reads a failure delivery, keeping an unknown code', () => {
    const snapshot = parse({
      code: 200,
      message: 'success',
      data: { taskId: 'task_12345678', state: 'failed', failCode: 'NEW_CODE', failMsg: 'something new' },
    });
    expect(snapshot.error).toStrictEqual({
      kind: 'provider_error',
      code: 'NEW_CODE',
      message: 'something new',
    });
  });

  it.each([
    ['a string', 'not json'],
    ['null', null],
    ['no data', { code: 200, message: 'success' }],
    ['a non-200 code', { code: 500, message: 'error', data: { taskId: 'task_12345678', state: 'failed' } }],
    [
      'another task',
      { code: 200, data: { taskId: 'task_forged', state: 'success', resultJson: '{"resultUrls":[]}' } },
    ],
    [
      'a broken resultJson',
      { code: 200, data: { taskId: 'task_12345678', state: 'success', resultJson: 'nope' } },
    ],
  ])('rejects %s as invalid_response', (_name, body) => {
    let error: unknown;
    try {
      parse(body);
    } catch (caught) {
      error = caught;
    }
    expect(WankitError.isInstance(error) && error.kind).toBe('invalid_response');
  });
});
