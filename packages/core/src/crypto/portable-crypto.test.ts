import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, randomId, randomToken, sha256Bytes, sha256Hex } from './portable-crypto.js';

describe('portable crypto', () => {
  it('hashes like node:crypto', () => {
    for (const text of ['', 'abc', 'ключ ✓', 'x'.repeat(10_000)]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
      expect(Buffer.from(sha256Bytes(text)).toString('hex')).toBe(sha256Hex(text));
    }
    const bytes = new Uint8Array([0, 1, 2, 255]);
    expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('makes unguessable base64url tokens and v4 ids', () => {
    const token = randomToken(32);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(32)).not.toBe(token);
    expect(randomId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomUUID()).toHaveLength(randomId().length);
  });

  it('compares bytes', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1]), new Uint8Array([1, 2]))).toBe(false);
  });
});
