// `createWankit`: any wankit adapter as an AI SDK provider. Spec v3 (ai 6, `@ai-sdk/provider` 3) by default;
// `specificationVersion: 'v4'` gives the ai 7 shapes (start/status, webhooks) declared in spec-v4.ts.
import type {
  Experimental_VideoModelV3,
  ImageModelV3,
  ImageModelV3CallOptions,
  ProviderV3,
} from '@ai-sdk/provider';
import { NoSuchModelError } from '@ai-sdk/provider';
import { type ClientOptions, getModel, modelCatalog, type WankitClient } from '@wankit/core';
import { createImageModelCore, type ImageCall } from './image-model.js';
import type { ImageModelV4, VideoModelV4 } from './spec-v4.js';
import { createTaskRunner } from './task-runner.js';
import { createVideoModelCore } from './video-model.js';

/**
 * A canonical Wan model id (`wan2.6-t2v`, `wan2.5-t2i-preview`, …; see `modelIds()` of `@wankit/core`). Plain
 * `string` until core exports its known-id union.
 */
export type WankitModelId = string;

/** `createClient`'s options: adapter, apiKey, baseUrl, fetch, timeouts, retry, schedule, journal, … */
export type WankitProviderSettings = ClientOptions;

interface WankitProviderBase {
  /** The wankit client behind every model: `status`, `wait`, `download` of refs found in `providerMetadata`. */
  readonly client: WankitClient;
}

export interface WankitProvider extends ProviderV3, WankitProviderBase {
  video(modelId: WankitModelId): Experimental_VideoModelV3;
  videoModel(modelId: WankitModelId): Experimental_VideoModelV3;
  image(modelId: WankitModelId): ImageModelV3;
  imageModel(modelId: WankitModelId): ImageModelV3;
}

export interface WankitProviderV4 extends WankitProviderBase {
  readonly specificationVersion: 'v4';
  video(modelId: WankitModelId): VideoModelV4;
  videoModel(modelId: WankitModelId): VideoModelV4;
  image(modelId: WankitModelId): ImageModelV4;
  imageModel(modelId: WankitModelId): ImageModelV4;
  languageModel(modelId: string): never;
  embeddingModel(modelId: string): never;
}

// A model the catalog knows only as another kind is refused at once, as AI SDK providers do for unknown ids.
function checkKind(modelId: string, modelType: 'videoModel' | 'imageModel'): void {
  const known = modelCatalog.filter((model) => model.id === modelId || model.aliases?.includes(modelId));
  if (known.length === 0) return; // unknown ids are core's call (`allowUnknownModels`)
  const images = getModel(modelId, modelCatalog, 'text-to-image')?.kind === 'text-to-image';
  const videos = known.some((model) => model.kind !== 'text-to-image');
  if (modelType === 'imageModel' ? images : videos) return;
  throw new NoSuchModelError({
    modelId,
    modelType,
    message: `${modelId} is a Wan ${modelType === 'imageModel' ? 'video' : 'image'} model: use wankit.${modelType === 'imageModel' ? 'video' : 'image'}(…)`,
  });
}

const noModel = (modelType: 'languageModel' | 'embeddingModel') => (modelId: string) => {
  throw new NoSuchModelError({
    modelId,
    modelType,
    message: `wankit serves Wan video and image models only`,
  });
};

export function createWankit(
  settings: WankitProviderSettings & { specificationVersion: 'v4' },
): WankitProviderV4;
export function createWankit(
  settings: WankitProviderSettings & { specificationVersion?: 'v3' },
): WankitProvider;
export function createWankit(
  settings: WankitProviderSettings & { specificationVersion?: 'v3' | 'v4' },
): WankitProvider | WankitProviderV4 {
  const { specificationVersion = 'v3', ...clientOptions } = settings;
  const runner = createTaskRunner(clientOptions);

  if (specificationVersion === 'v4') {
    const video = (modelId: string): VideoModelV4 => {
      checkKind(modelId, 'videoModel');
      const core = createVideoModelCore(runner, modelId);
      return {
        specificationVersion: 'v4',
        provider: core.provider,
        modelId,
        maxVideosPerCall: core.maxVideosPerCall,
        doGenerate: (options) => core.generate(options),
        doStart: (options) => core.start(options),
        doStatus: (options) => core.status(options),
        // Present only for adapters whose provider calls back: the SDK creates a webhook endpoint only then.
        ...(core.callbacks ? { handleWebhookOption: (options) => core.handleWebhookOption(options) } : {}),
      };
    };
    const image = (modelId: string): ImageModelV4 => {
      checkKind(modelId, 'imageModel');
      const core = createImageModelCore(runner, modelId);
      return {
        specificationVersion: 'v4',
        provider: core.provider,
        modelId,
        maxImagesPerCall: core.maxImagesPerCall,
        doGenerate: (options) => core.generate(options),
      };
    };
    return {
      specificationVersion: 'v4',
      client: runner.client,
      video,
      videoModel: video,
      image,
      imageModel: image,
      languageModel: noModel('languageModel'),
      embeddingModel: noModel('embeddingModel'),
    };
  }

  const video = (modelId: string): Experimental_VideoModelV3 => {
    checkKind(modelId, 'videoModel');
    const core = createVideoModelCore(runner, modelId);
    return {
      specificationVersion: 'v3',
      provider: core.provider,
      modelId,
      maxVideosPerCall: core.maxVideosPerCall,
      doGenerate: (options) => core.generate(options),
    };
  };
  const image = (modelId: string): ImageModelV3 => {
    checkKind(modelId, 'imageModel');
    const core = createImageModelCore(runner, modelId);
    return {
      specificationVersion: 'v3',
      provider: core.provider,
      modelId,
      maxImagesPerCall: core.maxImagesPerCall,
      doGenerate: (options: ImageModelV3CallOptions) => core.generate(options as ImageCall),
    };
  };
  return {
    specificationVersion: 'v3',
    client: runner.client,
    video,
    videoModel: video,
    image,
    imageModel: image,
    languageModel: noModel('languageModel'),
    embeddingModel: noModel('embeddingModel'),
  };
}
