import { type GenerationRequest, getModel, prepareRequest, type TaskRef, WankitError } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { createGenerateTaskAdapter, type GenerateTaskAdapterSettings } from './generate-task-adapter.js';
import type { GenerateTaskCreateBody } from './generate-task-wire-schemas.js';

const image = 'https://media.example.test/cat.png';

/** As core's client does it: catalog validation, core's refusals, then the adapter's request. */
function prepare(
  request: Record<string, unknown>,
  options: { callbackUrl?: string; settings?: GenerateTaskAdapterSettings } = {},
) {
  const adapter = createGenerateTaskAdapter(options.settings);
  const prepared = prepareRequest(adapter, request as GenerationRequest, {
    ...(options.callbackUrl === undefined ? {} : { callbackUrl: options.callbackUrl }),
  });
  return {
    wire: prepared.wire,
    warnings: prepared.warnings,
    body: prepared.wire.json as GenerateTaskCreateBody,
  };
}

/** Straight to the adapter, as for a model the catalog does not know (or one that skips its checks). */
function createRaw(request: Record<string, unknown>) {
  const adapter = createGenerateTaskAdapter();
  const model = getModel(request.model as string);
  return adapter.createRequest({
    request: request as GenerationRequest,
    model,
    providerModel: adapter.providerModelId(request.model as string),
  });
}

function thrown(run: () => unknown): WankitError {
  try {
    run();
  } catch (error) {
    if (WankitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a WankitError');
}

const t2v = {
  kind: 'text-to-video',
  model: 'wan2.5-t2v-preview',
  prompt: 'A kitten running in the moonlight',
} as const;
const i2v = {
  kind: 'image-to-video',
  model: 'wan2.5-i2v-preview',
  prompt: 'The cat turns its head',
  image,
} as const;

describe('generateTask create requests', () => {
  it('posts only what was asked for to /api/v1/generateTask/{model}', () => {
    expect(prepare(t2v)).toStrictEqual({
      wire: {
        method: 'POST',
        path: '/api/v1/generateTask/wan-2-5',
        json: { request_type: 'async', input: { mode: 'text-to-video', prompt: t2v.prompt } },
        purpose: 'create',
      },
      warnings: [],
      body: { request_type: 'async', input: { mode: 'text-to-video', prompt: t2v.prompt } },
    });
  });

  it('maps every neutral field of a full text-to-video request, and warns of those it cannot send', () => {
    const { body, warnings } = prepare({
      ...t2v,
      negativePrompt: 'low quality, blurry',
      resolution: '1080p',
      aspectRatio: '16:9',
      durationSeconds: 10,
      seed: 42,
      promptExtend: false,
      watermark: true,
      audio: true,
    });
    expect(body).toStrictEqual({
      request_type: 'async',
      input: {
        mode: 'text-to-video',
        prompt: t2v.prompt,
        resolution: '1080p',
        duration: 10,
        aspect_ratio: '16:9',
        negative_prompt: 'low quality, blurry',
        seed: 42,
        enable_prompt_expansion: false,
      },
    });
    expect(warnings).toStrictEqual([
      {
        type: 'unsupported',
        setting: 'watermark',
        details: 'generateTask wan-2-5 has no such field; not sent',
      },
      { type: 'unsupported', setting: 'audio', details: 'generateTask wan-2-5 has no such field; not sent' },
    ]);
  });

  it('converts a neutral size to resolution and aspect ratio', () => {
    expect(prepare({ ...t2v, size: '720*1280' }).body.input).toStrictEqual({
      mode: 'text-to-video',
      prompt: t2v.prompt,
      resolution: '720p',
      aspect_ratio: '9:16',
    });
    expect(prepare({ ...t2v, size: '1440*1440' }).body.input).toMatchObject({
      resolution: '1080p',
      aspect_ratio: '1:1',
    });
  });

  it('sends image-to-video with exactly one image and no aspect ratio', () => {
    const { body } = prepare({
      ...i2v,
      resolution: '720p',
      durationSeconds: 5,
      negativePrompt: 'blur',
      seed: 7,
    });
    expect(body).toStrictEqual({
      request_type: 'async',
      input: {
        mode: 'image-to-video',
        prompt: i2v.prompt,
        image_urls: [image],
        resolution: '720p',
        duration: 5,
        negative_prompt: 'blur',
        seed: 7,
      },
    });
  });

  it('warns and drops an aspect ratio, or the aspect of a size, on image-to-video', () => {
    const aspect = createRaw({ ...i2v, aspectRatio: '9:16' });
    expect(aspect.wire.json).toStrictEqual({
      request_type: 'async',
      input: { mode: 'image-to-video', prompt: i2v.prompt, image_urls: [image] },
    });
    expect(aspect.warnings).toStrictEqual([
      {
        type: 'unsupported',
        setting: 'aspectRatio',
        details: 'generateTask image-to-video takes the aspect ratio of the image; aspectRatio was not sent',
      },
    ]);
    const size = createRaw({ ...i2v, size: '1280*720' });
    expect((size.wire.json as { input: unknown }).input).toStrictEqual({
      mode: 'image-to-video',
      prompt: i2v.prompt,
      image_urls: [image],
      resolution: '720p',
    });
    expect(size.warnings).toStrictEqual([
      {
        type: 'unsupported',
        setting: 'size',
        details:
          'generateTask image-to-video takes the aspect ratio of the image; size 1280*720 was sent as resolution 720p',
      },
    ]);
  });

  it('routes through providerOptions (camelCase keys), over the adapter setting', () => {
    const official = { ...t2v, providerOptions: { 'generate-task': { provider: 'official' } } };
    expect(prepare(official).body.provider).toBe('official');
    expect(prepare(t2v, { settings: { provider: 'value' } }).body.provider).toBe('value');
    expect(prepare(official, { settings: { provider: 'value' } }).body.provider).toBe('official');
    expect(prepare({ ...t2v, providerOptions: { 'other-adapter': { x: 1 } } }).body).not.toHaveProperty(
      'provider',
    );
  });

  it('asks for a callback when a callback URL is given', () => {
    const callbackUrl = 'https://hooks.example.test/wankit?wankit_task=k1&wankit_token=secret-token';
    expect(prepare(t2v, { callbackUrl }).body).toStrictEqual({
      request_type: 'callback',
      callback_url: callbackUrl,
      input: { mode: 'text-to-video', prompt: t2v.prompt },
    });
  });

  it('accepts a loopback http callback only when allowed, and never names the token', () => {
    const callbackUrl = 'http://127.0.0.1:4010/cb?wankit_token=secret-token';
    const refused = thrown(() => prepare(t2v, { callbackUrl }));
    expect(refused).toMatchObject({
      kind: 'invalid_request',
      field: 'callbackUrl',
      value: 'http://127.0.0.1:4010/cb',
    });
    expect(refused.message).toBe(
      'callbackUrl http://127.0.0.1:4010/cb must be an https URL the provider can reach (set allowLoopbackHttpCallbacks on the adapter for a local test server)',
    );
    const allowed = prepare(t2v, { callbackUrl, settings: { allowLoopbackHttpCallbacks: true } });
    expect(allowed.body.callback_url).toBe(callbackUrl);
    const remote = thrown(() =>
      prepare(t2v, {
        callbackUrl: 'http://hooks.example.test/cb',
        settings: { allowLoopbackHttpCallbacks: true },
      }),
    );
    expect(remote.message).toBe(
      'callbackUrl http://hooks.example.test/cb must be an https URL the provider can reach',
    );
    expect(thrown(() => prepare(t2v, { callbackUrl: 'not a url' })).value).toBe('(not a URL)');
  });

  it('takes the base and path prefix from the settings, splitting a base that ends in /api/v1', () => {
    const split = createGenerateTaskAdapter({ baseUrl: 'https://api.apixo.ai/api/v1/' });
    expect(split.defaultBaseUrl).toBe('https://api.apixo.ai');
    const prefixed = prepare(t2v, { settings: { baseUrl: 'https://relay.example.test', apiPrefix: '/gt/' } });
    expect(prefixed.wire.path).toBe('/gt/generateTask/wan-2-5');
    expect(thrown(() => createGenerateTaskAdapter({ baseUrl: 'http://relay.example.test' })).field).toBe(
      'baseUrl',
    );
  });

  it('maps configured model ids and sends an opted-in unknown id as it is', () => {
    const mapped = prepare(
      { ...t2v, model: 'wan2.2-t2v-plus', size: '1920*1080' },
      {
        settings: { modelIds: { 'wan2.2-t2v-plus': 'wan-2-2' } },
      },
    );
    expect(mapped.wire.path).toBe('/api/v1/generateTask/wan-2-2');
    expect(createRaw({ ...t2v, model: 'wan-2-5-video' }).wire.path).toBe(
      '/api/v1/generateTask/wan-2-5-video',
    );
  });
});

describe('generateTask create requests: refusals before sending', () => {
  it('names the equivalents of a size the wire cannot express', () => {
    const error = thrown(() => prepare({ ...t2v, size: '1632*1248' }));
    expect(error).toMatchObject({ kind: 'invalid_request', field: 'size', value: '1632*1248' });
    expect(error.message).toContain('size 1632*1248 (1080p 4:3) has no generateTask equivalent');
    expect(error.allowed).toStrictEqual([
      '1280*720 → 720p 16:9',
      '720*1280 → 720p 9:16',
      '960*960 → 720p 1:1',
      '1920*1080 → 1080p 16:9',
      '1080*1920 → 1080p 9:16',
      '1440*1440 → 1080p 1:1',
    ]);
  });

  it('refuses 480p, as a size or a resolution', () => {
    expect(thrown(() => prepare({ ...t2v, size: '832*480' })).message).toBe(
      'resolution 480p (size 832*480) is not offered by generateTask; allowed: 720p, 1080p',
    );
    expect(thrown(() => prepare({ ...t2v, resolution: '480p' }))).toMatchObject({
      kind: 'invalid_request',
      field: 'resolution',
      value: '480p',
      allowed: ['720p', '1080p'],
    });
    expect(thrown(() => prepare({ ...i2v, resolution: '480p' })).field).toBe('resolution');
  });

  it('refuses aspect ratios other than 16:9, 9:16 and 1:1, and a size that contradicts them', () => {
    expect(thrown(() => createRaw({ ...t2v, resolution: '720p', aspectRatio: '3:4' }))).toMatchObject({
      field: 'aspectRatio',
      value: '3:4',
    });
    expect(thrown(() => createRaw({ ...t2v, size: '1000*1000' })).message).toMatch(/^size 1000\*1000 has no/);
    expect(thrown(() => createRaw({ ...t2v, size: '1280*720', aspectRatio: '9:16' }))).toMatchObject({
      field: 'aspectRatio',
      message: 'aspectRatio 9:16 contradicts size 1280*720, which is 16:9',
    });
  });

  it('refuses durations other than 5 and 10', () => {
    expect(thrown(() => createRaw({ ...t2v, durationSeconds: 15 }))).toMatchObject({
      kind: 'invalid_request',
      field: 'durationSeconds',
      value: 15,
      allowed: [5, 10],
    });
  });

  it('refuses text-to-image through core, as unsupported', () => {
    expect(
      thrown(() => prepare({ kind: 'text-to-image', model: 'wan2.5-t2i-preview', prompt: 'an apple' })),
    ).toMatchObject({ kind: 'unsupported', field: 'kind' });
  });

  it('refuses a second image and data URIs', () => {
    expect(thrown(() => createRaw({ ...i2v, lastImage: image }))).toMatchObject({
      kind: 'unsupported',
      field: 'lastImage',
    });
    expect(thrown(() => prepare({ ...i2v, image: 'data:image/png;base64,iVBORw0KGgo=' }))).toMatchObject({
      kind: 'invalid_request',
      field: 'image',
    });
  });

  it('refuses a missing or over-long prompt and an over-long negative prompt', () => {
    const { prompt: _prompt, ...noPrompt } = i2v;
    expect(thrown(() => prepare(noPrompt))).toMatchObject({ kind: 'invalid_request', field: 'prompt' });
    expect(thrown(() => prepare({ ...t2v, prompt: 'x'.repeat(801) }))).toMatchObject({
      field: 'prompt',
      value: '801 characters',
    });
    expect(prepare({ ...t2v, prompt: '猫'.repeat(800) }).body.input.prompt).toHaveLength(800);
    expect(thrown(() => createRaw({ ...t2v, negativePrompt: 'n'.repeat(501) })).field).toBe('negativePrompt');
  });

  it('refuses unknown or misspelt providerOptions keys and values', () => {
    const unknown = thrown(() =>
      prepare({ ...t2v, providerOptions: { 'generate-task': { provdier: 'value' } } }),
    );
    expect(unknown).toMatchObject({
      kind: 'invalid_request',
      field: 'providerOptions.generate-task.provdier',
    });
    expect(
      thrown(() => prepare({ ...t2v, providerOptions: { 'generate-task': { provider: 'cheap' } } })),
    ).toMatchObject({
      field: 'providerOptions.generate-task.provider',
      value: 'cheap',
      allowed: ['auto', 'value', 'official'],
    });
  });
});

describe('generateTask status requests', () => {
  it('names the model in the path and the task in taskId', () => {
    const ref = { adapter: 'generate-task', taskId: 'task 1', providerModel: 'wan-2-5' } as TaskRef;
    expect(createGenerateTaskAdapter().statusRequest(ref)).toStrictEqual({
      method: 'GET',
      path: '/api/v1/statusTask/wan-2-5',
      query: { taskId: 'task 1' },
      purpose: 'read',
    });
  });
});
