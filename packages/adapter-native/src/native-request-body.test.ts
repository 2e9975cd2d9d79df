import { validateRequest } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { buildNativeBody } from './native-request-body.js';

const validated = (request: unknown) => {
  const { request: checked, model } = validateRequest(request);
  return { request: checked, model };
};

describe('buildNativeBody', () => {
  const t2v = validated({
    kind: 'text-to-video',
    model: 'wan2.2-t2v-plus',
    prompt: '一只小猫在月光下奔跑',
    negativePrompt: '低分辨率',
    size: '832*480',
    promptExtend: false,
    watermark: true,
    seed: 0,
  });

  it("writes the seeds' {model, input, parameters} form by default (seed 000 fields)", () => {
    expect(buildNativeBody(t2v, 'wan22_t2v_plus')).toStrictEqual({
      model: 'wan22_t2v_plus',
      input: { prompt: '一只小猫在月光下奔跑', negative_prompt: '低分辨率' },
      parameters: { size: '832*480', prompt_extend: false, watermark: true, seed: 0 },
    });
  });

  it("wraps the same content as the provider's CLI does (wire-formats §1.4)", () => {
    expect(buildNativeBody(t2v, 'wan22_t2v_plus', 'wrapped')).toStrictEqual({
      model: 'wan22_t2v_plus',
      input: [
        {
          params: {
            input: { prompt: '一只小猫在月光下奔跑', negative_prompt: '低分辨率' },
            parameters: { size: '832*480', prompt_extend: false, watermark: true, seed: 0 },
          },
        },
      ],
    });
  });

  it('turns a tier and aspect ratio into the concrete size, never sending the tier for text-to-video', () => {
    const body = buildNativeBody(
      validated({
        kind: 'text-to-video',
        model: 'wan2.6-t2v',
        prompt: 'p',
        resolution: '720p',
        aspectRatio: '9:16',
      }),
      'wan26_t2v',
    );
    expect(body).toStrictEqual({
      model: 'wan26_t2v',
      input: { prompt: 'p' },
      parameters: { size: '720*1280' },
    });
  });

  it('sends image-to-video as img_url plus an upper-case tier, a data URI and a template untouched', () => {
    const image = 'data:image/png;base64,iVBORw0KGgo=';
    const body = buildNativeBody(
      validated({
        kind: 'image-to-video',
        model: 'wan2.6-i2v',
        image,
        template: 'flying',
        resolution: '720p',
        durationSeconds: 10,
        audioUrl: 'https://example.com/a.mp3',
      }),
      'wan26_i2v',
    );
    expect(body).toStrictEqual({
      model: 'wan26_i2v',
      input: { img_url: image, audio_url: 'https://example.com/a.mp3', template: 'flying' },
      parameters: { resolution: '720P', duration: 10 },
    });
  });

  it('leaves parameters out entirely when the caller set none', () => {
    expect(
      buildNativeBody(validated({ kind: 'text-to-video', model: 'wan2.6-t2v', prompt: 'p' }), 'wan26_t2v'),
    ).toStrictEqual({
      model: 'wan26_t2v',
      input: { prompt: 'p' },
    });
  });
});
