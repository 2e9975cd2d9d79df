// The one AI SDK → neutral translation of a video call (spec v3 and v4 share the call options). Everything the
// neutral request cannot carry is a warning; core validates the result against the catalog before sending.
import {
  type AspectRatio,
  aspectRatios,
  type GenerationRequest,
  type Resolution,
  WankitError,
} from '@wankit/core';
import { type AiFile, fileToInput } from './file-input.js';
import { readProviderOptions, type WankitProviderOptions } from './provider-options.js';
import type { AiWarning } from './warnings.js';

export interface VideoCallOptions {
  prompt: string | undefined;
  n: number;
  aspectRatio: `${number}:${number}` | 'adaptive' | undefined;
  resolution: `${number}x${number}` | undefined;
  duration: number | undefined;
  fps: number | undefined;
  seed: number | undefined;
  image: AiFile | undefined;
  frameImages: { image: AiFile; frameType: 'first_frame' | 'last_frame' }[] | undefined;
  inputReferences?: AiFile[] | undefined;
  generateAudio: boolean | undefined;
  providerOptions: Record<string, unknown>;
}

export interface TranslatedCall {
  request: GenerationRequest;
  options: WankitProviderOptions;
  warnings: AiWarning[];
}

// Wan's three tiers by pixel count (16:9 sizes of the tier tables: 832*480, 1280*720, 1920*1080). Every size
// of a tier is within a few percent of these (960*960, 1088*832, 1440*1440, ...).
const tierPixels: readonly [Resolution, number][] = [
  ['480p', 832 * 480],
  ['720p', 1280 * 720],
  ['1080p', 1920 * 1080],
];

/** The tier of a `WxH` resolution, when it is within 15 % of one. */
export function tierOfPixels(width: number, height: number): Resolution | undefined {
  const pixels = width * height;
  const match = tierPixels.find(([, tier]) => Math.abs(pixels - tier) / tier <= 0.15);
  return match?.[0];
}

const isAspectRatio = (value: string): value is AspectRatio =>
  (aspectRatios as readonly string[]).includes(value);

function frameOf(call: VideoCallOptions, warnings: AiWarning[]) {
  const frames = call.frameImages ?? [];
  const firsts = frames.filter((frame) => frame.frameType === 'first_frame');
  const lasts = frames.filter((frame) => frame.frameType === 'last_frame');
  if (firsts.length > 1 || lasts.length > 1) {
    warnings.push({
      type: 'unsupported',
      feature: 'frameImages',
      details: 'one first_frame and one last_frame are used; the others are ignored',
    });
  }
  // The AI SDK already folds a first_frame into `image`; a direct caller may give either.
  const first = call.image ?? firsts[0]?.image;
  const last = lasts[0]?.image;
  if (last && !first) {
    throw new WankitError({
      kind: 'invalid_request',
      message: 'a last_frame needs a first_frame (or image): Wan animates from the first frame to the last',
      field: 'frameImages',
    });
  }
  return {
    ...(first ? { image: fileToInput(first, 'image') } : {}),
    ...(last ? { lastImage: fileToInput(last, 'frameImages') } : {}),
  };
}

export function videoCallToRequest(model: string, adapterId: string, call: VideoCallOptions): TranslatedCall {
  const warnings: AiWarning[] = [];
  const options = readProviderOptions(call.providerOptions, warnings);
  const { image, lastImage } = frameOf(call, warnings);
  const references = (call.inputReferences ?? []).map((file) => fileToInput(file, 'inputReferences'));
  const kind = references.length > 0 ? 'reference-to-video' : image ? 'image-to-video' : 'text-to-video';

  if (call.n > 1) {
    warnings.push({
      type: 'unsupported',
      feature: 'n',
      details: 'one video per call; set maxVideosPerCall 1',
    });
  }
  if (call.fps !== undefined) {
    warnings.push({
      type: 'unsupported',
      feature: 'fps',
      details: 'Wan models render at their own frame rate',
    });
  }

  // The frame: image-to-video takes a tier (the image gives the ratio); the others take a size or a ratio.
  let size: `${number}*${number}` | undefined;
  let tier: Resolution | undefined = options.tier;
  if (call.resolution !== undefined) {
    const [width, height] = call.resolution.split('x').map(Number) as [number, number];
    if (kind === 'image-to-video') {
      const found = tierOfPixels(width, height);
      if (found) tier ??= found;
      else {
        warnings.push({
          type: 'unsupported',
          feature: 'resolution',
          details: `${call.resolution} is no Wan tier (480p ≈ 832x480, 720p ≈ 1280x720, 1080p ≈ 1920x1080)`,
        });
      }
    } else {
      size = `${width}*${height}`;
    }
  }
  let aspectRatio: AspectRatio | undefined;
  if (call.aspectRatio !== undefined) {
    if (call.aspectRatio === 'adaptive') {
      if (kind === 'text-to-video') {
        warnings.push({
          type: 'unsupported',
          feature: 'aspectRatio',
          details: 'adaptive needs an input image',
        });
      }
    } else if (kind === 'image-to-video') {
      warnings.push({
        type: 'unsupported',
        feature: 'aspectRatio',
        details: 'image-to-video keeps the aspect ratio of the input image',
      });
    } else if (isAspectRatio(call.aspectRatio)) {
      aspectRatio = call.aspectRatio;
    } else {
      warnings.push({
        type: 'unsupported',
        feature: 'aspectRatio',
        details: `${call.aspectRatio} is not offered (Wan: ${aspectRatios.join(', ')})`,
      });
    }
  }

  const common = {
    model,
    ...(call.seed !== undefined ? { seed: call.seed } : {}),
    ...(options.negativePrompt !== undefined ? { negativePrompt: options.negativePrompt } : {}),
    ...(options.promptExtend !== undefined ? { promptExtend: options.promptExtend } : {}),
    ...(options.watermark !== undefined ? { watermark: options.watermark } : {}),
    ...(options.adapterOptions ? { providerOptions: { [adapterId]: options.adapterOptions } } : {}),
    ...(size ? { size } : {}),
    ...(tier ? { resolution: tier } : {}),
    ...(aspectRatio ? { aspectRatio } : {}),
    ...(call.duration !== undefined ? { durationSeconds: call.duration } : {}),
    ...(call.generateAudio !== undefined ? { audio: call.generateAudio } : {}),
    ...(options.audioUrl !== undefined ? { audioUrl: options.audioUrl } : {}),
    ...(options.shotType !== undefined ? { shotType: options.shotType } : {}),
  };
  const prompt = call.prompt;
  let request: GenerationRequest;
  if (kind === 'reference-to-video') {
    request = {
      kind,
      prompt: prompt ?? '',
      references,
      ...(image ? { image } : {}),
      ...common,
    } as GenerationRequest;
    if (lastImage)
      warnings.push({
        type: 'unsupported',
        feature: 'frameImages',
        details: 'no last frame with references',
      });
  } else if (kind === 'image-to-video') {
    request = {
      kind,
      image: image!,
      ...(prompt !== undefined ? { prompt } : {}),
      ...(lastImage ? { lastImage } : {}),
      ...(options.template !== undefined ? { template: options.template } : {}),
      ...common,
    } as GenerationRequest;
  } else {
    request = { kind, prompt: prompt ?? '', ...common } as GenerationRequest;
  }
  if (options.template !== undefined && kind !== 'image-to-video') {
    warnings.push({
      type: 'unsupported',
      feature: 'providerOptions.wankit.template',
      details: 'image-to-video only',
    });
  }
  return { request, options, warnings };
}
