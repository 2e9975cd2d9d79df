import { createHttpTransport, validateRequest, WankitError } from '@wankit/core';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNativeAdapter, nativeDefaultBaseUrl } from './native-adapter.js';

const baseUrl = 'https://native.test';
const now = new Date('2026-03-01T12:00:00.000Z');
const context = () => ({ http: createHttpTransport({ baseUrl, apiKey: 'sk-native-unit' }), now: () => now });
const input = (request: unknown, callbackUrl?: string) => {
  const { request: checked, model } = validateRequest(request);
  return { request: checked, model, ...(callbackUrl ? { callbackUrl } : {}) };
};
const t2v = {
  kind: 'text-to-video',
  model: 'wan2.5-t2v-preview',
  prompt: 'p',
  size: '1280*720',
  durationSeconds: 10,
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('createNativeAdapter', () => {
  it('documents its defaults and capabilities', () => {
    const adapter = createNativeAdapter();
    expect(adapter.defaultBaseUrl).toBe(nativeDefaultBaseUrl);
    expect(nativeDefaultBaseUrl).toBe('https://cloud.vtrix.ai');
    expect(createNativeAdapter({ baseUrl: 'https://vtrix.ai' }).defaultBaseUrl).toBe('https://vtrix.ai');
    expect(adapter.capabilities).toMatchObject({
      kinds: ['text-to-video', 'image-to-video', 'text-to-image'],
      callbacks: false,
      cancel: false,
      progress: true,
      limits: {},
    });
    expect(adapter.capabilities.models).toContain('wan2.2-t2v-plus');
  });

  it('sends the wrapped body form and the intl ids when configured, and keeps the tier and duration in the ref', async () => {
    let body: unknown;
    nock(baseUrl)
      .post('/model/v1/generation', (received) => {
        body = received;
        return true;
      })
      .reply(200, { id: 't-9', status: 'pending' });
    const adapter = createNativeAdapter({
      bodyForm: 'wrapped',
      region: 'intl',
      modelIds: { 'wan2.5-t2v-preview': 'wan25_t2v_x' },
    });
    const result = await adapter.submit(input(t2v), context());
    expect(body).toStrictEqual({
      model: 'wan25_t2v_x',
      input: [{ params: { input: { prompt: 'p' }, parameters: { size: '1280*720', duration: 10 } } }],
    });
    expect(result.ref).toStrictEqual({
      spec: 'wankit.task/v1',
      adapter: 'native',
      taskId: 't-9',
      model: 'wan2.5-t2v-preview',
      providerModel: 'wan25_t2v_x',
      kind: 'text-to-video',
      submittedAt: now.toISOString(),
      resolution: '720p',
      durationSeconds: 10,
    });
    expect(result.snapshot?.status).toBe('queued');
    expect(createNativeAdapter({ region: 'intl' }).providerModelId('wan2.5-t2i-preview')).toBe(
      'wan25_t2i_preview_intl',
    );
  });

  it('refuses a callback URL and unknown provider options before any request', async () => {
    const adapter = createNativeAdapter();
    const refused = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        return error as WankitError;
      }
      throw new Error('expected a refusal');
    };
    const callback = refused(() => adapter.check?.(input(t2v, 'https://hooks.example/x')));
    expect([callback.kind, callback.field]).toStrictEqual(['unsupported', 'callbackUrl']);
    const options = refused(() =>
      adapter.check?.(input({ ...t2v, providerOptions: { native: { speed: 'fast' } } })),
    );
    expect([options.kind, options.field]).toStrictEqual(['invalid_request', 'providerOptions.native.speed']);
    await expect(adapter.submit(input(t2v, 'https://hooks.example/x'), context())).rejects.toSatisfy(
      (error) => WankitError.isInstance(error) && error.kind === 'unsupported',
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('refuses, before any request, catalog models the gateway has no id for and tiers it does not offer', async () => {
    const adapter = createNativeAdapter();
    const refusal = (request: unknown) => {
      try {
        adapter.check?.(input(request));
      } catch (error) {
        return error as WankitError;
      }
      throw new Error('expected a refusal');
    };
    const kf2v = refusal({
      kind: 'image-to-video',
      model: 'wanx2.1-kf2v-plus',
      image: 'https://example.com/a.png',
      lastImage: 'https://example.com/b.png',
    });
    expect([kf2v.kind, kf2v.field, kf2v.value]).toStrictEqual(['unsupported', 'model', 'wanx2.1-kf2v-plus']);
    expect(kf2v.allowed).toContain('wan2.2-t2v-plus');
    const low = refusal({
      kind: 'image-to-video',
      model: 'wan2.5-i2v-preview',
      image: 'https://example.com/a.png',
      resolution: '480p',
    });
    expect([low.kind, low.field, low.allowed]).toStrictEqual([
      'unsupported',
      'resolution',
      ['720p', '1080p'],
    ]);
    const mapped = createNativeAdapter({ modelIds: { 'wanx2.1-t2v-turbo': 'wanx21_t2v_turbo' } });
    expect(
      mapped.check?.(
        input({ kind: 'text-to-video', model: 'wanx2.1-t2v-turbo', prompt: 'p', size: '1280*720' }),
      ),
    ).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('reads timings, skips audio tracks and untyped content by kind, and drops an out-of-range progress', async () => {
    nock(baseUrl)
      .get('/model/v1/generation/task/t-1')
      .reply(200, {
        id: 't-1',
        status: 'processing',
        progress: 40,
        created_at: 1767225600,
        metadata: { in_queue_at: 1767225601 },
      })
      .get('/model/v1/generation/task/t-1')
      .reply(200, {
        id: 't-1',
        status: 'done',
        output: [
          {
            content: [
              { type: 'audio', url: 'https://cdn/a.mp3' },
              { url: 'https://cdn/v.mp4' },
              { type: 'video_url', url: 'https://cdn/w.mp4' },
            ],
          },
        ],
        usage: { cost: '1.2', discount: 0.1, quantity: 5, unit_price: '0.24' },
        metadata: { completed_at: 1767225790123 },
      });
    const adapter = createNativeAdapter();
    const ref = {
      spec: 'wankit.task/v1',
      adapter: 'native',
      taskId: 't-1',
      model: 'wan2.6-t2v',
      providerModel: 'wan26_t2v',
      kind: 'text-to-video',
      submittedAt: now.toISOString(),
    } as const;
    const running = await adapter.status(ref, context());
    expect([running.status, running.progress, running.providerStatus]).toStrictEqual([
      'running',
      undefined,
      'processing',
    ]);
    expect(running.timings).toStrictEqual({
      createdAt: '2026-01-01T00:00:00.000Z',
      startedAt: '2026-01-01T00:00:01.000Z',
      observedAt: now.toISOString(),
    });
    const done = await adapter.status(ref, context());
    expect(done.outputs).toStrictEqual([
      { kind: 'video', url: 'https://cdn/v.mp4' },
      { kind: 'video', url: 'https://cdn/w.mp4' },
    ]);
    expect(done.usage).toStrictEqual({
      cost: 1.2,
      currency: 'USD',
      discount: 0.1,
      extra: { quantity: 5, unit_price: '0.24' },
    });
    expect(done.timings.completedAt).toBe('2026-01-01T00:03:10.123Z');
  });

  it('reads the status word from beside the output content when the top level has none (seed 002 layout)', async () => {
    nock(baseUrl)
      .get('/model/v1/generation/task/t-2')
      .reply(200, {
        id: 't-2',
        output: [{ status: 'done', content: [{ type: 'video', url: 'https://cdn/x.mp4' }] }],
      });
    const ref = {
      spec: 'wankit.task/v1',
      adapter: 'native',
      taskId: 't-2',
      model: 'wan2.6-t2v',
      providerModel: 'wan26_t2v',
      kind: 'text-to-video',
      submittedAt: now.toISOString(),
    } as const;
    const done = await createNativeAdapter().status(ref, context());
    expect([done.status, done.providerStatus, done.outputs]).toStrictEqual([
      'succeeded',
      'done',
      [{ kind: 'video', url: 'https://cdn/x.mp4' }],
    ]);
  });

  it('keeps the ref on HTTP errors of a status read and never echoes the key', async () => {
    nock(baseUrl)
      .get('/model/v1/generation/task/t-2')
      .reply(403, { error: { message: 'permission denied' } });
    const ref = {
      spec: 'wankit.task/v1',
      adapter: 'native',
      taskId: 't-2',
      model: 'wan2.6-t2v',
      providerModel: 'wan26_t2v',
      kind: 'text-to-video',
      submittedAt: now.toISOString(),
    } as const;
    const error = (await createNativeAdapter()
      .status(ref, context())
      .catch((caught: unknown) => caught)) as WankitError;
    expect(error.toJSON()).toMatchObject({ kind: 'authentication', httpStatus: 403, taskRef: ref });
    expect(error.message).toBe('native gateway answered HTTP 403: permission denied');
    expect(JSON.stringify(error.toJSON())).not.toContain('sk-native-unit');
  });
});
