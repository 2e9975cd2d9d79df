import { WankitError } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { tierOfPixels, type VideoCallOptions, videoCallToRequest } from './video-request.js';

const call = (overrides: Partial<VideoCallOptions> = {}): VideoCallOptions => ({
  prompt: 'a kitten',
  n: 1,
  aspectRatio: undefined,
  resolution: undefined,
  duration: undefined,
  fps: undefined,
  seed: undefined,
  image: undefined,
  frameImages: undefined,
  inputReferences: undefined,
  generateAudio: undefined,
  providerOptions: {},
  ...overrides,
});

describe('videoCallToRequest', () => {
  it('maps a text-to-video call to the neutral request, wankit options included', () => {
    const { request, options, warnings } = videoCallToRequest(
      'wan2.6-t2v',
      'native',
      call({
        resolution: '1280x720',
        aspectRatio: '16:9',
        duration: 10,
        seed: 42,
        generateAudio: true,
        providerOptions: {
          wankit: {
            negativePrompt: 'blur',
            promptExtend: false,
            watermark: false,
            shotType: 'multi',
            audioUrl: 'https://example.com/a.mp3',
            adapterOptions: { region: 'intl' },
            key: 'job-1',
          },
          alibaba: { ignored: true },
        },
      }),
    );
    expect(request).toEqual({
      kind: 'text-to-video',
      model: 'wan2.6-t2v',
      prompt: 'a kitten',
      size: '1280*720',
      aspectRatio: '16:9',
      durationSeconds: 10,
      seed: 42,
      audio: true,
      negativePrompt: 'blur',
      promptExtend: false,
      watermark: false,
      shotType: 'multi',
      audioUrl: 'https://example.com/a.mp3',
      providerOptions: { native: { region: 'intl' } },
    });
    expect(options.key).toBe('job-1');
    expect(warnings).toEqual([]);
  });

  it('makes image-to-video from an image (bytes become a data URI), with the last frame and a tier', () => {
    const { request, warnings } = videoCallToRequest(
      'wanx2.1-kf2v-plus',
      'v2',
      call({
        prompt: undefined,
        resolution: '1920x1080',
        image: { type: 'file', mediaType: 'image/png', data: new Uint8Array([1, 2, 3]) },
        frameImages: [
          { frameType: 'first_frame', image: { type: 'url', url: 'https://example.com/ignored-first.png' } },
          { frameType: 'last_frame', image: { type: 'url', url: 'https://example.com/last.png' } },
        ],
      }),
    );
    expect(request).toEqual({
      kind: 'image-to-video',
      model: 'wanx2.1-kf2v-plus',
      image: 'data:image/png;base64,AQID',
      lastImage: 'https://example.com/last.png',
      resolution: '1080p',
    });
    expect(warnings).toEqual([]);
  });

  it('warns about everything it cannot honour, and sends none of it', () => {
    const { request, warnings } = videoCallToRequest(
      'wan2.6-t2v',
      'native',
      call({ n: 2, fps: 24, aspectRatio: '21:9', providerOptions: { wankit: { bogus: 1 } } }),
    );
    expect(request).toEqual({ kind: 'text-to-video', model: 'wan2.6-t2v', prompt: 'a kitten' });
    expect(warnings).toEqual([
      {
        type: 'unsupported',
        feature: 'providerOptions.wankit.bogus',
        details: expect.stringContaining('not a wankit option'),
      },
      { type: 'unsupported', feature: 'n', details: 'one video per call; set maxVideosPerCall 1' },
      { type: 'unsupported', feature: 'fps', details: 'Wan models render at their own frame rate' },
      {
        type: 'unsupported',
        feature: 'aspectRatio',
        details: '21:9 is not offered (Wan: 16:9, 9:16, 1:1, 4:3, 3:4)',
      },
    ]);
  });

  it('warns that image-to-video keeps the image ratio, and about a size that is no tier', () => {
    const { request, warnings } = videoCallToRequest(
      'wan2.6-i2v',
      'native',
      call({
        image: { type: 'url', url: 'https://example.com/cat.png' },
        aspectRatio: '9:16',
        resolution: '640x360',
      }),
    );
    expect(request).toEqual({
      kind: 'image-to-video',
      model: 'wan2.6-i2v',
      prompt: 'a kitten',
      image: 'https://example.com/cat.png',
    });
    expect(warnings.map((warning) => 'feature' in warning && warning.feature)).toEqual([
      'resolution',
      'aspectRatio',
    ]);
  });

  it('makes reference-to-video from input references', () => {
    const { request } = videoCallToRequest(
      'wan2.6-r2v',
      'dashscope',
      call({
        prompt: 'character1 walks',
        inputReferences: [{ type: 'url', url: 'https://example.com/girl.png', mediaType: 'image/png' }],
      }),
    );
    expect(request).toEqual({
      kind: 'reference-to-video',
      model: 'wan2.6-r2v',
      prompt: 'character1 walks',
      references: ['https://example.com/girl.png'],
    });
  });

  it('refuses a last frame without a first, and a wrongly typed wankit option, before anything is sent', () => {
    const lastOnly = () =>
      videoCallToRequest(
        'wanx2.1-kf2v-plus',
        'v2',
        call({
          frameImages: [
            { frameType: 'last_frame', image: { type: 'url', url: 'https://example.com/l.png' } },
          ],
        }),
      );
    expect(lastOnly).toThrow(WankitError);
    expect(() => lastOnly()).toThrow(/last_frame needs a first_frame/);
    const badOption = () =>
      videoCallToRequest(
        'wan2.6-t2v',
        'native',
        call({ providerOptions: { wankit: { shotType: 'triple' } } }),
      );
    expect(badOption).toThrow(
      expect.objectContaining({ kind: 'invalid_request', field: 'providerOptions.wankit.shotType' }),
    );
  });

  it('finds the tier of a resolution by its pixel count', () => {
    expect(tierOfPixels(832, 480)).toBe('480p');
    expect(tierOfPixels(960, 960)).toBe('720p');
    expect(tierOfPixels(1088, 832)).toBe('720p');
    expect(tierOfPixels(1080, 1920)).toBe('1080p');
    expect(tierOfPixels(3840, 2160)).toBeUndefined();
  });
});
