import { type GenerationRequest, prepareRequest, type TaskRef, WankitError } from '@wankit/core';
import type { AdapterRequestInput } from '@wankit/core/adapter';
import { describe, expect, it } from 'vitest';
import { createDashScopeAdapter, type DashScopeAdapterSettings } from './dashscope-adapter.js';

// Exact bodies per model family and endpoint (SOURCES.md; wire-formats.md §4.4, §4.11), built
// the way a client builds them: core's validation, then the adapter's createRequest.
const png =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const cat = 'https://media.example.com/cat.png';
const last = 'https://media.example.com/cat-asleep.png';
const voice = 'https://media.example.com/voice.mp3';
const paths = {
  video: '/api/v1/services/aigc/video-generation/video-synthesis',
  kf2v: '/api/v1/services/aigc/image2video/video-synthesis',
  image: '/api/v1/services/aigc/text2image/image-synthesis',
};
const async = { 'X-DashScope-Async': 'enable' };

/** The create request and the adapter's own warnings (core's validation ran first; its warnings are core's). */
function prepare(request: Record<string, unknown>, settings: DashScopeAdapterSettings = {}, unknown = false) {
  const adapter = createDashScopeAdapter(settings);
  const prepared = prepareRequest(adapter, request as GenerationRequest, { allowUnknownModel: unknown });
  const { wire, warnings } = adapter.createRequest(prepared.input);
  return { path: wire.path, headers: wire.headers, body: wire.json, warnings };
}

function thrown(call: () => unknown): WankitError {
  try {
    call();
  } catch (error) {
    if (WankitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a WankitError');
}

describe('text-to-video', () => {
  it('legacy wan2.6: a concrete size, shot_type, audio_url; no audio switch (warned) [MS-T2V26]', () => {
    expect(
      prepare({
        kind: 'text-to-video',
        model: 'wan2.6-t2v',
        prompt: 'a kitten',
        negativePrompt: 'blurry',
        resolution: '720p',
        aspectRatio: '9:16',
        durationSeconds: 12,
        shotType: 'multi',
        promptExtend: true,
        audioUrl: voice,
        audio: true,
        watermark: true,
        seed: 7,
      }),
    ).toStrictEqual({
      path: paths.video,
      headers: async,
      body: {
        model: 'wan2.6-t2v',
        input: { prompt: 'a kitten', negative_prompt: 'blurry', audio_url: voice },
        parameters: {
          size: '720*1280',
          shot_type: 'multi',
          duration: 12,
          prompt_extend: true,
          watermark: true,
          seed: 7,
        },
      },
      warnings: [
        {
          type: 'unsupported',
          setting: 'audio',
          details:
            'wan2.6-t2v has no audio switch on DashScope (only wan2.6-i2v-flash, wan2.6-r2v-flash and wan3.0 do): the video has sound anyway; not sent',
        },
      ],
    });
  });

  it('wan2.5 at 480p, wan2.2 at 1080p: their tier sizes', () => {
    expect(
      prepare({ kind: 'text-to-video', model: 'wan2.5-t2v-preview', prompt: 'p', resolution: '480p' }).body,
    ).toStrictEqual({ model: 'wan2.5-t2v-preview', input: { prompt: 'p' }, parameters: { size: '832*480' } });
    expect(
      prepare({ kind: 'text-to-video', model: 'wan2.2-t2v-plus', prompt: 'p', aspectRatio: '1:1' }).body,
    ).toStrictEqual({ model: 'wan2.2-t2v-plus', input: { prompt: 'p' }, parameters: { size: '1440*1440' } });
  });

  it('wanx2.1 is spelled wan2.1 outside Beijing and wanx2.1 in Beijing ([MS-PRICE], corpus 009)', () => {
    const request = { kind: 'text-to-video', model: 'wanx2.1-t2v-turbo', prompt: 'p' };
    expect(prepare(request).body).toStrictEqual({ model: 'wan2.1-t2v-turbo', input: { prompt: 'p' } });
    expect(prepare(request, { region: 'virginia' }).body).toStrictEqual({
      model: 'wan2.1-t2v-turbo',
      input: { prompt: 'p' },
    });
    expect(prepare(request, { region: 'beijing' }).body).toStrictEqual({
      model: 'wanx2.1-t2v-turbo',
      input: { prompt: 'p' },
    });
    // The international alias as the caller's spelling: the same model.
    expect(prepare({ ...request, model: 'wan2.1-t2v-plus' }, { region: 'beijing' }).body).toStrictEqual({
      model: 'wanx2.1-t2v-plus',
      input: { prompt: 'p' },
    });
  });

  it('wan2.7: resolution and ratio instead of a size, audio_url [MS-T2V27]', () => {
    expect(
      prepare({
        kind: 'text-to-video',
        model: 'wan2.7-t2v',
        prompt: 'p',
        size: '1104*832',
        durationSeconds: 15,
        audioUrl: voice,
      }),
    ).toStrictEqual({
      path: paths.video,
      headers: async,
      body: {
        model: 'wan2.7-t2v',
        input: { prompt: 'p', audio_url: voice },
        parameters: { resolution: '720P', ratio: '4:3', duration: 15 },
      },
      warnings: [],
    });
    expect(
      prepare({ kind: 'text-to-video', model: 'wan2.7-t2v', prompt: 'p', aspectRatio: '9:16' }).body,
    ).toStrictEqual({
      model: 'wan2.7-t2v',
      input: { prompt: 'p' },
      parameters: { resolution: '1080P', ratio: '9:16' },
    });
  });

  it('wan3.0: no media, resolution + ratio, the audio switch ([AC-WAN3])', () => {
    expect(
      prepare({
        kind: 'text-to-video',
        model: 'wan3.0-video',
        prompt: 'p',
        resolution: '480p',
        aspectRatio: '1:1',
        durationSeconds: 20,
        audio: false,
      }).body,
    ).toStrictEqual({
      model: 'wan3.0-video',
      input: { prompt: 'p' },
      parameters: { resolution: '480P', ratio: '1:1', duration: 20, audio: false },
    });
  });
});

describe('image-to-video', () => {
  it('first frame (wan2.6 and older): img_url, a tier, template; audio only on the flash model [MS-I2V26]', () => {
    expect(
      prepare({
        kind: 'image-to-video',
        model: 'wan2.6-i2v',
        image: cat,
        resolution: '720p',
        audio: false,
        audioUrl: voice,
        shotType: 'single',
        template: 'flying',
      }),
    ).toStrictEqual({
      path: paths.video,
      headers: async,
      body: {
        model: 'wan2.6-i2v',
        input: { img_url: cat, audio_url: voice, template: 'flying' },
        parameters: { resolution: '720P', shot_type: 'single' },
      },
      warnings: [
        {
          type: 'unsupported',
          setting: 'audio',
          details:
            'wan2.6-i2v has no audio switch on DashScope (only wan2.6-i2v-flash, wan2.6-r2v-flash and wan3.0 do): a silent video cannot be asked for; not sent',
        },
      ],
    });
    expect(
      prepare({ kind: 'image-to-video', model: 'wan2.6-i2v-flash', image: png, audio: false }).body,
    ).toStrictEqual({ model: 'wan2.6-i2v-flash', input: { img_url: png }, parameters: { audio: false } });
    expect(
      prepare({ kind: 'image-to-video', model: 'wanx2.1-i2v-turbo', image: cat, durationSeconds: 3 }).body,
    ).toStrictEqual({ model: 'wan2.1-i2v-turbo', input: { img_url: cat }, parameters: { duration: 3 } });
  });

  it('first and last frame: its own endpoint, first_frame_url + last_frame_url [MS-KF2V]', () => {
    expect(
      prepare({
        kind: 'image-to-video',
        model: 'wan2.2-kf2v-flash',
        image: cat,
        lastImage: png,
        prompt: 'wakes up',
        resolution: '480p',
      }),
    ).toStrictEqual({
      path: paths.kf2v,
      headers: async,
      body: {
        model: 'wan2.2-kf2v-flash',
        input: { prompt: 'wakes up', first_frame_url: cat, last_frame_url: png },
        parameters: { resolution: '480P' },
      },
      warnings: [],
    });
    expect(
      prepare({ kind: 'image-to-video', model: 'wanx2.1-kf2v-plus', image: cat, lastImage: last }).body,
    ).toStrictEqual({
      model: 'wan2.1-kf2v-plus',
      input: { first_frame_url: cat, last_frame_url: last },
    });
  });

  it('kf2v with a template takes the first frame only ([MS-KF2V]): the last frame is warned about', () => {
    const { body, warnings } = prepare(
      { kind: 'image-to-video', model: 'wan2.2-kf2v-flash', image: cat, lastImage: last, template: 'hug' },
      { region: 'beijing' },
    );
    expect(body).toStrictEqual({
      model: 'wan2.2-kf2v-flash',
      input: { first_frame_url: cat, template: 'hug' },
    });
    expect(warnings).toStrictEqual([
      {
        type: 'unsupported',
        setting: 'lastImage',
        details: 'with a template DashScope takes the first frame only; not sent',
      },
    ]);
  });

  it('wan2.7: input.media first_frame, last_frame, driving_audio [MS-I2V27]', () => {
    expect(
      prepare({
        kind: 'image-to-video',
        model: 'wan2.7-i2v',
        image: png,
        lastImage: last,
        audioUrl: voice,
        prompt: 'p',
        resolution: '720p',
        durationSeconds: 8,
      }).body,
    ).toStrictEqual({
      model: 'wan2.7-i2v',
      input: {
        prompt: 'p',
        media: [
          { type: 'first_frame', url: png },
          { type: 'last_frame', url: last },
          { type: 'driving_audio', url: voice },
        ],
      },
      parameters: { resolution: '720P', duration: 8 },
    });
  });

  it('wan3.0: first (and last) frame media, the audio switch', () => {
    expect(
      prepare({ kind: 'image-to-video', model: 'wan3.0-video', image: cat, lastImage: last, audio: true })
        .body,
    ).toStrictEqual({
      model: 'wan3.0-video',
      input: {
        media: [
          { type: 'first_frame', url: cat },
          { type: 'last_frame', url: last },
        ],
      },
      parameters: { audio: true },
    });
  });
});

describe('reference-to-video', () => {
  const references = [
    'https://media.example.com/girl.png',
    { url: 'https://media.example.com/dog.mp4', voiceUrl: voice },
  ];

  it('wan2.6: reference_urls in order and a size; no per-reference voice (warned) [MS-R2V26]', () => {
    expect(
      prepare({
        kind: 'reference-to-video',
        model: 'wan2.6-r2v-flash',
        prompt: 'character1 walks character2',
        references,
        resolution: '720p',
        durationSeconds: 10,
        audio: false,
      }),
    ).toStrictEqual({
      path: paths.video,
      headers: async,
      body: {
        model: 'wan2.6-r2v-flash',
        input: {
          prompt: 'character1 walks character2',
          reference_urls: ['https://media.example.com/girl.png', 'https://media.example.com/dog.mp4'],
        },
        parameters: { size: '1280*720', duration: 10, audio: false },
      },
      warnings: [
        {
          type: 'unsupported',
          setting: 'references.1.voiceUrl',
          details: 'wan2.6-r2v-flash takes no per-reference voice on DashScope; not sent',
        },
      ],
    });
  });

  it('wan2.6 refuses an inline reference unless it is uploaded first (URLs or oss:// only, [MS-R2V26])', () => {
    const request = {
      kind: 'reference-to-video',
      model: 'wan2.6-r2v',
      prompt: 'character1',
      references: [png],
    };
    const error = thrown(() => prepare(request));
    expect({ kind: error.kind, field: error.field }).toStrictEqual({
      kind: 'invalid_request',
      field: 'references.0',
    });
    expect(error.message).toContain('providerOptions.dashscope.upload: true');
    // With uploads on, the inline image stays until prepareInputs replaces it by an oss:// URL.
    expect(prepare({ ...request, providerOptions: { dashscope: { upload: true } } }).body).toStrictEqual({
      model: 'wan2.6-r2v',
      input: { prompt: 'character1', reference_urls: [png] },
    });
  });

  it('wan2.7: reference media with their voices, then the first frame; ratio dropped with a first frame [MS-R2V27]', () => {
    expect(
      prepare({
        kind: 'reference-to-video',
        model: 'wan2.7-r2v',
        prompt: 'Image 1 walks with Video 1',
        references,
        image: png,
        aspectRatio: '9:16',
      }),
    ).toStrictEqual({
      path: paths.video,
      headers: async,
      body: {
        model: 'wan2.7-r2v',
        input: {
          prompt: 'Image 1 walks with Video 1',
          media: [
            { type: 'reference_image', url: 'https://media.example.com/girl.png' },
            { type: 'reference_video', url: 'https://media.example.com/dog.mp4', reference_voice: voice },
            { type: 'first_frame', url: png },
          ],
        },
        parameters: { resolution: '1080P' },
      },
      warnings: [
        {
          type: 'unsupported',
          setting: 'aspectRatio',
          details: 'wan2.7-r2v takes the aspect ratio of the first frame (image); not sent',
        },
      ],
    });
    expect(
      prepare({
        kind: 'reference-to-video',
        model: 'wan2.7-r2v',
        prompt: 'Image 1',
        references: [cat],
        aspectRatio: '1:1',
      }).body,
    ).toStrictEqual({
      model: 'wan2.7-r2v',
      input: { prompt: 'Image 1', media: [{ type: 'reference_image', url: cat }] },
      parameters: { resolution: '1080P', ratio: '1:1' },
    });
  });

  it('wan3.0: reference media, resolution + ratio; no per-reference voice (warned)', () => {
    const { body, warnings } = prepare({
      kind: 'reference-to-video',
      model: 'wan3.0-video',
      prompt: 'p',
      references,
      resolution: '720p',
    });
    expect(body).toStrictEqual({
      model: 'wan3.0-video',
      input: {
        prompt: 'p',
        media: [
          { type: 'reference_image', url: 'https://media.example.com/girl.png' },
          { type: 'reference_video', url: 'https://media.example.com/dog.mp4' },
        ],
      },
      parameters: { resolution: '720P', ratio: '16:9' },
    });
    expect(warnings).toStrictEqual([
      {
        type: 'unsupported',
        setting: 'references.1.voiceUrl',
        details: 'wan3.0-video takes no per-reference voice on DashScope; not sent',
      },
    ]);
  });
});

describe('text-to-image', () => {
  it('size and n on the text2image endpoint; wanx2.1 spelled per region [MS-T2I]', () => {
    expect(
      prepare({
        kind: 'text-to-image',
        model: 'wanx2.1-t2i-turbo',
        prompt: 'an apple',
        size: '1024*768',
        count: 4,
      }),
    ).toStrictEqual({
      path: paths.image,
      headers: async,
      body: {
        model: 'wan2.1-t2i-turbo',
        input: { prompt: 'an apple' },
        parameters: { size: '1024*768', n: 4 },
      },
      warnings: [],
    });
    expect(
      prepare({ kind: 'text-to-image', model: 'wan2.2-t2i-flash', prompt: 'a' }, { region: 'beijing' }).body,
    ).toStrictEqual({ model: 'wan2.2-t2i-flash', input: { prompt: 'a' }, parameters: { n: 1 } });
  });
});

describe('headers, regions and settings', () => {
  it('sends the workspace header on every request when a workspace is set [DS-SDK base_api.py]', () => {
    const adapter = createDashScopeAdapter({ workspaceId: 'ws-123' });
    const ref = { taskId: 'abc/1', kind: 'text-to-video' } as TaskRef;
    expect(
      prepare({ kind: 'text-to-video', model: 'wan2.6-t2v', prompt: 'p' }, { workspaceId: 'ws-123' }).headers,
    ).toStrictEqual({ 'X-DashScope-WorkSpace': 'ws-123', 'X-DashScope-Async': 'enable' });
    expect(adapter.statusRequest(ref)).toStrictEqual({
      method: 'GET',
      path: '/api/v1/tasks/abc%2F1',
      headers: { 'X-DashScope-WorkSpace': 'ws-123' },
      purpose: 'read',
    });
    expect(adapter.cancelRequest?.(ref)).toStrictEqual({
      method: 'POST',
      path: '/api/v1/tasks/abc%2F1/cancel',
      headers: { 'X-DashScope-WorkSpace': 'ws-123' },
      purpose: 'read',
    });
    expect(createDashScopeAdapter().statusRequest(ref)).toStrictEqual({
      method: 'GET',
      path: '/api/v1/tasks/abc%2F1',
      purpose: 'read',
    });
  });

  it('sends X-DashScope-OssResourceResolve when an input is an oss:// upload [MS-UPLOAD]', () => {
    const adapter = createDashScopeAdapter();
    const input: AdapterRequestInput = {
      request: {
        kind: 'image-to-video',
        model: 'wan2.6-i2v',
        image: 'oss://dashscope-instant/abc/image.png',
      },
      model: undefined,
      providerModel: 'wan2.6-i2v',
    };
    expect(adapter.createRequest(input).wire.headers).toStrictEqual({
      'X-DashScope-Async': 'enable',
      'X-DashScope-OssResourceResolve': 'enable',
    });
  });

  it('picks the documented host of each region, the workspace host when asked, or the given base URL', () => {
    const host = (settings: DashScopeAdapterSettings) => createDashScopeAdapter(settings).defaultBaseUrl;
    expect(host({})).toBe('https://dashscope-intl.aliyuncs.com');
    expect(host({ region: 'beijing' })).toBe('https://dashscope.aliyuncs.com');
    expect(host({ region: 'virginia' })).toBe('https://dashscope-us.aliyuncs.com');
    expect(host({ workspaceId: 'ws-1', workspaceHost: true })).toBe(
      'https://ws-1.ap-southeast-1.maas.aliyuncs.com',
    );
    expect(host({ region: 'beijing', workspaceId: 'ws-1', workspaceHost: true })).toBe(
      'https://ws-1.cn-beijing.maas.aliyuncs.com',
    );
    expect(host({ region: 'virginia', workspaceId: 'ws-1', workspaceHost: true })).toBe(
      'https://ws-1.us-east-1.maas.aliyuncs.com',
    );
    expect(host({ workspaceId: 'ws-1' })).toBe('https://dashscope-intl.aliyuncs.com');
    expect(host({ baseUrl: 'http://127.0.0.1:8080/', region: 'beijing' })).toBe('http://127.0.0.1:8080');
  });

  it('refuses settings it cannot use', () => {
    const refused = (settings: DashScopeAdapterSettings) => {
      const error = thrown(() => createDashScopeAdapter(settings));
      return { kind: error.kind, field: error.field };
    };
    expect(refused({ region: 'frankfurt' as never })).toStrictEqual({
      kind: 'invalid_request',
      field: 'region',
    });
    expect(refused({ workspaceHost: true })).toStrictEqual({
      kind: 'invalid_request',
      field: 'workspaceHost',
    });
    expect(refused({ workspaceId: 'ws.evil.example/x' })).toStrictEqual({
      kind: 'invalid_request',
      field: 'workspaceId',
    });
  });

  it('prices with the region: Beijing in CNY, elsewhere the international list', () => {
    expect(createDashScopeAdapter({ region: 'beijing' }).capabilities.priceList).toBe('dashscope-cn');
    expect(createDashScopeAdapter({ region: 'virginia' }).capabilities.priceList).toBe('dashscope-intl');
    expect(createDashScopeAdapter().capabilities).toMatchObject({
      kinds: ['text-to-video', 'image-to-video', 'reference-to-video', 'text-to-image'],
      callbacks: false,
      cancel: true,
      progress: false,
      limits: { requestsPerMinute: 120, concurrentTasks: 2 },
      polling: { initialDelayMs: 15_000, intervalMs: 15_000 },
      resultTtlMs: 86_400_000,
      priceList: 'dashscope-intl',
    });
  });

  it('maps ids the caller gives (a dated snapshot, wan3.0-video-prime) and serves them as models', () => {
    const settings = { modelIds: { 'wan3.0-video': 'wan3.0-video-prime' } };
    expect(createDashScopeAdapter(settings).providerModelId('wan3.0-video')).toBe('wan3.0-video-prime');
    expect(
      prepare({ kind: 'image-to-video', model: 'wan3.0-video', image: cat }, settings).body,
    ).toStrictEqual({
      model: 'wan3.0-video-prime',
      input: { media: [{ type: 'first_frame', url: cat }] },
    });
  });
});

describe('provider options and models outside the catalog', () => {
  it('takes only `upload`, a boolean', () => {
    const request = { kind: 'text-to-video', model: 'wan2.6-t2v', prompt: 'p' };
    const unknownKey = thrown(() =>
      prepare({ ...request, providerOptions: { dashscope: { ratio: 'adaptive' } } }),
    );
    expect({ kind: unknownKey.kind, field: unknownKey.field }).toStrictEqual({
      kind: 'invalid_request',
      field: 'providerOptions.dashscope.ratio',
    });
    const badValue = thrown(() => prepare({ ...request, providerOptions: { dashscope: { upload: 'yes' } } }));
    expect(badValue.field).toBe('providerOptions.dashscope.upload');
    expect(prepare({ ...request, providerOptions: { other: { x: 1 } } }).body).toStrictEqual({
      model: 'wan2.6-t2v',
      input: { prompt: 'p' },
    });
  });

  it('infers the family of an unknown id from its kind and generation (the SDK routes kf2v ids to /image2video/)', () => {
    expect(
      prepare({ kind: 'image-to-video', model: 'wan2.5-kf2v-next', image: cat, lastImage: last }, {}, true),
    ).toMatchObject({ path: paths.kf2v, body: { input: { first_frame_url: cat, last_frame_url: last } } });
    expect(
      prepare({ kind: 'text-to-video', model: 'wan2.8-t2v', prompt: 'p', size: '1280*720' }, {}, true).body,
    ).toStrictEqual({
      model: 'wan2.8-t2v',
      input: { prompt: 'p' },
      parameters: { resolution: '720P', ratio: '16:9' },
    });
    expect(
      prepare({ kind: 'image-to-video', model: 'wan3.5-video', image: cat, audio: false }, {}, true).body,
    ).toStrictEqual({
      model: 'wan3.5-video',
      input: { media: [{ type: 'first_frame', url: cat }] },
      parameters: { audio: false },
    });
  });

  it('warns about what the inferred body has no place for', () => {
    const { body, warnings } = prepare(
      { kind: 'image-to-video', model: 'wan2.4-i2v', image: cat, lastImage: last, resolution: '720p' },
      {},
      true,
    );
    expect(body).toStrictEqual({
      model: 'wan2.4-i2v',
      input: { img_url: cat },
      parameters: { resolution: '720P' },
    });
    expect(warnings).toStrictEqual([
      {
        type: 'unsupported',
        setting: 'lastImage',
        details: 'the DashScope body of wan2.4-i2v has no place for lastImage; not sent',
      },
    ]);
    expect(
      prepare({ kind: 'text-to-video', model: 'wan2.4-t2v', prompt: 'p', resolution: '720p' }, {}, true)
        .warnings,
    ).toStrictEqual([
      {
        type: 'unsupported',
        setting: 'resolution',
        details: 'this DashScope body takes a concrete size (WIDTH*HEIGHT); give `size` for this model',
      },
    ]);
  });

  it('refuses frames beside references on wan3.0 (frames xor references)', () => {
    const error = thrown(() =>
      prepare(
        { kind: 'reference-to-video', model: 'wan3.1-video', prompt: 'p', references: [cat], image: cat },
        {},
        true,
      ),
    );
    expect({ kind: error.kind, field: error.field }).toStrictEqual({ kind: 'unsupported', field: 'image' });
  });
});
