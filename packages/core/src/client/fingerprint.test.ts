import { describe, expect, it } from 'vitest';
import { requestFingerprint } from './fingerprint.js';

describe('requestFingerprint', () => {
  const input = {
    adapter: 'native',
    baseUrl: 'https://api.example.test',
    providerModel: 'wan22_t2v_plus',
    request: {
      kind: 'text-to-video',
      model: 'wan2.2-t2v-plus',
      prompt: 'a "kitten" ünïcode 🐱',
      seed: 7,
      negativePrompt: undefined,
      size: '1920*1080',
      extra: { z: [1, null, { b: true, a: 'x' }], a: 0 },
    },
  };

  it('is stable across versions: journals written earlier still match (pinned value)', () => {
    expect(requestFingerprint(input)).toBe(PINNED);
  });

  it('ignores key order and undefined fields', () => {
    const { request } = input;
    const reordered = {
      providerModel: input.providerModel,
      request: {
        extra: { a: 0, z: [1, null, { a: 'x', b: true }] },
        size: request.size,
        seed: 7,
        prompt: request.prompt,
        model: request.model,
        kind: request.kind,
      },
      baseUrl: input.baseUrl,
      adapter: input.adapter,
    };
    expect(requestFingerprint(reordered)).toBe(PINNED);
    expect(requestFingerprint({ ...input, request: { ...request, seed: 8 } })).not.toBe(PINNED);
  });
});

// Computed with the first implementation (Object.entries, filter, sort, join) before it was made faster.
const PINNED = 'sha256:3a4f455960b3688960fdbce7cb450883e5467ca5fa3062f1c46d3b3cf29bd167';
