import { type GenerationRequest, prepareRequest, WankitError } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { createNativeAdapter, type NativeAdapterSettings } from './native-adapter.js';

const image = 'https://media.example.test/cat.png';

/** As core does it: validation, the shared refusals, then the adapter's createRequest. */
function prepare(
  request: Record<string, unknown>,
  settings: NativeAdapterSettings = {},
  options: { allowUnknownModel?: boolean; callbackUrl?: string } = {},
) {
  const { wire, warnings } = prepareRequest(
    createNativeAdapter(settings),
    request as GenerationRequest,
    options,
  );
  return { wire, warnings };
}

const created = (json: unknown, headers?: Record<string, string>) => ({
  method: 'POST',
  path: '/model/v1/generation',
  json,
  ...(headers ? { headers } : {}),
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

const t2vFull = {
  kind: 'text-to-video',
  model: 'wan2.6-t2v',
  prompt: 'A kitten running in the moonlight',
  negativePrompt: 'low resolution, blurry',
  resolution: '1080p',
  aspectRatio: '16:9',
  durationSeconds: 10,
  promptExtend: true,
  watermark: false,
  seed: 12345,
  audio: true,
  shotType: 'multi',
  audioUrl: 'https://media.example.test/voice.mp3',
};
// wire-formats.md §1.11 "Create request (t2v)", with the neutral tier turned into its size.
const t2vContent = {
  input: {
    prompt: 'A kitten running in the moonlight',
    negative_prompt: 'low resolution, blurry',
    audio_url: 'https://media.example.test/voice.mp3',
  },
  parameters: {
    size: '1920*1080',
    duration: 10,
    prompt_extend: true,
    watermark: false,
    seed: 12345,
    audio: true,
    shot_type: 'multi',
  },
};

describe('native create request: the wrapped body by default (the provider SDKs and CLI)', () => {
  it('sends text-to-video as {model, input:[{params:{input, parameters}}]}', () => {
    expect(prepare(t2vFull)).toStrictEqual({
      wire: created({ model: 'wan26_t2v', input: [{ params: t2vContent }] }),
      warnings: [],
    });
  });

  it('leaves parameters out entirely when the caller set none (provider defaults apply)', () => {
    expect(prepare({ kind: 'text-to-video', model: 'wan2.2-t2v-plus', prompt: 'dance' }).wire).toStrictEqual(
      created({ model: 'wan22_t2v_plus', input: [{ params: { input: { prompt: 'dance' } } }] }),
    );
  });

  it('sends image-to-video as img_url with an upper-case tier; a data URI and a template as given, no prompt needed', () => {
    expect(
      prepare({
        kind: 'image-to-video',
        model: 'wan2.6-i2v',
        image:
          'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        template: 'squish',
        resolution: '720p',
        durationSeconds: 5,
        audio: false,
      }),
    ).toStrictEqual({
      wire: created({
        model: 'wan26_i2v',
        input: [
          {
            params: {
              input: {
                img_url:
                  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
                template: 'squish',
              },
              parameters: { resolution: '720P', duration: 5, audio: false },
            },
          },
        ],
      }),
      warnings: [],
    });
  });

  it('sends text-to-image with its size and n (n 1 when not asked: the gateway bills its default 4)', () => {
    expect(
      prepare({
        kind: 'text-to-image',
        model: 'wan2.5-t2i-preview',
        prompt: 'A red apple',
        negativePrompt: 'blurry',
        size: '1280*1280',
        count: 2,
        promptExtend: false,
        seed: 42,
      }).wire,
    ).toStrictEqual(
      created({
        model: 'wan25_t2i_preview',
        input: [
          {
            params: {
              input: { prompt: 'A red apple', negative_prompt: 'blurry' },
              parameters: { size: '1280*1280', prompt_extend: false, seed: 42, n: 2 },
            },
          },
        ],
      }),
    );
    expect(
      prepare({ kind: 'text-to-image', model: 'wan2.5-t2i-preview', prompt: 'p' }).wire.json,
    ).toStrictEqual({
      model: 'wan25_t2i_preview',
      input: [{ params: { input: { prompt: 'p' }, parameters: { n: 1 } } }],
    });
  });
});

describe("native create request: the doc pages' flat body (bodyForm 'flat', alias 'seed')", () => {
  it('sends the same content at the top level, for every kind', () => {
    const flat = { model: 'wan26_t2v', ...t2vContent };
    expect(prepare(t2vFull, { bodyForm: 'flat' })).toStrictEqual({ wire: created(flat), warnings: [] });
    expect(prepare(t2vFull, { bodyForm: 'seed' }).wire).toStrictEqual(created(flat));
    expect(
      prepare({ kind: 'image-to-video', model: 'wan2.5-i2v-preview', image }, { bodyForm: 'flat' }).wire.json,
    ).toStrictEqual({ model: 'wan25_i2v_preview', input: { img_url: image } });
    expect(
      prepare({ kind: 'text-to-image', model: 'wan2.5-t2i-preview', prompt: 'p' }, { bodyForm: 'flat' }).wire
        .json,
    ).toStrictEqual({ model: 'wan25_t2i_preview', input: { prompt: 'p' }, parameters: { n: 1 } });
  });
});

describe('native create request: the model in the X-Model header (modelHeader, the Python SDK)', () => {
  it('sends X-Model and leaves model out of the wrapped body', () => {
    expect(prepare(t2vFull, { modelHeader: true })).toStrictEqual({
      wire: created({ input: [{ params: t2vContent }] }, { 'X-Model': 'wan26_t2v' }),
      warnings: [],
    });
  });

  it('does the same for the flat body and the intl ids', () => {
    expect(
      prepare(
        { kind: 'text-to-image', model: 'wan2.5-t2i-preview', prompt: 'p' },
        { modelHeader: true, bodyForm: 'flat', region: 'intl' },
      ).wire,
    ).toStrictEqual(
      created({ input: { prompt: 'p' }, parameters: { n: 1 } }, { 'X-Model': 'wan25_t2i_preview_intl' }),
    );
  });
});

describe('native model ids', () => {
  it('uses the _intl ids in the intl region and keeps the others', () => {
    const adapter = createNativeAdapter({ region: 'intl' });
    expect(adapter.providerModelId('wan2.5-i2v-preview')).toBe('wan25_i2v_preview_intl');
    expect(adapter.providerModelId('wan2.6-t2v')).toBe('wan26_t2v');
  });

  it('prefers the caller’s mapping, and spells a model it does not know by the documented rule', () => {
    const adapter = createNativeAdapter({ modelIds: { 'wan2.6-t2v': 'wan26_t2v_fast' } });
    expect(adapter.providerModelId('wan2.6-t2v')).toBe('wan26_t2v_fast');
    expect(adapter.providerModelId('wan2.7-image-pro')).toBe('wan27_image_pro');
  });
});

describe('native create request: refusals', () => {
  it('refuses a tier the gateway does not offer for a model, though the model has it (V6)', () => {
    const error = refusal(() =>
      prepare({ kind: 'image-to-video', model: 'wan2.5-i2v-preview', image, resolution: '480p' }),
    );
    expect(error).toMatchObject({
      kind: 'unsupported',
      field: 'resolution',
      value: '480p',
      allowed: ['720p', '1080p'],
      message:
        'resolution 480p is not offered for wan2.5-i2v-preview by the native gateway; choose 720p, 1080p',
    });
  });

  it('refuses any provider option: the gateway has no wire field without a neutral meaning', () => {
    const error = refusal(() =>
      prepare({
        kind: 'text-to-video',
        model: 'wan2.6-t2v',
        prompt: 'p',
        providerOptions: { native: { moderation: true } },
      }),
    );
    expect(error).toMatchObject({
      kind: 'invalid_request',
      field: 'providerOptions.native.moderation',
      allowed: [],
      message: 'providerOptions.native does not take moderation; the native adapter has no provider options',
    });
  });

  it('leaves callbacks and models it has no id for to core, which refuses them first', () => {
    expect(
      refusal(() =>
        prepare(
          { kind: 'text-to-video', model: 'wan2.6-t2v', prompt: 'p' },
          {},
          { callbackUrl: 'https://hooks.example.test/x' },
        ),
      ),
    ).toMatchObject({ kind: 'unsupported', field: 'callbackUrl' });
    expect(
      refusal(() => prepare({ kind: 'image-to-video', model: 'wan2.2-i2v-flash', image })),
    ).toMatchObject({ kind: 'unsupported', field: 'model' });
  });

  it('never sends a body the wire refuses (a model outside the catalog asking for 20 s)', () => {
    const error = refusal(() =>
      prepare(
        { kind: 'text-to-video', model: 'wan9-t2v', prompt: 'p', durationSeconds: 20 },
        { modelIds: { 'wan9-t2v': 'wan9_t2v' } },
        { allowUnknownModel: true },
      ),
    );
    expect(error).toMatchObject({ kind: 'invalid_request', field: 'duration' });
    expect(error.message).toBe(
      'the native body would be refused: input.0.params.parameters.duration: Too big: expected number to be <=15',
    );
  });
});

describe('native create request: warnings for a model outside the catalog', () => {
  const options = { allowUnknownModel: true };

  it('warns that a tier without a size cannot be sent for text input', () => {
    expect(
      prepare({ kind: 'text-to-video', model: 'wan9-t2v', prompt: 'p', resolution: '720p' }, {}, options),
    ).toStrictEqual({
      wire: created({ model: 'wan9_t2v', input: [{ params: { input: { prompt: 'p' } } }] }),
      warnings: [
        {
          type: 'unsupported',
          setting: 'resolution',
          details: 'the native wire takes a size (WIDTH*HEIGHT) here; give `size` for this model',
        },
      ],
    });
  });

  it('warns about a last frame and a frame for image-to-video, sending the tier a known size implies', () => {
    expect(
      prepare(
        {
          kind: 'image-to-video',
          model: 'wan9-i2v',
          image,
          lastImage: 'https://media.example.test/end.png',
          size: '1280*720',
        },
        {},
        options,
      ),
    ).toStrictEqual({
      wire: created({
        model: 'wan9_i2v',
        input: [{ params: { input: { img_url: image }, parameters: { resolution: '720P' } } }],
      }),
      warnings: [
        {
          type: 'unsupported',
          setting: 'lastImage',
          details: 'the native wire has no last-frame field; not sent',
        },
        {
          type: 'unsupported',
          setting: 'size',
          details: 'image-to-video on the native wire takes `resolution` and follows the image; not sent',
        },
      ],
    });
  });
});

describe('native status request', () => {
  it('puts the task id in the path, encoded', () => {
    const adapter = createNativeAdapter();
    const ref = { taskId: 'a/b c' } as Parameters<typeof adapter.statusRequest>[0];
    expect(adapter.statusRequest(ref)).toStrictEqual({
      method: 'GET',
      path: '/model/v1/generation/task/a%2Fb%20c',
      purpose: 'read',
    });
  });
});

describe('createNativeAdapter', () => {
  it('states its capabilities up front; extra model ids join the documented list', () => {
    const adapter = createNativeAdapter({ modelIds: { 'wan2.7-image': 'wan27_image' } });
    expect(adapter.id).toBe('native');
    expect(adapter.defaultBaseUrl).toBe('https://cloud.vtrix.ai');
    expect(adapter.readCallback).toBeUndefined();
    expect(adapter.cancelRequest).toBeUndefined();
    expect(adapter.capabilities).toStrictEqual({
      kinds: ['text-to-video', 'image-to-video', 'text-to-image'],
      models: [
        'wan2.2-t2v-plus',
        'wan2.5-t2v-preview',
        'wan2.6-t2v',
        'wan2.5-i2v-preview',
        'wan2.6-i2v',
        'wan2.5-t2i-preview',
        'wan2.7-image',
      ],
      callbacks: false,
      cancel: false,
      progress: true,
      limits: {},
    });
  });

  it('checks its settings at construction', () => {
    expect(createNativeAdapter({ baseUrl: 'https://vtrix.ai' }).defaultBaseUrl).toBe('https://vtrix.ai');
    expect(() => createNativeAdapter({ baseUrl: 'not a url' })).toThrow(/not an absolute URL/);
    expect(refusal(() => createNativeAdapter({ bodyForm: 'nested' as 'flat' }))).toMatchObject({
      kind: 'invalid_request',
      field: 'bodyForm',
      allowed: ['wrapped', 'flat', 'seed'],
    });
  });
});
