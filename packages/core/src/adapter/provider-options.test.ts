import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkInlineImageLimit, parseProviderOptions } from './provider-options.js';

const base = { kind: 'image-to-video', model: 'wan2.6-i2v' } as const;

describe('parseProviderOptions', () => {
  const schema = z.strictObject({ provider: z.enum(['auto', 'official']).optional() });
  it('reads the adapter’s own options, and none as {}', () => {
    expect(
      parseProviderOptions(
        'x',
        { ...base, image: 'https://a.test/i.png', providerOptions: { x: { provider: 'auto' } } },
        schema,
      ),
    ).toEqual({ provider: 'auto' });
    expect(parseProviderOptions('x', { ...base, image: 'https://a.test/i.png' }, schema)).toEqual({});
  });
  it('names an unknown key and a bad value with what is allowed', () => {
    expect(() =>
      parseProviderOptions(
        'x',
        { ...base, image: 'https://a.test/i.png', providerOptions: { x: { nope: 1 } } },
        schema,
      ),
    ).toThrow(expect.objectContaining({ field: 'providerOptions.x.nope', allowed: ['provider'] }));
    expect(() =>
      parseProviderOptions(
        'x',
        { ...base, image: 'https://a.test/i.png', providerOptions: { x: { provider: 'cheap' } } },
        schema,
      ),
    ).toThrow(
      expect.objectContaining({ field: 'providerOptions.x.provider', allowed: ['auto', 'official'] }),
    );
  });
});

describe('checkInlineImageLimit', () => {
  const inline = (bytes: number) => `data:image/png;base64,${'A'.repeat(Math.ceil((bytes * 4) / 3))}`;
  it('lets through URLs and images within the provider’s limit', () => {
    expect(() => checkInlineImageLimit({ ...base, image: inline(1000) }, 2000, 'p')).not.toThrow();
    expect(() => checkInlineImageLimit({ ...base, image: 'https://a.test/i.png' }, 1, 'p')).not.toThrow();
  });
  it('refuses an inline image over it, naming the field and the limit', () => {
    expect(() =>
      checkInlineImageLimit(
        { ...base, image: 'https://a.test/i.png', lastImage: inline(3000) },
        2000,
        'the gateway',
      ),
    ).toThrow(
      expect.objectContaining({ kind: 'invalid_request', field: 'lastImage', allowed: ['<= 2000 bytes'] }),
    );
  });
});
