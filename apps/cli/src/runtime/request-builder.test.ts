import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { defaultModel } from './default-models.js';
import { maxInlineImageBytes } from './image-input.js';
import { completeDraft, draftFromFlags, normalizeSize, parseProviderOptions } from './request-builder.js';

const pickModel = (kind: string) => `default-for-${kind}`;

describe('flags → neutral request', () => {
  it('maps every video flag to its neutral field', () => {
    const draft = draftFromFlags(
      'video',
      {
        model: 'wan2.6-t2v',
        size: '1280*720',
        resolution: '720P',
        aspect: '16:9',
        duration: 10,
        negative: 'blur',
        seed: 42,
        promptExtend: false,
        watermark: true,
        audio: false,
        audioUrl: 'https://a.example/x.mp3',
        shotType: 'multi',
        image: 'https://i.example/a.png',
        lastImage: 'https://i.example/b.png',
        template: 'flying',
        count: 3,
        providerOption: ['provider=auto', 'n=2'],
      },
      'generate-task',
    );
    expect(draft).toStrictEqual({
      model: 'wan2.6-t2v',
      negativePrompt: 'blur',
      seed: 42,
      promptExtend: false,
      watermark: true,
      size: '1280*720',
      aspectRatio: '16:9',
      providerOptions: { 'generate-task': { provider: 'auto', n: 2 } },
      resolution: '720p',
      durationSeconds: 10,
      audio: false,
      audioUrl: 'https://a.example/x.mp3',
      shotType: 'multi',
      image: 'https://i.example/a.png',
      lastImage: 'https://i.example/b.png',
      template: 'flying',
    });
  });

  it('maps image flags and leaves out what was not given', () => {
    expect(draftFromFlags('image', { count: 2, size: '1280*1280' }, 'native')).toStrictEqual({
      size: '1280*1280',
      count: 2,
    });
    expect(draftFromFlags('video', {}, 'native')).toStrictEqual({});
  });

  it('completes kind and model: text-to-video, image-to-video with an image, text-to-image for images', async () => {
    await expect(completeDraft('video', { prompt: 'p' }, pickModel)).resolves.toStrictEqual({
      prompt: 'p',
      kind: 'text-to-video',
      model: 'default-for-text-to-video',
    });
    await expect(
      completeDraft('video', { prompt: 'p', image: 'https://x/a.png' }, pickModel),
    ).resolves.toStrictEqual({
      prompt: 'p',
      image: 'https://x/a.png',
      kind: 'image-to-video',
      model: 'default-for-image-to-video',
    });
    await expect(completeDraft('image', { prompt: 'p', model: 'm' }, pickModel)).resolves.toStrictEqual({
      prompt: 'p',
      model: 'm',
      kind: 'text-to-image',
    });
  });

  it('turns a local image into a data URI, and rejects missing, unknown and oversized files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wankit-image-'));
    await writeFile(join(dir, 'a.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const done = await completeDraft('video', { prompt: 'p', image: 'a.png' }, pickModel, dir);
    expect(done.image).toBe('data:image/png;base64,iVBORw0KGgo=');
    await expect(completeDraft('video', { image: 'missing.png' }, pickModel, dir)).rejects.toMatchObject({
      kind: 'invalid_request',
      field: 'image',
      value: 'missing.png',
    });
    await writeFile(join(dir, 'a.txt'), 'x');
    await expect(completeDraft('video', { image: 'a.txt' }, pickModel, dir)).rejects.toMatchObject({
      field: 'image',
      allowed: [
        'an https:// URL',
        'a base64 data URI of an image',
        `a local PNG, JPEG, WebP or BMP file up to ${maxInlineImageBytes} bytes`,
      ],
    });
    // The bytes decide, not the name: a JPEG named .png is sent as a JPEG; a text file named .png is refused.
    await writeFile(join(dir, 'photo.png'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    expect((await completeDraft('video', { image: 'photo.png' }, pickModel, dir)).image).toBe(
      'data:image/jpeg;base64,/9j/4A==',
    );
    await writeFile(join(dir, 'fake.png'), 'not an image');
    await expect(completeDraft('video', { image: 'fake.png' }, pickModel, dir)).rejects.toThrow(
      /not a PNG, JPEG, WebP or BMP image/,
    );
    await writeFile(join(dir, 'empty.png'), '');
    await expect(completeDraft('video', { image: 'empty.png' }, pickModel, dir)).rejects.toThrow(
      /empty file/,
    );
    await writeFile(join(dir, 'big.jpg'), Buffer.alloc(maxInlineImageBytes + 1));
    await expect(completeDraft('video', { image: 'big.jpg' }, pickModel, dir)).rejects.toMatchObject({
      field: 'image',
      value: maxInlineImageBytes + 1,
    });
  });

  it('rejects a provider option without =', () => {
    expect(() => parseProviderOptions(['auto'])).toThrowError(/key=value/);
    expect(parseProviderOptions(undefined)).toBeUndefined();
  });
});

describe('--size spelling', () => {
  it('accepts x, X and × (and spaces) for *, and leaves anything else for core to refuse', () => {
    for (const size of ['1280*720', '1280x720', '1280X720', '1280×720', ' 1280 x 720 ']) {
      expect(draftFromFlags('video', { size }, 'native').size).toBe('1280*720');
    }
    expect(normalizeSize('1280x')).toBe('1280x');
    expect(normalizeSize('big')).toBe('big');
    expect(normalizeSize(undefined)).toBeUndefined();
  });
});

describe('default models', () => {
  it('picks the first preferred model the provider serves', () => {
    expect(defaultModel('text-to-video', ['wan2.2-t2v-plus', 'wan2.5-t2v-preview'])).toBe('wan2.2-t2v-plus');
    expect(defaultModel('text-to-video', ['wan2.5-t2v-preview', 'wan2.5-i2v-preview'])).toBe(
      'wan2.5-t2v-preview',
    );
    expect(defaultModel('image-to-video', ['wan2.5-i2v-preview'])).toBe('wan2.5-i2v-preview');
    expect(defaultModel('text-to-image', [])).toBe('wan2.5-t2i-preview');
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
});
