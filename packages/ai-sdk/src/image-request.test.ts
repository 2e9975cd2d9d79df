import { describe, expect, it } from 'vitest';
import { type ImageCallOptions, imageCallToRequest } from './image-request.js';

const call = (overrides: Partial<ImageCallOptions> = {}): ImageCallOptions => ({
  prompt: 'a red apple',
  n: 2,
  size: undefined,
  aspectRatio: undefined,
  seed: undefined,
  files: undefined,
  mask: undefined,
  providerOptions: {},
  ...overrides,
});

describe('imageCallToRequest', () => {
  it('maps n, size, aspect ratio, seed and the wankit options to a text-to-image request', () => {
    const { request, warnings } = imageCallToRequest(
      'wan2.5-t2i-preview',
      'dashscope',
      call({
        size: '1024x1024',
        aspectRatio: '1:1',
        seed: 7,
        providerOptions: {
          wankit: { negativePrompt: 'blur', watermark: true, adapterOptions: { upload: true } },
        },
      }),
    );
    expect(request).toEqual({
      kind: 'text-to-image',
      model: 'wan2.5-t2i-preview',
      prompt: 'a red apple',
      count: 2,
      size: '1024*1024',
      aspectRatio: '1:1',
      seed: 7,
      negativePrompt: 'blur',
      watermark: true,
      providerOptions: { dashscope: { upload: true } },
    });
    expect(warnings).toEqual([]);
  });

  it('warns about editing inputs, unknown ratios and video-only options, and sends none of them', () => {
    const { request, warnings } = imageCallToRequest(
      'wan2.5-t2i-preview',
      'native',
      call({
        n: 1,
        aspectRatio: '21:9',
        files: [{ type: 'url', url: 'https://example.com/a.png' }],
        mask: { type: 'url', url: 'https://example.com/m.png' },
        providerOptions: { wankit: { shotType: 'multi' } },
      }),
    );
    expect(request).toEqual({
      kind: 'text-to-image',
      model: 'wan2.5-t2i-preview',
      prompt: 'a red apple',
      count: 1,
    });
    expect(warnings.map((warning) => 'feature' in warning && warning.feature)).toEqual([
      'files',
      'mask',
      'providerOptions.wankit.shotType',
      'aspectRatio',
    ]);
  });
});
