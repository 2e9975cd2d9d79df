import { createGenerateTaskAdapter } from '@wankit/adapter-generate-task';
import { createNativeAdapter } from '@wankit/adapter-native';
import { createV2Adapter } from '@wankit/adapter-v2';
import type { GenerationRequest, Resolution, WanAdapter } from '@wankit/core';
import { type RawFormat, rawGenerateTask, rawNative, rawV2 } from './raw-lifecycle.js';

export const adapterIds = ['native', 'v2', 'generate-task'] as const;
export type AdapterId = (typeof adapterIds)[number];

/** One adapter as the benchmarks drive it: the adapter, the model it serves, its raw twin. */
export interface Subject {
  readonly id: AdapterId;
  /** The base URL to give the client, from the simulator's root URL. */
  baseUrl(simulatorUrl: string): string;
  adapter(): WanAdapter;
  /** A text-to-video request this adapter serves, at a given tier when asked. */
  request(resolution?: Resolution): GenerationRequest;
  raw(providerModel: string): RawFormat;
}

const prompt = 'a kitten running in the moonlight';

const textToVideo = (model: string, resolution?: Resolution): GenerationRequest =>
  ({
    kind: 'text-to-video',
    model,
    prompt,
    ...(resolution ? { resolution, aspectRatio: '16:9' } : {}),
  }) as GenerationRequest;

export const subjects: Readonly<Record<AdapterId, Subject>> = {
  native: {
    id: 'native',
    baseUrl: (url) => url,
    adapter: () => createNativeAdapter(),
    // wan2.2-t2v-plus has no 720p tier; wan2.5-t2v-preview has both tiers the seeds time.
    request: (resolution) => textToVideo(resolution ? 'wan2.5-t2v-preview' : 'wan2.2-t2v-plus', resolution),
    raw: () => rawNative,
  },
  v2: {
    id: 'v2',
    baseUrl: (url) => url,
    adapter: () => createV2Adapter(),
    // /v2 documents no text-to-video model with both 720p and 1080p: wanx2.1-t2v-turbo serves 720p,
    // wan2.2-t2v-plus 1080p (the scheduler learns per model and tier either way).
    request: (resolution) =>
      textToVideo(resolution === '720p' ? 'wanx2.1-t2v-turbo' : 'wan2.2-t2v-plus', resolution),
    raw: () => rawV2,
  },
  'generate-task': {
    id: 'generate-task',
    baseUrl: (url) => url,
    // Loopback http callback URLs are refused by default; the simulator and the receiver are local.
    adapter: () => createGenerateTaskAdapter({ allowLoopbackHttpCallbacks: true }),
    // generateTask serves wan2.5 (wan-2-5) at 720p and 1080p only.
    request: (resolution) => textToVideo('wan2.5-t2v-preview', resolution),
    raw: (providerModel) => rawGenerateTask(providerModel),
  },
};
