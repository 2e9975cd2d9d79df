import { type GenerationRequest, getModel, validateRequest, WankitError } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { defaultGenerateTaskModelIds } from './generate-task-model-ids.js';
import { buildGenerateTaskBody, type GenerateTaskBodySettings } from './generate-task-request-body.js';

const settings: GenerateTaskBodySettings = {
  modelIds: defaultGenerateTaskModelIds,
  allowLoopbackHttpCallbacks: false,
};
const image = 'https://media.example.test/cat.png';

/** As core's client does it: catalog validation first, then the adapter. */
function build(
  input: unknown,
  options: { callbackUrl?: string; settings?: Partial<GenerateTaskBodySettings> } = {},
) {
  const validated = validateRequest(input);
  const built = buildGenerateTaskBody(
    {
      request: validated.request,
      model: validated.model,
      ...(options.callbackUrl ? { callbackUrl: options.callbackUrl } : {}),
    },
    { ...settings, ...options.settings },
  );
  return { ...built, catalogWarnings: validated.warnings };
}

/** Straight to the adapter, as a caller that skips the catalog (or an unknown model) would. */
function buildRaw(request: Record<string, unknown>, options: { callbackUrl?: string } = {}) {
  return buildGenerateTaskBody(
    {
      request: request as GenerationRequest,
      model: getModel(request.model as string),
      ...(options.callbackUrl ? { callbackUrl: options.callbackUrl } : {}),
    },
    settings,
  );
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

describe('buildGenerateTaskBody: bodies', () => {
  it('sends only what was asked for text-to-video', () => {
    const built = build(t2v);
    expect(built.providerModel).toBe('wan-2-5');
    expect(built.body).toStrictEqual({
      request_type: 'async',
      input: { mode: 'text-to-video', prompt: 'A kitten running in the moonlight' },
    });
    expect(built.warnings).toStrictEqual([]);
    expect(built.resolution).toBeUndefined();
  });

  it('maps every neutral field of a full text-to-video request', () => {
    const built = build({
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
    expect(built.body).toStrictEqual({
      request_type: 'async',
      input: {
        mode: 'text-to-video',
        prompt: 'A kitten running in the moonlight',
        resolution: '1080p',
        duration: 10,
        aspect_ratio: '16:9',
        negative_prompt: 'low quality, blurry',
        seed: 42,
        enable_prompt_expansion: false,
      },
    });
    expect(built.warnings).toStrictEqual([
      {
        type: 'unsupported',
        setting: 'watermark',
        details: 'generateTask wan-2-5 has no such field; not sent',
      },
      { type: 'unsupported', setting: 'audio', details: 'generateTask wan-2-5 has no such field; not sent' },
    ]);
    expect(built.resolution).toBe('1080p');
    expect(built.durationSeconds).toBe(10);
  });

  it('converts a neutral size to resolution and aspect ratio', () => {
    expect(build({ ...t2v, size: '720*1280' }).body.input).toStrictEqual({
      mode: 'text-to-video',
      prompt: t2v.prompt,
      resolution: '720p',
      aspect_ratio: '9:16',
    });
    expect(build({ ...t2v, size: '1440*1440' }).body.input).toMatchObject({
      resolution: '1080p',
      aspect_ratio: '1:1',
    });
  });

  it('sends image-to-video with exactly one image and no aspect ratio', () => {
    const built = build({ ...i2v, resolution: '720p', durationSeconds: 5, negativePrompt: 'blur', seed: 7 });
    expect(built.body).toStrictEqual({
      request_type: 'async',
      input: {
        mode: 'image-to-video',
        prompt: 'The cat turns its head',
        image_urls: [image],
        resolution: '720p',
        duration: 5,
        negative_prompt: 'blur',
        seed: 7,
      },
    });
  });

  it('warns and drops an aspect ratio on image-to-video', () => {
    const built = buildRaw({ ...i2v, aspectRatio: '9:16' });
    expect(built.body.input).toStrictEqual({
      mode: 'image-to-video',
      prompt: i2v.prompt,
      image_urls: [image],
    });
    expect(built.warnings).toStrictEqual([
      {
        type: 'unsupported',
        setting: 'aspectRatio',
        details: 'generateTask image-to-video takes the aspect ratio of the image; aspectRatio was not sent',
      },
    ]);
  });

  it('routes through providerOptions, over the adapter setting', () => {
    const official = { ...t2v, providerOptions: { 'generate-task': { provider: 'official' } } };
    expect(build(official).body.provider).toBe('official');
    expect(build(t2v, { settings: { provider: 'value' } }).body.provider).toBe('value');
    expect(build(official, { settings: { provider: 'value' } }).body.provider).toBe('official');
    expect(build({ ...t2v, providerOptions: { 'other-adapter': { x: 1 } } }).body).not.toHaveProperty(
      'provider',
    );
  });

  it('asks for a callback when a callback URL is given', () => {
    const callbackUrl = 'https://hooks.example.test/wankit?wankit_task=k1&wankit_token=secret-token';
    expect(build(t2v, { callbackUrl }).body).toStrictEqual({
      request_type: 'callback',
      callback_url: callbackUrl,
      input: { mode: 'text-to-video', prompt: t2v.prompt },
    });
  });

  it('accepts a loopback http callback only when allowed', () => {
    const callbackUrl = 'http://127.0.0.1:4010/cb?wankit_token=secret-token';
    const refused = thrown(() => build(t2v, { callbackUrl }));
    expect(refused.kind).toBe('invalid_request');
    expect(refused.field).toBe('callbackUrl');
    expect(refused.message).not.toContain('secret-token');
    const allowed = build(t2v, { callbackUrl, settings: { allowLoopbackHttpCallbacks: true } });
    expect(allowed.body.callback_url).toBe(callbackUrl);
    const remote = thrown(() =>
      build(t2v, {
        callbackUrl: 'http://hooks.example.test/cb',
        settings: { allowLoopbackHttpCallbacks: true },
      }),
    );
    expect(remote.message).toBe(
      'callbackUrl http://hooks.example.test/cb must be an https URL the provider can reach',
    );
    expect(thrown(() => build(t2v, { callbackUrl: 'not a url' })).kind).toBe('invalid_request');
  });
});

describe('buildGenerateTaskBody: refusals before sending', () => {
  it('names the equivalents of a size the wire cannot express', () => {
    const error = thrown(() => build({ ...t2v, size: '1632*1248' }));
    expect(error.kind).toBe('invalid_request');
    expect(error.field).toBe('size');
    expect(error.value).toBe('1632*1248');
    expect(error.message).toContain('size 1632*1248 (1080p 4:3) has no generateTask equivalent');
    expect(error.message).toContain('choose 1280*720 → 720p 16:9, 720*1280 → 720p 9:16');
    expect(error.message).toContain('1920*1080 → 1080p 16:9');
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
    const size = thrown(() => build({ ...t2v, size: '832*480' }));
    expect(size.message).toBe(
      'resolution 480p (size 832*480) is not offered by generateTask; allowed: 720p, 1080p',
    );
    const error = thrown(() => build({ ...t2v, resolution: '480p' }));
    expect(error).toMatchObject({
      kind: 'invalid_request',
      field: 'resolution',
      value: '480p',
      allowed: ['720p', '1080p'],
    });
    expect(thrown(() => build({ ...i2v, resolution: '480p' })).field).toBe('resolution');
  });

  it('refuses aspect ratios other than 16:9, 9:16 and 1:1', () => {
    const error = thrown(() => build({ ...t2v, resolution: '720p', aspectRatio: '4:3' }));
    expect(error).toMatchObject({ field: 'size', value: '1088*832' });
    const raw = thrown(() => buildRaw({ ...t2v, resolution: '720p', aspectRatio: '3:4' }));
    expect(raw).toMatchObject({ field: 'aspectRatio', value: '3:4' });
    expect(raw.message).toMatch(
      /^720p 3:4 has no generateTask equivalent .*; choose 1280\*720 → 720p 16:9, /,
    );
    expect(thrown(() => buildRaw({ ...t2v, size: '1000*1000' })).message).toMatch(/^size 1000\*1000 has no/);
  });

  it('refuses durations other than 5 and 10', () => {
    const error = thrown(() => buildRaw({ ...t2v, durationSeconds: 15 }));
    expect(error).toMatchObject({
      kind: 'invalid_request',
      field: 'durationSeconds',
      value: 15,
      allowed: [5, 10],
    });
  });

  it('refuses text-to-image as unsupported', () => {
    const error = thrown(() =>
      build({ kind: 'text-to-image', model: 'wan2.5-t2i-preview', prompt: 'an apple' }),
    );
    expect(error).toMatchObject({ kind: 'unsupported', field: 'kind', value: 'text-to-image' });
  });

  it('refuses a second image and data URIs', () => {
    expect(thrown(() => buildRaw({ ...i2v, lastImage: image }))).toMatchObject({
      kind: 'unsupported',
      field: 'lastImage',
    });
    const dataUri = thrown(() => build({ ...i2v, image: 'data:image/png;base64,iVBORw0KGgo=' }));
    expect(dataUri).toMatchObject({ kind: 'invalid_request', field: 'image' });
  });

  it('refuses a missing or over-long prompt and an over-long negative prompt', () => {
    const { prompt: _prompt, ...noPrompt } = i2v;
    expect(thrown(() => build(noPrompt))).toMatchObject({ kind: 'invalid_request', field: 'prompt' });
    const long = thrown(() => build({ ...t2v, prompt: 'x'.repeat(801) }));
    expect(long).toMatchObject({ field: 'prompt', value: '801 characters' });
    expect(build({ ...t2v, prompt: '猫'.repeat(800) }).body.input.prompt).toHaveLength(800);
    expect(thrown(() => buildRaw({ ...t2v, negativePrompt: 'n'.repeat(501) })).field).toBe('negativePrompt');
  });

  it('refuses unknown or misspelt providerOptions keys and values', () => {
    const unknown = thrown(() =>
      build({ ...t2v, providerOptions: { 'generate-task': { provdier: 'value', x: 1 } } }),
    );
    expect(unknown).toMatchObject({ kind: 'invalid_request', field: 'providerOptions.generate-task' });
    expect(unknown.message).toContain('provdier, x');
    const badValue = thrown(() =>
      build({ ...t2v, providerOptions: { 'generate-task': { provider: 'cheap' } } }),
    );
    expect(badValue).toMatchObject({
      field: 'providerOptions.generate-task.provider',
      value: 'cheap',
      allowed: ['auto', 'value', 'official'],
    });
  });

  it('refuses a model it has no id for, and maps configured ones', () => {
    expect(thrown(() => build({ ...t2v, model: 'wan2.2-t2v-plus' }))).toMatchObject({
      kind: 'unsupported',
      field: 'model',
    });
    const mapped = buildGenerateTaskBody(
      { request: { ...t2v, model: 'wan2.2-t2v-plus' }, model: getModel('wan2.2-t2v-plus') },
      { ...settings, modelIds: { ...defaultGenerateTaskModelIds, 'wan2.2-t2v-plus': 'wan-2-2' } },
    );
    expect(mapped.providerModel).toBe('wan-2-2');
  });
});
