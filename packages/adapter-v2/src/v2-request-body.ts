// The one place where a neutral request becomes a /v2 create body (seed 003; wire-formats.md §2.4).
import {
  type AdapterSubmitInput,
  type ImageToVideoRequest,
  type ModelSpec,
  type Resolution,
  resolveFrame,
  type TextToVideoRequest,
  WankitError,
  type Warning,
} from '@wankit/core';
import type { components } from './generated/v2-wire.js';
import type { V2ProviderOptions } from './v2-provider-options.js';

export type V2CreateBody = components['schemas']['CreateVideoRequest'];
type WireResolution = components['schemas']['Resolution'];

export interface V2RequestBody {
  readonly body: V2CreateBody;
  readonly warnings: readonly Warning[];
}

const wireResolution: Readonly<Record<Resolution, WireResolution>> = {
  '480p': '480P',
  '720p': '720P',
  '1080p': '1080P',
};

type Supports = keyof ModelSpec['supports'];

/** Optional fields shared by both kinds; dropped with a warning when the catalog says the model ignores them. */
function commonFields(
  request: TextToVideoRequest | ImageToVideoRequest,
  model: ModelSpec | undefined,
  warnings: Warning[],
): Partial<V2CreateBody> {
  const body: Partial<V2CreateBody> = {};
  const offered = (setting: Supports, name: string): boolean => {
    if (!model || model.supports[setting]) return true;
    warnings.push({
      type: 'unsupported',
      setting: name,
      details: `${model.id} does not take ${name}; not sent`,
    });
    return false;
  };
  if (request.negativePrompt !== undefined) body.negative_prompt = request.negativePrompt;
  if (request.durationSeconds !== undefined) body.duration = request.durationSeconds;
  if (request.promptExtend !== undefined && offered('promptExtend', 'promptExtend')) {
    body.prompt_extend = request.promptExtend;
  }
  if (request.watermark !== undefined && offered('watermark', 'watermark'))
    body.watermark = request.watermark;
  if (request.seed !== undefined && offered('seed', 'seed')) body.seed = request.seed;
  if (request.audio !== undefined && offered('audio', 'audio')) body.audio = request.audio;
  if (request.audioUrl !== undefined && offered('audioUrl', 'audioUrl')) body.audio_url = request.audioUrl;
  if (request.shotType !== undefined) {
    warnings.push({
      type: 'unsupported',
      setting: 'shotType',
      details: 'the /v2 wire has no shot-type field',
    });
  }
  return body;
}

function textToVideoBody(
  request: TextToVideoRequest,
  model: ModelSpec | undefined,
  providerModel: string,
  options: V2ProviderOptions,
): V2RequestBody {
  const warnings: Warning[] = [];
  const frame = resolveFrame(request, model);
  if (!frame.size && (request.resolution || request.aspectRatio)) {
    // Without a catalog entry there is no tier table to turn a tier into a size (unknown models).
    warnings.push({
      type: 'unsupported',
      setting: request.resolution ? 'resolution' : 'aspectRatio',
      details: 'text-to-video on /v2 takes a size (WIDTH*HEIGHT); give `size` for this model',
    });
  }
  const body: V2CreateBody = {
    model: providerModel,
    prompt: request.prompt,
    ...(frame.size === undefined ? {} : { size: frame.size }),
    ...commonFields(request, model, warnings),
    ...(options.template === undefined ? {} : { template: options.template }),
  };
  return { body, warnings };
}

function imageToVideoBody(
  request: ImageToVideoRequest,
  model: ModelSpec | undefined,
  providerModel: string,
  options: V2ProviderOptions,
): V2RequestBody {
  const warnings: Warning[] = [];
  // The frame follows the input image: /v2 image-to-video takes a tier only (Y2, Y4).
  if (request.aspectRatio !== undefined) {
    warnings.push({
      type: 'unsupported',
      setting: 'aspectRatio',
      details: 'image-to-video on /v2 follows the input image; not sent',
    });
  }
  if (request.size !== undefined) {
    warnings.push({
      type: 'unsupported',
      setting: 'size',
      details: 'image-to-video on /v2 takes `resolution` (480p|720p|1080p), not a size; not sent',
    });
  }
  if (request.prompt === undefined) {
    // The /v2 pages list `prompt` as required for every mode (Y1-Y4).
    warnings.push({
      type: 'defaulted',
      setting: 'prompt',
      details: 'the /v2 wire requires a prompt; an empty prompt was sent',
    });
  }
  const template = request.template ?? options.template;
  const body: V2CreateBody = {
    model: providerModel,
    prompt: request.prompt ?? '',
    images: request.lastImage === undefined ? [request.image] : [request.image, request.lastImage],
    ...(request.resolution === undefined ? {} : { resolution: wireResolution[request.resolution] }),
    ...commonFields(request, model, warnings),
    ...(template === undefined ? {} : { template }),
  };
  return { body, warnings };
}

/**
 * Builds the create body. The caller (the adapter's `check`) has already rejected text-to-image, models
 * outside the /v2 list and a bad `providerOptions.v2`.
 */
export function buildV2RequestBody(
  input: AdapterSubmitInput,
  providerModel: string,
  options: V2ProviderOptions,
): V2RequestBody {
  const { request, model } = input;
  if (request.kind === 'text-to-video') return textToVideoBody(request, model, providerModel, options);
  if (request.kind === 'image-to-video') return imageToVideoBody(request, model, providerModel, options);
  throw new WankitError({
    kind: 'unsupported',
    message: `the v2 adapter does not offer ${request.kind}`,
    field: 'kind',
    value: request.kind,
    allowed: ['text-to-video', 'image-to-video'],
  });
}
