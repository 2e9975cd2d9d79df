// Issue 12 item 9: inputs the schema let through are refused before sending, naming the field and what is allowed.
import { describe, expect, it } from 'vitest';
import { WankitError } from '../errors/wankit-error.js';
import { maxInlineImageBytes, sniffImageType } from './validate-inputs.js';
import { validateRequest } from './validate-request.js';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const jpeg = Buffer.from('ffd8ffe000104a464946', 'hex');
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);
const bmp = Buffer.from('424d3a000000', 'hex');
const uri = (mime: string, bytes: Buffer) => `data:${mime};base64,${bytes.toString('base64')}`;

const i2v = (image: string, extra: Record<string, unknown> = {}) => ({
  kind: 'image-to-video',
  model: 'wan2.5-i2v-preview',
  prompt: 'the cat turns',
  image,
  ...extra,
});

function refusal(input: unknown): WankitError {
  try {
    validateRequest(input);
  } catch (error) {
    if (WankitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('blank prompts', () => {
  it.each([
    { kind: 'text-to-video', model: 'wan2.2-t2v-plus', prompt: '   ' },
    { kind: 'text-to-video', model: 'wan2.2-t2v-plus', prompt: '\n\t ' },
    { kind: 'text-to-image', model: 'wan2.5-t2i-preview', prompt: '\u3000' },
    i2v(uri('image/png', png), { prompt: '  ' }),
  ])('refuses a whitespace-only prompt (%j)', (request) => {
    const error = refusal(request);
    expect(error).toMatchObject({ kind: 'invalid_request', field: 'prompt' });
    expect(error.message).toContain('blank');
    expect(error.allowed?.length).toBeGreaterThan(0);
  });

  it('refuses a whitespace-only negative prompt', () => {
    expect(
      refusal({ kind: 'text-to-video', model: 'wan2.2-t2v-plus', prompt: 'x', negativePrompt: ' ' }),
    ).toMatchObject({
      field: 'negativePrompt',
    });
  });
});

describe('input images', () => {
  it.each([
    ['http on a public host', 'http://example.com/cat.png', 'plain http://'],
    ['empty', '', 'is empty'],
    ['blank', '   ', 'is empty'],
    ['a data URI that is not an image', uri('text/plain', Buffer.from('hello')), 'not of an image'],
    [
      'an image data URI holding text',
      uri('image/png', Buffer.from('hello world, not a png')),
      'not a PNG, JPEG, WebP or BMP',
    ],
    ['an empty data URI', 'data:image/png;base64,', 'is empty'],
    ['a data URI that is not base64', 'data:image/png;base64,%%%%', 'not valid base64'],
    ['a data URI without base64', 'data:image/png,abc', 'not a base64 data URI'],
  ])('refuses %s', (_label, image, message) => {
    for (const field of ['image', 'lastImage'] as const) {
      const request =
        field === 'image'
          ? i2v(image)
          : { ...i2v(uri('image/png', png)), model: 'wanx2.1-kf2v-plus', lastImage: image };
      const error = refusal(request);
      expect(error).toMatchObject({ kind: 'invalid_request', field });
      expect(error.message).toContain(message);
      expect(error.allowed?.length).toBeGreaterThan(0);
    }
  });

  it('refuses an inline image over the size limit before decoding it', () => {
    const head = Buffer.concat([png, Buffer.alloc(2)]).toString('base64');
    const big = `data:image/png;base64,${head}${'A'.repeat(Math.ceil((maxInlineImageBytes * 4) / 3) + 8)}`;
    const error = refusal(i2v(big));
    expect(error).toMatchObject({ field: 'image', allowed: [`<= ${maxInlineImageBytes} bytes`] });
    expect(error.message).toContain('over the providers');
    expect(JSON.stringify(error.toJSON()).length).toBeLessThan(2_000);
  });

  it.each([
    ['https', 'https://example.com/cat.png'],
    ['http on loopback', 'http://127.0.0.1:8787/cat.png'],
    ['a PNG', uri('image/png', png)],
    ['a JPEG', uri('image/jpeg', jpeg)],
    ['a WebP', uri('image/webp', webp)],
    ['a BMP', uri('image/bmp', bmp)],
  ])('accepts %s', (_label, image) => {
    expect(validateRequest(i2v(image)).request).toMatchObject({ image });
  });

  it('tells image types by their magic bytes', () => {
    expect([png, jpeg, webp, bmp, Buffer.from('GIF89a')].map((bytes) => sniffImageType(bytes))).toEqual([
      'image/png',
      'image/jpeg',
      'image/webp',
      'image/bmp',
      undefined,
    ]);
  });
});

describe('audio URLs', () => {
  it.each(['ftp://example.com/a.mp3', 'file:///etc/passwd', 'javascript:alert(1)'])(
    'refuses %s',
    (audioUrl) => {
      const error = refusal({ kind: 'text-to-video', model: 'wan2.5-t2v-preview', prompt: 'x', audioUrl });
      expect(error).toMatchObject({ field: 'audioUrl', allowed: ['an http(s) URL'] });
    },
  );
});
