// The real `ai` 6 package (`experimental_generateVideo`, `generateImage`) driving every adapter through
// @wankit/ai-sdk against the simulator over loopback HTTP.
import { createDashScopeAdapter } from '@wankit/adapter-dashscope';
import { createGenerateTaskAdapter } from '@wankit/adapter-generate-task';
import { createNativeAdapter } from '@wankit/adapter-native';
import { createV2Adapter } from '@wankit/adapter-v2';
import type { WanAdapter } from '@wankit/core';
import type { Simulator, WireFormat } from '@wankit/simulator';
import { generateImage, experimental_generateVideo as generateVideo } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMp4, isPng, loopbackDownload, pngBase64, startTestSimulator, timeScale } from './test-support.js';
import { createWankit } from './wankit-provider.js';

interface VideoCase {
  model: string;
  resolution?: `${number}x${number}`;
  aspectRatio?: `${number}:${number}`;
  duration?: number;
}

interface AdapterCase {
  format: WireFormat;
  adapter: () => WanAdapter;
  textToVideo: VideoCase;
  imageToVideo: VideoCase & { image: string | Uint8Array };
  textToImage?: { model: string; n: number };
  referenceToVideo?: { model: string; references: string[] };
}

const cases: AdapterCase[] = [
  {
    format: 'native',
    adapter: () => createNativeAdapter(),
    textToVideo: { model: 'wan2.6-t2v', resolution: '1280x720', duration: 10 },
    imageToVideo: {
      model: 'wan2.5-i2v-preview',
      image: 'https://example.com/cat.png',
      resolution: '1280x720',
    },
    textToImage: { model: 'wan2.5-t2i-preview', n: 2 },
  },
  {
    format: 'v2',
    adapter: () => createV2Adapter(),
    textToVideo: { model: 'wan2.2-t2v-plus', resolution: '1920x1080' },
    imageToVideo: {
      model: 'wan2.5-i2v-preview',
      image: 'https://example.com/cat.png',
      resolution: '1920x1080',
    },
  },
  {
    format: 'generateTask',
    adapter: () => createGenerateTaskAdapter(),
    textToVideo: { model: 'wan2.5-t2v-preview', resolution: '720x1280', duration: 10 },
    imageToVideo: {
      model: 'wan2.5-i2v-preview',
      image: 'https://example.com/cat.png',
      resolution: '1920x1080',
    },
  },
  {
    format: 'dashscope',
    adapter: () => createDashScopeAdapter(),
    textToVideo: { model: 'wan2.6-t2v', aspectRatio: '16:9', duration: 5 },
    imageToVideo: { model: 'wan2.7-i2v', image: Buffer.from(pngBase64, 'base64'), resolution: '1280x720' },
    textToImage: { model: 'wan2.5-t2i-preview', n: 2 },
    referenceToVideo: {
      model: 'wan2.6-r2v',
      references: ['https://example.com/girl.png', 'https://example.com/dog.mp4'],
    },
  },
];

for (const testCase of cases) {
  describe(`ai 6 through @wankit/ai-sdk, ${testCase.format} adapter`, () => {
    let simulator: Simulator;
    const provider = () =>
      createWankit({
        adapter: testCase.adapter(),
        apiKey: 'sim-key',
        baseUrl: simulator.baseUrl,
        schedule: { timeScale },
      });
    const creates = () => simulator.stats().formats[testCase.format].creates;

    beforeAll(async () => {
      simulator = await startTestSimulator();
    });
    afterAll(async () => {
      await simulator?.close();
    });

    it(`text-to-video: ${testCase.textToVideo.model} ends with a real MP4 and its task in providerMetadata`, async () => {
      const { model, ...frame } = testCase.textToVideo;
      const before = creates();
      const result = await generateVideo({
        model: provider().video(model),
        prompt: 'a kitten running in the moonlight',
        ...frame,
        download: loopbackDownload,
      });
      expect(creates()).toBe(before + 1);
      expect(result.videos).toHaveLength(1);
      expect(result.video.mediaType).toBe('video/mp4');
      expect(isMp4(result.video.uint8Array)).toBe(true);
      expect(result.warnings).toEqual([]);
      const metadata = result.providerMetadata.wankit as Record<string, unknown>;
      const adapterId = testCase.adapter().id;
      expect(metadata).toMatchObject({ adapter: adapterId, status: 'succeeded' });
      expect(metadata.taskRef).toMatchObject({
        spec: 'wankit.task/v1',
        adapter: adapterId,
        model,
        kind: 'text-to-video',
        baseUrl: simulator.baseUrl,
      });
      expect(metadata.outputs).toEqual([expect.objectContaining({ kind: 'video', url: expect.any(String) })]);
    });

    it(`image-to-video: ${testCase.imageToVideo.model} from ${typeof testCase.imageToVideo.image === 'string' ? 'a URL' : 'image bytes'}`, async () => {
      const { model, image, ...frame } = testCase.imageToVideo;
      const before = creates();
      const result = await generateVideo({
        model: provider().video(model),
        prompt: { image, text: 'the cat slowly turns its head' },
        ...frame,
        download: loopbackDownload,
      });
      expect(creates()).toBe(before + 1);
      expect(isMp4(result.video.uint8Array)).toBe(true);
      expect(result.warnings).toEqual([]);
      const metadata = result.providerMetadata.wankit as { taskRef: Record<string, unknown> };
      expect(metadata.taskRef).toMatchObject({ kind: 'image-to-video', model });
      expect(metadata.taskRef.resolution).toBe(frame.resolution === '1920x1080' ? '1080p' : '720p');
    });

    const r2v = testCase.referenceToVideo;
    if (r2v) {
      it(`reference-to-video: ${r2v.model} from inputReferences`, async () => {
        const before = creates();
        const result = await generateVideo({
          model: provider().video(r2v.model),
          prompt: 'character1 walks character2 on the beach',
          inputReferences: r2v.references.map((url) => ({
            data: url,
            mediaType: url.endsWith('.mp4') ? 'video/mp4' : 'image/png',
          })),
          resolution: '1280x720',
          download: loopbackDownload,
        });
        expect(creates()).toBe(before + 1);
        expect(isMp4(result.video.uint8Array)).toBe(true);
        expect(result.warnings).toEqual([]);
        expect((result.providerMetadata.wankit as { taskRef: unknown }).taskRef).toMatchObject({
          kind: 'reference-to-video',
          model: r2v.model,
        });
      });
    }

    const t2i = testCase.textToImage;
    if (t2i) {
      it(`text-to-image: ${t2i.model}, ${t2i.n} images from one task`, async () => {
        const before = creates();
        const result = await generateImage({
          model: provider().image(t2i.model),
          prompt: 'a red apple on a white table',
          n: t2i.n,
          aspectRatio: '1:1',
        });
        expect(creates()).toBe(before + 1);
        expect(result.images).toHaveLength(t2i.n);
        for (const image of result.images) expect(isPng(image.uint8Array)).toBe(true);
        expect(result.warnings).toEqual([]);
        const entries = (result.providerMetadata.wankit as { images: Record<string, unknown>[] }).images;
        expect(entries).toHaveLength(t2i.n);
        expect(entries[0]).toMatchObject({ url: expect.any(String), taskRef: { kind: 'text-to-image' } });
        expect(entries[0]!.taskId).toBe(entries[1]!.taskId);
      });
    }
  });
}

describe('ai 6 first-and-last-frame video (v2 adapter, wanx2.1-kf2v-plus)', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startTestSimulator();
  });
  afterAll(async () => {
    await simulator?.close();
  });

  it('frameImages first_frame and last_frame become the two frames of one task', async () => {
    // Records the create body as it goes on the wire.
    const posted: unknown[] = [];
    const recording: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'POST') posted.push(await request.clone().json());
      return fetch(request);
    };
    const wankit = createWankit({
      adapter: createV2Adapter(),
      apiKey: 'sim-key',
      baseUrl: simulator.baseUrl,
      schedule: { timeScale },
      fetch: recording,
    });
    const result = await generateVideo({
      model: wankit.video('wanx2.1-kf2v-plus'),
      prompt: 'the bud opens into a flower',
      frameImages: [
        { image: 'https://example.com/bud.png', frameType: 'first_frame' },
        { image: 'https://example.com/flower.png', frameType: 'last_frame' },
      ],
      download: loopbackDownload,
    });
    expect(simulator.stats().formats.v2.creates).toBe(1);
    expect(isMp4(result.video.uint8Array)).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(posted).toEqual([
      expect.objectContaining({
        model: 'wanx2.1-kf2v-plus',
        prompt: 'the bud opens into a flower',
        images: ['https://example.com/bud.png', 'https://example.com/flower.png'],
      }),
    ]);
    expect((result.providerMetadata.wankit as { taskRef: unknown }).taskRef).toMatchObject({
      kind: 'image-to-video',
      model: 'wanx2.1-kf2v-plus',
    });
  });
});
