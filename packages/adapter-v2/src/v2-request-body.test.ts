import { type ModelSpec, validateRequest } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { buildV2RequestBody } from './v2-request-body.js';

const image = 'https://media.example.test/cat.png';

/** As core's client: validate against the catalog first, then build. */
function build(request: Record<string, unknown>, providerModel = String(request.model), options = {}) {
  const validated = validateRequest(request);
  return buildV2RequestBody({ request: validated.request, model: validated.model }, providerModel, options);
}

describe('buildV2RequestBody, text-to-video', () => {
  it('sends the minimal body of the seed example', () => {
    expect(build({ kind: 'text-to-video', model: 'wan2.2-t2v-plus', prompt: 'dance' })).toStrictEqual({
      body: { model: 'wan2.2-t2v-plus', prompt: 'dance' },
      warnings: [],
    });
  });

  it('maps every neutral field to its flat wire field (wire-formats.md §2.11)', () => {
    const result = build({
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
    expect(result).toStrictEqual({
      body: {
        model: 'wan2.2-t2v-plus',
        prompt: 'A kitten running in the moonlight',
        size: '1920*1080',
        negative_prompt: 'low resolution',
        duration: 5,
        prompt_extend: true,
        watermark: false,
        seed: 12345,
      },
      warnings: [],
    });
  });

  it('sends a tier and aspect ratio as the size of that frame', () => {
    const { body } = build({
      kind: 'text-to-video',
      model: 'wanx2.1-t2v-turbo',
      prompt: 'p',
      resolution: '480p',
      aspectRatio: '9:16',
    });
    expect(body).toStrictEqual({ model: 'wanx2.1-t2v-turbo', prompt: 'p', size: '480*832' });
  });

  it('sends providerOptions.v2.template as template', () => {
    const { body } = build(
      { kind: 'text-to-video', model: 'wan2.2-t2v-plus', prompt: 'p' },
      'wan2.2-t2v-plus',
      {
        template: 'flying',
      },
    );
    expect(body).toStrictEqual({ model: 'wan2.2-t2v-plus', prompt: 'p', template: 'flying' });
  });

  it('for a model outside the catalog, sends what it can and warns about the rest', () => {
    const request = {
      kind: 'text-to-video' as const,
      model: 'wan9-t2v',
      prompt: 'p',
      resolution: '720p' as const,
      shotType: 'multi' as const,
      audio: true,
    };
    expect(buildV2RequestBody({ request, model: undefined }, 'wan9-t2v', {})).toStrictEqual({
      body: { model: 'wan9-t2v', prompt: 'p', audio: true },
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

  it('drops, with a warning, an option the catalog entry says the model ignores', () => {
    const model = validateRequest({ kind: 'text-to-video', model: 'wan2.2-t2v-plus', prompt: 'p' })
      .model as ModelSpec;
    const request = {
      kind: 'text-to-video' as const,
      model: model.id,
      prompt: 'p',
      audioUrl: 'https://a.test/x.mp3',
    };
    expect(buildV2RequestBody({ request, model }, model.id, {})).toStrictEqual({
      body: { model: 'wan2.2-t2v-plus', prompt: 'p' },
      warnings: [
        {
          type: 'unsupported',
          setting: 'audioUrl',
          details: 'wan2.2-t2v-plus does not take audioUrl; not sent',
        },
      ],
    });
  });
});

describe('buildV2RequestBody, image-to-video', () => {
  it('sends images, the upper-case tier, duration and audio (wire-formats.md §2.11)', () => {
    const result = build({
      kind: 'image-to-video',
      model: 'wan2.5-i2v-preview',
      prompt: 'The cat slowly turns its head',
      image,
      resolution: '1080p',
      durationSeconds: 10,
      audio: true,
      audioUrl: 'https://media.example.test/voice.mp3',
    });
    expect(result).toStrictEqual({
      body: {
        model: 'wan2.5-i2v-preview',
        prompt: 'The cat slowly turns its head',
        images: [image],
        resolution: '1080P',
        duration: 10,
        audio: true,
        audio_url: 'https://media.example.test/voice.mp3',
      },
      warnings: [],
    });
  });

  it('sends first and last frame for wanx2.1-kf2v-plus', () => {
    const { body } = build({
      kind: 'image-to-video',
      model: 'wanx2.1-kf2v-plus',
      prompt: 'bloom',
      image,
      lastImage: 'data:image/png;base64,AAAA',
    });
    expect(body).toStrictEqual({
      model: 'wanx2.1-kf2v-plus',
      prompt: 'bloom',
      images: [image, 'data:image/png;base64,AAAA'],
    });
  });

  it('sends an empty prompt, with a warning, when none is given (the wire requires one)', () => {
    expect(
      build({ kind: 'image-to-video', model: 'wan2.2-i2v-flash', image, template: 'squish' }),
    ).toStrictEqual({
      body: { model: 'wan2.2-i2v-flash', prompt: '', images: [image], template: 'squish' },
      warnings: [
        {
          type: 'defaulted',
          setting: 'prompt',
          details: 'the /v2 wire requires a prompt; an empty prompt was sent',
        },
      ],
    });
  });

  it('for a model outside the catalog, does not send size or aspect ratio', () => {
    const request = {
      kind: 'image-to-video' as const,
      model: 'wan9-i2v',
      prompt: 'p',
      image,
      size: '1280*720' as const,
      aspectRatio: '16:9' as const,
    };
    expect(buildV2RequestBody({ request, model: undefined }, 'wan9-i2v', {})).toStrictEqual({
      body: { model: 'wan9-i2v', prompt: 'p', images: [image] },
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
});
