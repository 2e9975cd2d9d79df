import {
  type AdapterSubmitInput,
  createClient,
  taskRefSchema,
  validateRequest,
  WankitError,
} from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { fakeTransport, unitContext } from './test-support/fake-transport.js';
import { createV2Adapter } from './v2-adapter.js';

const image = 'https://media.example.test/cat.png';
const taskId = 'e7bed961-d1b9-4b3f-8ef9-5f441bde28c8';

function input(
  request: Record<string, unknown>,
  extra: Partial<AdapterSubmitInput> = {},
): AdapterSubmitInput {
  const validated = validateRequest(request);
  return { request: validated.request, model: validated.model, ...extra };
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

const t2v = { kind: 'text-to-video', model: 'wan2.2-t2v-plus', prompt: 'dance' };

describe('createV2Adapter', () => {
  it('states its capabilities up front', () => {
    const adapter = createV2Adapter();
    expect(adapter.id).toBe('v2');
    expect(adapter.defaultBaseUrl).toBeUndefined();
    expect(adapter.capabilities).toStrictEqual({
      kinds: ['text-to-video', 'image-to-video'],
      models: [
        'wan2.2-t2v-plus',
        'wanx2.1-t2v-turbo',
        'wanx2.1-t2v-plus',
        'wan2.2-i2v-plus',
        'wan2.2-i2v-flash',
        'wanx2.1-i2v-turbo',
        'wanx2.1-i2v-plus',
        'wan2.5-i2v-preview',
        'wanx2.1-kf2v-plus',
      ],
      callbacks: false,
      cancel: false,
      progress: true,
      limits: {},
      polling: { initialDelayMs: 2000, intervalMs: 8000 },
      resultTtlMs: 86_400_000,
    });
    expect(adapter.parseCallback).toBeUndefined();
  });

  it('needs a base URL: core refuses, naming the setting, before any request', async () => {
    const client = createClient({ adapter: createV2Adapter(), apiKey: 'sk-v2-unit' });
    await expect(
      client.submit({ kind: 'text-to-video', model: 'wan2.2-t2v-plus', prompt: 'dance' }),
    ).rejects.toMatchObject({
      kind: 'invalid_request',
      field: 'baseUrl',
    });
    expect(() => createV2Adapter({ baseUrl: 'not a url' })).toThrow(
      /baseUrl "not a url" is not an absolute URL/,
    );
  });

  it('uses a configured base URL as its default', () => {
    expect(createV2Adapter({ baseUrl: 'https://api.example.test' }).defaultBaseUrl).toBe(
      'https://api.example.test',
    );
  });

  it('sends DashScope ids verbatim, fixing the wan2.1 spelling and honouring overrides', () => {
    const adapter = createV2Adapter({ modelIds: { 'wan2.5-t2v-preview': 'wan2.5-t2v-preview-0919' } });
    expect(adapter.providerModelId('wan2.2-t2v-plus')).toBe('wan2.2-t2v-plus');
    expect(adapter.providerModelId('wan2.1-t2v-turbo')).toBe('wanx2.1-t2v-turbo');
    expect(adapter.providerModelId('wan2.5-t2v-preview')).toBe('wan2.5-t2v-preview-0919');
    expect(adapter.capabilities.models).toContain('wan2.5-t2v-preview');
  });
});

describe('check', () => {
  const adapter = createV2Adapter();

  it('refuses text-to-image as unsupported', () => {
    const error = thrown(() =>
      adapter.check?.(input({ kind: 'text-to-image', model: 'wan2.5-t2i-preview', prompt: 'an apple' })),
    );
    expect([error.kind, error.field, error.value, error.allowed]).toStrictEqual([
      'unsupported',
      'kind',
      'text-to-image',
      ['text-to-video', 'image-to-video'],
    ]);
  });

  it('refuses a callback URL as unsupported', () => {
    const error = thrown(() => adapter.check?.(input(t2v, { callbackUrl: 'https://hooks.example.test/x' })));
    expect([error.kind, error.field]).toStrictEqual(['unsupported', 'callbackUrl']);
  });

  it('refuses a catalog model /v2 does not list, naming the allowed ones', () => {
    const error = thrown(() =>
      adapter.check?.(input({ kind: 'text-to-video', model: 'wan2.6-t2v', prompt: 'p' })),
    );
    expect([error.kind, error.field, error.value, error.allowed]).toStrictEqual([
      'unsupported',
      'model',
      'wan2.6-t2v',
      ['wan2.2-t2v-plus', 'wanx2.1-t2v-turbo', 'wanx2.1-t2v-plus'],
    ]);
    expect(error.message).toContain("createV2Adapter({ modelIds: { 'wan2.6-t2v': '<wire id>' } })");
  });

  it('accepts a model opted in through modelIds, or an unknown id the caller opted in to', () => {
    const optedIn = createV2Adapter({ modelIds: { 'wan2.6-t2v': 'wan2.6-t2v' } });
    expect(optedIn.check?.(input({ kind: 'text-to-video', model: 'wan2.6-t2v', prompt: 'p' }))).toStrictEqual(
      [],
    );
    const unknown = {
      request: { kind: 'text-to-video' as const, model: 'wan9-t2v', prompt: 'p' },
      model: undefined,
    };
    expect(adapter.check?.(unknown)).toStrictEqual([]);
  });

  it('warns about a shot type, which /v2 cannot carry', () => {
    const optedIn = createV2Adapter({ modelIds: { 'wan2.6-t2v': 'wan2.6-t2v' } });
    const request = {
      kind: 'text-to-video',
      model: 'wan2.6-t2v',
      prompt: 'p',
      shotType: 'multi',
      promptExtend: true,
    };
    expect(optedIn.check?.(input(request))).toStrictEqual([
      { type: 'unsupported', setting: 'shotType', details: 'the /v2 wire has no shot-type field' },
    ]);
  });

  it('refuses a last frame for a model that takes one image', () => {
    const unknownModel = {
      request: { kind: 'image-to-video' as const, model: 'wan2.2-i2v-plus', image, lastImage: image },
      model: undefined,
    };
    const error = thrown(() => adapter.check?.(unknownModel));
    expect([error.kind, error.field]).toStrictEqual(['unsupported', 'lastImage']);
  });

  it('refuses an unknown providerOptions.v2 key, naming it', () => {
    const error = thrown(() => adapter.check?.(input({ ...t2v, providerOptions: { v2: { size: '1*1' } } })));
    expect([error.kind, error.field, error.allowed]).toStrictEqual([
      'invalid_request',
      'providerOptions.v2.size',
      ['template'],
    ]);
  });
});

describe('submit', () => {
  it('POSTs the flat body and returns a JSON-safe ref', async () => {
    const http = fakeTransport([{ status: 200, body: { task_id: taskId } }]);
    const adapter = createV2Adapter();
    const result = await adapter.submit(
      input({
        kind: 'image-to-video',
        model: 'wan2.5-i2v-preview',
        prompt: 'turn',
        image,
        resolution: '720p',
      }),
      unitContext(http),
    );
    expect(http.sent).toStrictEqual([
      {
        method: 'POST',
        path: '/v2/videos/generations',
        json: { model: 'wan2.5-i2v-preview', prompt: 'turn', images: [image], resolution: '720P' },
        purpose: 'create',
      },
    ]);
    expect(result).toStrictEqual({
      ref: {
        spec: 'wankit.task/v1',
        adapter: 'v2',
        taskId,
        model: 'wan2.5-i2v-preview',
        providerModel: 'wan2.5-i2v-preview',
        kind: 'image-to-video',
        submittedAt: '2026-01-01T00:00:00.000Z',
        resolution: '720p',
        durationSeconds: 5,
      },
      warnings: [],
    });
    expect(taskRefSchema.parse(JSON.parse(JSON.stringify(result.ref)))).toStrictEqual(result.ref);
  });

  it('refuses before sending anything', async () => {
    const http = fakeTransport([]);
    const request = input({ kind: 'text-to-image', model: 'wan2.5-t2i-preview', prompt: 'an apple' });
    await expect(createV2Adapter().submit(request, unitContext(http))).rejects.toMatchObject({
      kind: 'unsupported',
    });
    expect(http.sent).toStrictEqual([]);
  });

  it('reads a refusal sent with HTTP 200 as that refusal', async () => {
    const http = fakeTransport([
      { status: 200, body: { code: 'quota_not_enough', message: 'user quota is not enough' } },
    ]);
    await expect(createV2Adapter().submit(input(t2v), unitContext(http))).rejects.toMatchObject({
      kind: 'insufficient_balance',
      providerCode: 'quota_not_enough',
    });
  });

  it('throws invalid_response for an answer without task_id', async () => {
    const http = fakeTransport([{ status: 200, body: { id: 'x' } }]);
    await expect(createV2Adapter().submit(input(t2v), unitContext(http))).rejects.toMatchObject({
      kind: 'invalid_response',
    });
  });
});

describe('status', () => {
  const ref = {
    spec: 'wankit.task/v1',
    adapter: 'v2',
    taskId,
    model: 'wan2.2-t2v-plus',
    providerModel: 'wan2.2-t2v-plus',
    kind: 'text-to-video',
    submittedAt: '2026-01-01T00:00:00.000Z',
  } as const;
  const base = {
    task_id: taskId,
    platform: 'alibaba',
    action: '',
    fail_reason: '',
    submit_time: 1756349509,
    search_item: '',
  };
  const url =
    'https://dashscope-result-hz.oss-cn-hangzhou.aliyuncs.com/1.mp4?Expires=1756436345&OSSAccessKeyId=k&Signature=s';

  async function statusOf(body: unknown) {
    const http = fakeTransport([{ status: 200, body }]);
    const snapshot = await createV2Adapter().status(ref, unitContext(http));
    expect(http.sent).toStrictEqual([
      { method: 'GET', path: `/v2/videos/generations/${taskId}`, purpose: 'read' },
    ]);
    return snapshot;
  }

  it('reads a running task with its percentage progress', async () => {
    const body = {
      ...base,
      status: 'IN_PROGRESS',
      start_time: 1756349512,
      finish_time: 0,
      progress: '30%',
      data: null,
    };
    expect(await statusOf(body)).toStrictEqual({
      ref,
      status: 'running',
      providerStatus: 'IN_PROGRESS',
      progress: 0.3,
      outputs: [],
      timings: {
        createdAt: '2025-08-28T02:51:49.000Z',
        startedAt: '2025-08-28T02:51:52.000Z',
        observedAt: '2026-01-01T00:00:00.000Z',
      },
      raw: body,
    });
  });

  it('reads a finished task; the URL expires when its OSS signature says', async () => {
    const body = {
      ...base,
      status: 'SUCCESS',
      start_time: 1756349512,
      finish_time: 1756349945,
      progress: '100%',
      data: { output: url },
    };
    const snapshot = await statusOf(body);
    expect(snapshot.status).toBe('succeeded');
    expect(snapshot.progress).toBe(1);
    expect(snapshot.outputs).toStrictEqual([{ kind: 'video', url, expiresAt: '2025-08-29T02:59:05.000Z' }]);
    expect(snapshot.timings.completedAt).toBe('2025-08-28T02:59:05.000Z');
  });

  it('reads data.outputs; without an Expires parameter a URL lives 24 h from finish_time', async () => {
    const body = {
      ...base,
      status: 'SUCCESS',
      finish_time: 1756349945,
      progress: '100%',
      data: { outputs: ['https://cdn.example.test/a.mp4', { url: 'https://cdn.example.test/b.mp4' }] },
    };
    expect((await statusOf(body)).outputs).toStrictEqual([
      { kind: 'video', url: 'https://cdn.example.test/a.mp4', expiresAt: '2025-08-29T02:59:05.000Z' },
      { kind: 'video', url: 'https://cdn.example.test/b.mp4', expiresAt: '2025-08-29T02:59:05.000Z' },
    ]);
  });

  it('reads a failed task: fail_reason carries the upstream code', async () => {
    const reason = 'DataInspectionFailed: Input data may contain inappropriate content.';
    const body = {
      ...base,
      status: 'FAILURE',
      fail_reason: reason,
      finish_time: 1756349530,
      progress: '100%',
      data: null,
    };
    const snapshot = await statusOf(body);
    expect([snapshot.status, snapshot.outputs, snapshot.error]).toStrictEqual([
      'failed',
      [],
      { kind: 'content_policy', code: 'DataInspectionFailed', message: reason },
    ]);
  });

  it('reads an unrecognised status word as unknown', async () => {
    expect((await statusOf({ ...base, status: '', progress: '0%', data: null })).status).toBe('unknown');
  });

  it('throws invalid_response for a body it cannot read, carrying the ref', async () => {
    for (const answer of [
      { status: 200, text: '{"status": "SUCC' },
      { status: 200, text: '' },
      { status: 200, body: { task_id: taskId } },
      { status: 200, body: { ...base, status: 'SUCCESS', data: null } },
    ]) {
      const http = fakeTransport([answer]);
      await expect(createV2Adapter().status(ref, unitContext(http))).rejects.toMatchObject({
        kind: 'invalid_response',
        taskRef: ref,
      });
    }
  });

  it('maps task_not_exist to not_found, carrying the ref', async () => {
    const http = fakeTransport([
      { status: 400, body: { code: 'task_not_exist', message: 'task_not_exist', data: null } },
    ]);
    await expect(createV2Adapter().status(ref, unitContext(http))).rejects.toMatchObject({
      kind: 'not_found',
      providerCode: 'task_not_exist',
      taskRef: ref,
    });
  });
});
