import { describe, expect, it } from 'vitest';
import { WankitError } from '../errors/wankit-error.js';
import { withModelOverrides } from './catalog.js';
import { validateRequest } from './validate-request.js';

const t2v = (model: string, extra: Record<string, unknown> = {}) => ({
  kind: 'text-to-video',
  model,
  prompt: 'a kitten',
  ...extra,
});
const i2v = (model: string, extra: Record<string, unknown> = {}) => ({
  kind: 'image-to-video',
  model,
  image: 'https://example.com/cat.png',
  ...extra,
});
const t2i = (extra: Record<string, unknown> = {}) => ({
  kind: 'text-to-image',
  model: 'wan2.5-t2i-preview',
  prompt: 'an apple',
  ...extra,
});

function caught(input: unknown, options?: Parameters<typeof validateRequest>[1]): WankitError {
  try {
    validateRequest(input, options);
  } catch (error) {
    if (error instanceof WankitError) return error;
    throw error;
  }
  throw new Error('expected validateRequest to throw');
}

describe('validateRequest: valid requests, completed', () => {
  it.each([
    [
      'wan2.2-t2v-plus size → tier and aspect',
      t2v('wan2.2-t2v-plus', { size: '832*480' }),
      { size: '832*480', resolution: '480p', aspectRatio: '16:9' },
    ],
    [
      'wan2.2-t2v-plus resolution only → 16:9',
      t2v('wan2.2-t2v-plus', { resolution: '1080p' }),
      { size: '1920*1080', resolution: '1080p', aspectRatio: '16:9' },
    ],
    [
      'wan2.2-t2v-plus resolution + aspect',
      t2v('wan2.2-t2v-plus', { resolution: '1080p', aspectRatio: '3:4' }),
      { size: '1248*1632', resolution: '1080p', aspectRatio: '3:4' },
    ],
    [
      'wan2.2-t2v-plus aspect only → default tier',
      t2v('wan2.2-t2v-plus', { aspectRatio: '9:16' }),
      { size: '1080*1920', resolution: '1080p', aspectRatio: '9:16' },
    ],
    ['wan2.2-t2v-plus nothing → provider default', t2v('wan2.2-t2v-plus'), {}],
    [
      'wan2.6-t2v 720p 4:3',
      t2v('wan2.6-t2v', { resolution: '720p', aspectRatio: '4:3' }),
      { size: '1088*832', resolution: '720p', aspectRatio: '4:3' },
    ],
    [
      'wan2.6-t2v size 960*960',
      t2v('wan2.6-t2v', { size: '960*960' }),
      { size: '960*960', resolution: '720p', aspectRatio: '1:1' },
    ],
    [
      'wan2.5-t2v-preview 480p',
      t2v('wan2.5-t2v-preview', { resolution: '480p' }),
      { size: '832*480', resolution: '480p', aspectRatio: '16:9' },
    ],
    [
      'wanx2.1-t2v-turbo aspect 4:3 → 720p (default tier)',
      t2v('wanx2.1-t2v-turbo', { aspectRatio: '4:3' }),
      { size: '1088*832', resolution: '720p', aspectRatio: '4:3' },
    ],
    [
      'wanx2.1-t2v-plus size',
      t2v('wanx2.1-t2v-plus', { size: '720*1280' }),
      { size: '720*1280', resolution: '720p', aspectRatio: '9:16' },
    ],
    ['wan2.6-i2v 720p', i2v('wan2.6-i2v', { resolution: '720p' }), { resolution: '720p' }],
    ['wan2.5-i2v-preview 480p', i2v('wan2.5-i2v-preview', { resolution: '480p' }), { resolution: '480p' }],
    ['wan2.2-i2v-plus 480p', i2v('wan2.2-i2v-plus', { resolution: '480p' }), { resolution: '480p' }],
    ['wan2.2-i2v-flash 720p', i2v('wan2.2-i2v-flash', { resolution: '720p' }), { resolution: '720p' }],
    ['wanx2.1-i2v-turbo 480p', i2v('wanx2.1-i2v-turbo', { resolution: '480p' }), { resolution: '480p' }],
    ['wanx2.1-i2v-plus nothing', i2v('wanx2.1-i2v-plus'), {}],
    [
      'wanx2.1-kf2v-plus with both frames',
      i2v('wanx2.1-kf2v-plus', { lastImage: 'https://example.com/end.png', resolution: '720p' }),
      { resolution: '720p' },
    ],
    [
      'wan2.5-t2i-preview recommended size',
      t2i({ size: '1104*1472' }),
      { size: '1104*1472', aspectRatio: '3:4' },
    ],
    [
      'wan2.5-t2i-preview aspect only → recommended',
      t2i({ aspectRatio: '16:9' }),
      { size: '1696*960', aspectRatio: '16:9' },
    ],
    [
      'wan2.5-t2i-preview free-form size (seed 001 example 768*2700)',
      t2i({ size: '768*2700' }),
      { size: '768*2700' },
    ],
    ['wan2.5-t2i-preview free-form 1400*1400', t2i({ size: '1400*1400' }), { size: '1400*1400' }],
  ])('%s', (_name, input, frame) => {
    const { request, warnings } = validateRequest(input);
    const { size, resolution, aspectRatio } = request as Record<string, unknown>;
    expect(
      Object.fromEntries(
        Object.entries({ size, resolution, aspectRatio }).filter(([, v]) => v !== undefined),
      ),
    ).toEqual(frame);
    expect(warnings).toEqual([]);
  });

  it('returns the exact request, with the catalog model', () => {
    const result = validateRequest(
      t2v('wan2.6-t2v', {
        negativePrompt: 'blurry',
        size: '1280*720',
        durationSeconds: 12,
        audio: true,
        audioUrl: 'https://example.com/a.mp3',
        shotType: 'multi',
        promptExtend: true,
        watermark: false,
        seed: 2147483647,
      }),
    );
    expect(result.model?.id).toBe('wan2.6-t2v');
    expect(result.warnings).toEqual([]);
    expect(result.request).toEqual({
      kind: 'text-to-video',
      model: 'wan2.6-t2v',
      prompt: 'a kitten',
      negativePrompt: 'blurry',
      size: '1280*720',
      resolution: '720p',
      aspectRatio: '16:9',
      durationSeconds: 12,
      audio: true,
      audioUrl: 'https://example.com/a.mp3',
      shotType: 'multi',
      promptExtend: true,
      watermark: false,
      seed: 2147483647,
    });
  });

  it.each([
    ['wan2.2-t2v-plus', 5],
    ['wan2.6-t2v', 2],
    ['wan2.6-t2v', 15],
    ['wan2.5-t2v-preview', 10],
    ['wanx2.1-t2v-turbo', 5],
  ])('accepts duration %s %i s', (model, durationSeconds) => {
    expect(validateRequest(t2v(model, { durationSeconds })).request).toMatchObject({ durationSeconds });
  });

  it.each([
    ['wan2.6-i2v', 7],
    ['wan2.5-i2v-preview', 10],
    ['wan2.2-i2v-flash', 5],
  ])('accepts image-to-video duration %s %i s', (model, durationSeconds) => {
    expect(validateRequest(i2v(model, { durationSeconds })).request).toMatchObject({ durationSeconds });
  });

  it('sets count to 1 when omitted (providers default to 4 and bill per image)', () => {
    expect(validateRequest(t2i()).request).toMatchObject({ count: 1 });
    expect(validateRequest(t2i({ count: 4 })).request).toMatchObject({ count: 4 });
  });

  it('maps an alias to the canonical id', () => {
    const { request, model } = validateRequest(t2v('wan2.1-t2v-turbo', { resolution: '480p' }));
    expect(request.model).toBe('wanx2.1-t2v-turbo');
    expect(model?.id).toBe('wanx2.1-t2v-turbo');
  });

  it('accepts a data URI image', () => {
    const image = 'data:image/png;base64,iVBORw0KGgo=';
    expect(validateRequest(i2v('wan2.6-i2v', { image })).request).toMatchObject({ image });
  });

  it('lets a caller lower the wan2.5-t2i-preview pixel minimum (DashScope says 768*768)', () => {
    const catalog = withModelOverrides({
      'wan2.5-t2i-preview': { pixelArea: { min: 768 * 768, max: 1440 * 1440 } },
    });
    expect(validateRequest(t2i({ size: '1024*1024' }), { catalog }).request).toMatchObject({
      size: '1024*1024',
    });
    expect(caught(t2i({ size: '1024*1024' })).field).toBe('size');
  });

  it('checks only the schema for an unknown model when allowed', () => {
    const result = validateRequest(t2v('wan9-t2v', { size: '1280*720', durationSeconds: 30 }), {
      allowUnknownModel: true,
    });
    expect(result).toEqual({
      request: {
        kind: 'text-to-video',
        model: 'wan9-t2v',
        prompt: 'a kitten',
        size: '1280*720',
        durationSeconds: 30,
      },
      model: undefined,
      warnings: [],
    });
  });
});

describe('validateRequest: warnings, and what is removed', () => {
  it.each([
    ['audio on a silent model', t2v('wan2.2-t2v-plus', { audio: true }), 'audio'],
    ['audioUrl on wan2.2', t2v('wan2.2-t2v-plus', { audioUrl: 'https://example.com/a.mp3' }), 'audioUrl'],
    ['shotType on wan2.5', t2v('wan2.5-t2v-preview', { shotType: 'multi' }), 'shotType'],
    [
      'lastImage on a first-frame model',
      i2v('wan2.2-i2v-plus', { lastImage: 'https://example.com/end.png' }),
      'lastImage',
    ],
    ['aspectRatio on image-to-video', i2v('wan2.6-i2v', { aspectRatio: '16:9' }), 'aspectRatio'],
  ])('%s', (_name, input, setting) => {
    const { request, warnings } = validateRequest(input);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ type: 'unsupported', setting });
    expect(request).not.toHaveProperty(setting);
  });

  it('drops audio:false on a silent model without a warning', () => {
    const { request, warnings } = validateRequest(t2v('wan2.2-t2v-plus', { audio: false }));
    expect(warnings).toEqual([]);
    expect(request).not.toHaveProperty('audio');
  });

  it('removes shotType when promptExtend is false (seed 002: it only takes effect with prompt_extend)', () => {
    const { request, warnings } = validateRequest(
      t2v('wan2.6-t2v', { shotType: 'multi', promptExtend: false }),
    );
    expect(warnings).toEqual([
      {
        type: 'unsupported',
        setting: 'shotType',
        details: 'shotType takes effect only when promptExtend is true; removed',
      },
    ]);
    expect(request).toEqual({
      kind: 'text-to-video',
      model: 'wan2.6-t2v',
      prompt: 'a kitten',
      promptExtend: false,
    });
  });

  it('notes that the prompt is ignored with a template', () => {
    const { warnings } = validateRequest(i2v('wanx2.1-i2v-turbo', { template: 'flying', prompt: 'fly' }));
    expect(warnings).toEqual([
      { type: 'other', message: 'prompt is ignored by wanx2.1-i2v-turbo when template is set' },
    ]);
  });

  it('warns about an unknown field instead of dropping it silently', () => {
    const { request, warnings } = validateRequest(t2v('wan2.2-t2v-plus', { duration: 5 }));
    expect(warnings).toEqual([
      { type: 'unsupported', setting: 'duration', details: 'not a text-to-video request field; ignored' },
    ]);
    expect(request).not.toHaveProperty('duration');
  });

  it.each([
    ['wan2.2-t2v-plus', 800],
    ['wan2.6-t2v', 1500],
    ['wan2.5-t2v-preview', 1500],
  ])('an over-long %s prompt is a truncated warning (limit %i)', (model, max) => {
    const prompt = '猫'.repeat(max + 1);
    expect(validateRequest(t2v(model, { prompt })).warnings).toEqual([
      {
        type: 'truncated',
        setting: 'prompt',
        details: `${max + 1} characters; ${model} reads the first ${max} and the provider truncates the rest`,
      },
    ]);
    expect(validateRequest(t2v(model, { prompt: '猫'.repeat(max) })).warnings).toEqual([]);
  });

  it('an over-long negative prompt is a truncated warning', () => {
    const { warnings } = validateRequest(t2i({ negativePrompt: 'x'.repeat(501) }));
    expect(warnings).toMatchObject([{ type: 'truncated', setting: 'negativePrompt' }]);
  });
});

describe('validateRequest: errors', () => {
  it.each([
    [
      'size not offered by wan2.2-t2v-plus',
      t2v('wan2.2-t2v-plus', { size: '1280*720' }),
      'size',
      '1280*720',
      'size 1280*720 is not offered by wan2.2-t2v-plus; choose 832*480, 480*832, 624*624, 1920*1080, 1080*1920, 1440*1440, 1632*1248, 1248*1632; ' +
        '1280*720 is offered by wan2.6-t2v, wan2.5-t2v-preview, wanx2.1-t2v-turbo, wanx2.1-t2v-plus, wan2.7-t2v, wan2.7-t2v-2026-04-25, wan3.0-video, wan3.0-video-prime',
    ],
    [
      'resolution not offered by wan2.6-t2v',
      t2v('wan2.6-t2v', { resolution: '480p' }),
      'resolution',
      '480p',
      'resolution 480p is not offered by wan2.6-t2v; choose 720p, 1080p',
    ],
    [
      'aspect not in the 480p tier',
      t2v('wan2.2-t2v-plus', { resolution: '480p', aspectRatio: '4:3' }),
      'aspectRatio',
      '4:3',
      'aspectRatio 4:3 is not offered by wan2.2-t2v-plus at 480p; choose 16:9, 9:16, 1:1',
    ],
    [
      'size and resolution disagree',
      t2v('wan2.2-t2v-plus', { size: '832*480', resolution: '1080p' }),
      'resolution',
      '1080p',
      'size 832*480 is a 480p size, but resolution is 1080p; give one of them or make them agree (1080p sizes of wan2.2-t2v-plus: 1920*1080, 1080*1920, 1440*1440, 1632*1248, 1248*1632)',
    ],
    [
      'size and aspect disagree',
      t2v('wan2.6-t2v', { size: '1280*720', aspectRatio: '9:16' }),
      'aspectRatio',
      '9:16',
      'size 1280*720 is 16:9, but aspectRatio is 9:16; give one of them or make them agree',
    ],
    [
      'wanx2.1-t2v-plus has no 1080p',
      t2v('wanx2.1-t2v-plus', { size: '1920*1080' }),
      'size',
      '1920*1080',
      'size 1920*1080 is not offered by wanx2.1-t2v-plus; choose 1280*720, 720*1280, 960*960, 1088*832, 832*1088; ' +
        '1920*1080 is offered by wan2.6-t2v, wan2.5-t2v-preview, wan2.2-t2v-plus, wan2.7-t2v, wan2.7-t2v-2026-04-25, wan3.0-video, wan3.0-video-prime',
    ],
    [
      'duration fixed at 5',
      t2v('wan2.2-t2v-plus', { durationSeconds: 10 }),
      'durationSeconds',
      10,
      'durationSeconds 10 is not allowed for wan2.2-t2v-plus; it is fixed at 5',
    ],
    [
      'wan2.5 duration options',
      t2v('wan2.5-t2v-preview', { durationSeconds: 7 }),
      'durationSeconds',
      7,
      'durationSeconds 7 is not allowed for wan2.5-t2v-preview; choose 5, 10',
    ],
    [
      'wan2.6 duration range',
      t2v('wan2.6-t2v', { durationSeconds: 16 }),
      'durationSeconds',
      16,
      'durationSeconds 16 is not allowed for wan2.6-t2v; choose a whole number from 2 to 15',
    ],
    [
      'wan2.6-i2v duration range',
      i2v('wan2.6-i2v', { durationSeconds: 1 }),
      'durationSeconds',
      1,
      'durationSeconds 1 is not allowed for wan2.6-i2v; choose a whole number from 2 to 15',
    ],
    [
      'i2v tier not offered',
      i2v('wan2.2-i2v-plus', { resolution: '720p' }),
      'resolution',
      '720p',
      'resolution 720p is not offered by wan2.2-i2v-plus; choose 480p, 1080p',
    ],
    [
      'wanx2.1-i2v-plus has no 1080p',
      i2v('wanx2.1-i2v-plus', { resolution: '1080p' }),
      'resolution',
      '1080p',
      'resolution 1080p is not offered by wanx2.1-i2v-plus; choose 720p',
    ],
    [
      'wanx2.1-i2v-turbo has no 1080p',
      i2v('wanx2.1-i2v-turbo', { resolution: '1080p' }),
      'resolution',
      '1080p',
      'resolution 1080p is not offered by wanx2.1-i2v-turbo; choose 480p, 720p',
    ],
    [
      'wanx2.1-i2v-plus is 720p only',
      i2v('wanx2.1-i2v-plus', { resolution: '480p' }),
      'resolution',
      '480p',
      'resolution 480p is not offered by wanx2.1-i2v-plus; choose 720p',
    ],
    [
      'wan2.5-i2v-preview duration',
      i2v('wan2.5-i2v-preview', { durationSeconds: 15 }),
      'durationSeconds',
      15,
      'durationSeconds 15 is not allowed for wan2.5-i2v-preview; choose 5, 10',
    ],
    [
      'i2v takes no size',
      i2v('wan2.6-i2v', { size: '1280*720' }),
      'size',
      '1280*720',
      'wan2.6-i2v takes a resolution, not a size (the aspect ratio follows the input image); choose resolution 720p, 1080p',
    ],
    [
      'kf2v without lastImage',
      i2v('wanx2.1-kf2v-plus'),
      'lastImage',
      undefined,
      'wanx2.1-kf2v-plus generates the frames between two images: give lastImage (the last frame) as well as image',
    ],
    [
      'kind does not match the model',
      t2v('wan2.2-i2v-plus'),
      'model',
      'wan2.2-i2v-plus',
      'wan2.2-i2v-plus is an image-to-video model, but kind is text-to-video; for text-to-video choose wan2.6-t2v, wan2.5-t2v-preview, wan2.2-t2v-plus, wanx2.1-t2v-turbo, wanx2.1-t2v-plus, wan2.7-t2v, wan2.7-t2v-2026-04-25, wan3.0-video, wan3.0-video-prime',
    ],
    [
      't2i too few pixels',
      t2i({ size: '1024*1024' }),
      'size',
      '1024*1024',
      'size 1024*1024 has 1048576 pixels; wan2.5-t2i-preview needs 1638400 to 2073600 (1280*1280 to 1440*1440), e.g. 1280*1280, 1104*1472, 1472*1104, 960*1696, 1696*960',
    ],
    [
      't2i too many pixels',
      t2i({ size: '1920*1920' }),
      'size',
      '1920*1920',
      'size 1920*1920 has 3686400 pixels; wan2.5-t2i-preview needs 1638400 to 2073600 (1280*1280 to 1440*1440), e.g. 1280*1280, 1104*1472, 1472*1104, 960*1696, 1696*960',
    ],
    [
      't2i aspect beyond 4:1',
      t2i({ size: '2880*640' }),
      'size',
      '2880*640',
      'size 2880*640 has an aspect ratio of 4.50 (width/height); wan2.5-t2i-preview allows 0.25 to 4.00, e.g. 1280*1280, 1104*1472, 1472*1104, 960*1696, 1696*960',
    ],
    [
      't2i size and aspect disagree',
      t2i({ size: '1280*1280', aspectRatio: '16:9' }),
      'aspectRatio',
      '16:9',
      'size 1280*1280 is not 16:9; give one of them or make them agree',
    ],
    [
      't2i count above 4',
      t2i({ count: 5 }),
      'count',
      5,
      'count 5 is out of range for wan2.5-t2i-preview; choose 1 to 4',
    ],
  ])('%s', (_name, input, field, value, message) => {
    const error = caught(input);
    expect(error.kind).toBe('invalid_request');
    expect(error.field).toBe(field);
    expect(error.value).toEqual(value);
    expect(error.message).toBe(message);
    expect(error.allowed?.length).toBeGreaterThan(0);
  });

  it('lists the allowed values on the error', () => {
    expect(caught(t2v('wan2.2-t2v-plus', { durationSeconds: 10 })).allowed).toEqual([5]);
    expect(caught(t2i({ count: 0 })).allowed).toEqual(['> 0']);
    expect(caught(t2i({ count: 9 })).allowed).toEqual([1, 2, 3, 4]);
    expect(caught(i2v('wan2.2-i2v-plus', { resolution: '720p' })).allowed).toEqual(['480p', '1080p']);
  });

  it('names every known model for an unknown one', () => {
    const error = caught(t2v('wan9-t2v'));
    expect(error.field).toBe('model');
    expect(error.value).toBe('wan9-t2v');
    expect(error.allowed).toContain('wan2.2-t2v-plus');
    expect(error.allowed).toContain('wan2.5-t2i-preview');
    expect(error.message).toMatch(/^unknown model wan9-t2v; known models: wan2\.6-t2v, /);
  });

  // Human wording: the field, what was given, what is wanted; never zod's own phrases, never `(got )`.
  it.each([
    [
      'missing kind',
      { model: 'wan2.6-t2v', prompt: 'x' },
      'kind',
      ['text-to-video', 'image-to-video', 'text-to-image', 'reference-to-video'],
      'kind is required; choose text-to-video, image-to-video, text-to-image, reference-to-video',
    ],
    [
      'bad kind',
      { kind: 'video', model: 'wan2.6-t2v', prompt: 'x' },
      'kind',
      ['text-to-video', 'image-to-video', 'text-to-image', 'reference-to-video'],
      'kind "video" is not one of text-to-video, image-to-video, text-to-image, reference-to-video',
    ],
    [
      'empty kind',
      { kind: '', model: 'wan2.6-t2v', prompt: 'x' },
      'kind',
      ['text-to-video', 'image-to-video', 'text-to-image', 'reference-to-video'],
      'kind is empty; choose text-to-video, image-to-video, text-to-image, reference-to-video',
    ],
    [
      'bad resolution',
      t2v('wan2.6-t2v', { resolution: '4k' }),
      'resolution',
      ['480p', '720p', '1080p'],
      'resolution "4k" is not one of 480p, 720p, 1080p',
    ],
    [
      'empty resolution',
      t2v('wan2.6-t2v', { resolution: '' }),
      'resolution',
      ['480p', '720p', '1080p'],
      'resolution is empty; choose 480p, 720p, 1080p',
    ],
    [
      'size with x',
      t2v('wan2.6-t2v', { size: '1280x720' }),
      'size',
      ['WIDTH*HEIGHT, e.g. 1280*720'],
      'size "1280x720" is not written as WIDTH*HEIGHT, e.g. 1280*720',
    ],
    [
      'empty size',
      t2v('wan2.6-t2v', { size: '' }),
      'size',
      ['WIDTH*HEIGHT, e.g. 1280*720'],
      'size is empty; write it as WIDTH*HEIGHT, e.g. 1280*720',
    ],
    [
      'seed too large',
      t2v('wan2.6-t2v', { seed: 2147483648 }),
      'seed',
      ['<= 2147483647'],
      'seed must be at most 2147483647, not 2147483648',
    ],
    ['negative seed', t2v('wan2.6-t2v', { seed: -1 }), 'seed', ['>= 0'], 'seed must be at least 0, not -1'],
    [
      'seed as text',
      t2v('wan2.6-t2v', { seed: '42' }),
      'seed',
      ['a number'],
      'seed must be a number, not text ("42")',
    ],
    [
      'fractional duration',
      t2v('wan2.6-t2v', { durationSeconds: 5.5 }),
      'durationSeconds',
      ['a whole number'],
      'durationSeconds must be a whole number, not 5.5',
    ],
    [
      'watermark as text',
      t2v('wan2.6-t2v', { watermark: 'yes' }),
      'watermark',
      ['true or false'],
      'watermark must be true or false, not text ("yes")',
    ],
    ['empty prompt', t2v('wan2.6-t2v', { prompt: '' }), 'prompt', ['non-empty text'], 'prompt is empty'],
    [
      'prompt as a number',
      t2v('wan2.6-t2v', { prompt: 42 }),
      'prompt',
      ['text'],
      'prompt must be text, not the number 42',
    ],
    ['empty model', t2v('', {}), 'model', ['non-empty text'], 'model is empty'],
    [
      'image not a URL',
      i2v('wan2.6-i2v', { image: 'ftp://x/cat.png' }),
      'image',
      [
        'an https:// URL',
        'http:// on loopback (a local server)',
        'a base64 data URI of a PNG, JPEG, WebP or BMP image up to 20971520 bytes',
      ],
      'image: ftp://x/cat.png is not an https URL or an image',
    ],
    [
      'image missing',
      { kind: 'image-to-video', model: 'wan2.6-i2v' },
      'image',
      ['text'],
      'image is required',
    ],
    [
      'shot type',
      t2v('wan2.6-t2v', { shotType: 'triple' }),
      'shotType',
      ['single', 'multi'],
      'shotType "triple" is not one of single, multi',
    ],
    [
      'provider options as a list',
      t2v('wan2.6-t2v', { providerOptions: [] }),
      'providerOptions',
      ['an object of names and values'],
      'providerOptions must be an object of names and values, not a list',
    ],
    [
      'audio URL empty',
      t2v('wan2.5-t2v-preview', { audioUrl: '' }),
      'audioUrl',
      ['an http(s) URL'],
      'audioUrl is empty; give an http(s) URL',
    ],
    [
      'not an object',
      'a cat',
      'request',
      ['a JSON object'],
      'a request must be a JSON object with kind, model and prompt, not text ("a cat")',
    ],
  ])('schema: %s', (_name, input, field, allowed, message) => {
    const error = caught(input);
    expect(error.kind).toBe('invalid_request');
    expect(error.field).toBe(field);
    expect(error.allowed).toEqual(allowed);
    expect(error.message).toBe(message);
    expect(error.message).not.toMatch(/\(got \)|Invalid input|Invalid option|Too (small|big)|expected/);
  });

  it('with strict, an over-long prompt is an error', () => {
    const error = caught(t2v('wan2.2-t2v-plus', { prompt: 'x'.repeat(801) }), { strict: true });
    expect(error.field).toBe('prompt');
    expect(error.allowed).toEqual(['<= 800 characters']);
    expect(error.message).toBe(
      'prompt is too long: 801 characters; wan2.2-t2v-plus reads the first 800 and the provider truncates the rest',
    );
    expect(String(error.value)).toHaveLength(203);
  });

  it('with strict, an unknown field is an error', () => {
    const error = caught(t2v('wan2.2-t2v-plus', { duration: 5 }), { strict: true });
    expect(error.field).toBe('duration');
    expect(error.allowed).toContain('durationSeconds');
  });

  it('keeps a huge bad value out of the message', () => {
    const error = caught(i2v('wan2.6-i2v', { image: `file://${'a'.repeat(5000)}` }));
    expect(error.message.length).toBeLessThan(200);
  });
});
