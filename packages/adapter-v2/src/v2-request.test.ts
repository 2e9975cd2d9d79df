import { type GenerationRequest, prepareRequest, WankitError } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { createV2Adapter, type V2AdapterSettings } from './v2-adapter.js';

const image = 'https://media.example.test/cat.png';
// A real 1×1 PNG: core checks data URIs by their bytes.
const pngDataUri =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** As core does it: validation, the shared refusals, then the adapter's createRequest. */
function prepare(
  request: Record<string, unknown>,
  settings: V2AdapterSettings = {},
  allowUnknownModel = false,
) {
  const { wire, warnings } = prepareRequest(createV2Adapter(settings), request as GenerationRequest, {
    allowUnknownModel,
  });
  return { wire, warnings };
}

const created = (json: unknown) => ({
  method: 'POST',
  path: '/v2/videos/generations',
  json,
  purpose: 'create',
});

function refusal(call: () => unknown): WankitError {
  try {
    call();
  } catch (error) {
    if (WankitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a WankitError');
}

describe('v2 create request, text-to-video', () => {
  it('sends the minimal body of the seed example', () => {
    expect(prepare({ kind: 'text-to-video', model: 'wan2.2-t2v-plus', prompt: 'dance' })).toStrictEqual({
      wire: created({ model: 'wan2.2-t2v-plus', prompt: 'dance' }),
      warnings: [],
    });
  });

  it('maps every neutral field to its flat wire field (wire-formats.md §2.11)', () => {
    const { wire, warnings } = prepare({
      kind: 'text-to-video',
      model: 'wan2.2-t2v-plus',
      prompt: 'A kitten running in the moonlight',
      negativePrompt: 'low resolution',
      resolution: '1080p',
      aspectRatio: '16:9',
      durationSeconds: 5,
      promptExtend: true,
      watermark: false,
      seed: 12345,
    });
    expect(wire).toStrictEqual(
      created({
        model: 'wan2.2-t2v-plus',
        prompt: 'A kitten running in the moonlight',
        size: '1920*1080',
        negative_prompt: 'low resolution',
        duration: 5,
        prompt_extend: true,
        watermark: false,
        seed: 12345,
      }),
    );
    expect(warnings).toStrictEqual([]);
  });

  it('sends a tier and aspect ratio as the size of that frame, and the wanx spelling of 2.1 ids', () => {
    expect(
      prepare({
        kind: 'text-to-video',
        model: 'wan2.1-t2v-turbo',
        prompt: 'p',
        resolution: '480p',
        aspectRatio: '9:16',
      }).wire.json,
    ).toStrictEqual({ model: 'wanx2.1-t2v-turbo', prompt: 'p', size: '480*832' });
  });

  it('sends providerOptions.v2.template as template', () => {
    expect(
      prepare({
        kind: 'text-to-video',
        model: 'wan2.2-t2v-plus',
        prompt: 'p',
        providerOptions: { v2: { template: 'flying' } },
      }).wire.json,
    ).toStrictEqual({ model: 'wan2.2-t2v-plus', prompt: 'p', template: 'flying' });
  });

  it('refuses an unknown provider option, naming it and what is allowed', () => {
    const error = refusal(() =>
      prepare({
        kind: 'text-to-video',
        model: 'wan2.2-t2v-plus',
        prompt: 'p',
        providerOptions: { v2: { callback_url: 'https://x.test' } },
      }),
    );
    expect(error).toMatchObject({
      kind: 'invalid_request',
      field: 'providerOptions.v2.callback_url',
      allowed: ['template'],
    });
  });

  it('for a model outside the catalog, sends what it can and warns about the rest', () => {
    expect(
      prepare(
        {
          kind: 'text-to-video',
          model: 'wan9-t2v',
          prompt: 'p',
          resolution: '720p',
          shotType: 'multi',
          audio: true,
        },
        { modelIds: { 'wan9-t2v': 'wan9-t2v' } },
        true,
      ),
    ).toStrictEqual({
      wire: created({ model: 'wan9-t2v', prompt: 'p', audio: true }),
      warnings: [
        {
          type: 'unsupported',
          setting: 'resolution',
          details: 'text-to-video on /v2 takes a size (WIDTH*HEIGHT); give `size` for this model',
        },
        { type: 'unsupported', setting: 'shotType', details: 'the /v2 wire has no shot-type field' },
      ],
    });
  });

  it('sends an opted-in catalog model under the wire id the settings give it', () => {
    expect(
      prepare(
        { kind: 'text-to-video', model: 'wan2.5-t2v-preview', prompt: 'p' },
        { modelIds: { 'wan2.5-t2v-preview': 'wan2.5-t2v-preview-v2' } },
      ).wire.json,
    ).toStrictEqual({ model: 'wan2.5-t2v-preview-v2', prompt: 'p' });
  });
});

describe('v2 create request, image-to-video', () => {
  it('sends images, the upper-case tier, duration and audio (wire-formats.md §2.11)', () => {
    expect(
      prepare({
        kind: 'image-to-video',
        model: 'wan2.5-i2v-preview',
        prompt: 'The cat slowly turns its head',
        image,
        resolution: '1080p',
        durationSeconds: 10,
        audio: true,
        audioUrl: 'https://media.example.test/voice.mp3',
      }),
    ).toStrictEqual({
      wire: created({
        model: 'wan2.5-i2v-preview',
        prompt: 'The cat slowly turns its head',
        images: [image],
        resolution: '1080P',
        duration: 10,
        audio: true,
        audio_url: 'https://media.example.test/voice.mp3',
      }),
      warnings: [],
    });
  });

  it('sends first and last frame for wanx2.1-kf2v-plus', () => {
    expect(
      prepare({
        kind: 'image-to-video',
        model: 'wanx2.1-kf2v-plus',
        prompt: 'bloom',
        image,
        lastImage: pngDataUri,
      }).wire.json,
    ).toStrictEqual({
      model: 'wanx2.1-kf2v-plus',
      prompt: 'bloom',
      images: [image, pngDataUri],
    });
  });

  it('sends an empty prompt, with a warning, when none is given (the wire requires one)', () => {
    expect(
      prepare({ kind: 'image-to-video', model: 'wan2.2-i2v-flash', image, template: 'squish' }),
    ).toStrictEqual({
      wire: created({ model: 'wan2.2-i2v-flash', prompt: '', images: [image], template: 'squish' }),
      warnings: [
        {
          type: 'defaulted',
          setting: 'prompt',
          details: 'the /v2 wire requires a prompt; an empty prompt was sent',
        },
      ],
    });
  });

  it('for a model outside the catalog, sends neither size nor aspect ratio', () => {
    expect(
      prepare(
        {
          kind: 'image-to-video',
          model: 'wan9-i2v',
          prompt: 'p',
          image,
          size: '1280*720',
          aspectRatio: '16:9',
        },
        { modelIds: { 'wan9-i2v': 'wan9-i2v' } },
        true,
      ),
    ).toStrictEqual({
      wire: created({ model: 'wan9-i2v', prompt: 'p', images: [image] }),
      warnings: [
        {
          type: 'unsupported',
          setting: 'aspectRatio',
          details: 'image-to-video on /v2 follows the input image; not sent',
        },
        {
          type: 'unsupported',
          setting: 'size',
          details: 'image-to-video on /v2 takes `resolution` (480p|720p|1080p), not a size; not sent',
        },
      ],
    });
  });

  it('refuses a model sent as the first/last-frame model without lastImage', () => {
    const error = refusal(() =>
      prepare(
        { kind: 'image-to-video', model: 'my-frames', prompt: 'p', image },
        { modelIds: { 'my-frames': 'wanx2.1-kf2v-plus' } },
        true,
      ),
    );
    expect(error).toMatchObject({ kind: 'invalid_request', field: 'lastImage' });
    expect(error.message).toBe(
      'my-frames (wanx2.1-kf2v-plus on /v2) needs both frames: set lastImage as well as image',
    );
  });

  it('refuses lastImage for a documented single-image model, and sends it for an undocumented one', () => {
    const lastImage = 'https://media.example.test/end.png';
    const error = refusal(() =>
      prepare(
        { kind: 'image-to-video', model: 'my-i2v', prompt: 'p', image, lastImage },
        { modelIds: { 'my-i2v': 'wan2.2-i2v-plus' } },
        true,
      ),
    );
    expect(error).toMatchObject({ kind: 'unsupported', field: 'lastImage', value: lastImage, allowed: [] });
    expect(error.message).toBe('lastImage is only taken by wanx2.1-kf2v-plus on /v2, not by wan2.2-i2v-plus');
    expect(
      prepare(
        { kind: 'image-to-video', model: 'wan9-kf', prompt: 'p', image, lastImage },
        { modelIds: { 'wan9-kf': 'wan9-kf' } },
        true,
      ).wire.json,
    ).toStrictEqual({ model: 'wan9-kf', prompt: 'p', images: [image, lastImage] });
  });
});

describe('v2 status request', () => {
  it('puts the task id in the path, encoded', () => {
    const adapter = createV2Adapter();
    const ref = { taskId: 'a/b c' } as Parameters<typeof adapter.statusRequest>[0];
    expect(adapter.statusRequest(ref)).toStrictEqual({
      method: 'GET',
      path: '/v2/videos/generations/a%2Fb%20c',
      purpose: 'read',
    });
  });
});

describe('createV2Adapter', () => {
  it('states its capabilities up front; extra model ids join the documented list', () => {
    const adapter = createV2Adapter({ modelIds: { 'wan2.5-t2v-preview': 'wan2.5-t2v-preview' } });
    expect(adapter.id).toBe('v2');
    expect(adapter.defaultBaseUrl).toBeUndefined();
    expect(adapter.readCallback).toBeUndefined();
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
        'wan2.5-t2v-preview',
      ],
      callbacks: false,
      cancel: false,
      progress: true,
      limits: {},
      polling: { initialDelayMs: 2000, intervalMs: 8000 },
      resultTtlMs: 86_400_000,
    });
  });

  it('checks a configured base URL at construction', () => {
    expect(createV2Adapter({ baseUrl: 'https://api.example.test' }).defaultBaseUrl).toBe(
      'https://api.example.test',
    );
    expect(() => createV2Adapter({ baseUrl: 'not a url' })).toThrow(
      /the base URL "not a url" is not an absolute URL/,
    );
  });

  it('leaves wan2.5 text-to-video to an opt-in: core refuses it, naming the documented choices', () => {
    const error = refusal(() => prepare({ kind: 'text-to-video', model: 'wan2.5-t2v-preview', prompt: 'p' }));
    expect(error).toMatchObject({
      kind: 'unsupported',
      field: 'model',
      allowed: ['wan2.2-t2v-plus', 'wanx2.1-t2v-turbo', 'wanx2.1-t2v-plus'],
    });
  });
});
