// The one neutral→wire module of /v2 (seed 003; wire-formats.md §2.2, §2.4): the create request with its
// /v2-specific refusals and warnings, and the status request. Core has already validated the request
// against the catalog and refused kinds, models and callbacks the adapter does not offer.
import {
  type ImageToVideoRequest,
  type Resolution,
  type TaskRef,
  type TextToVideoRequest,
  WankitError,
  type Warning,
} from '@wankit/core';
import {
  type AdapterCreateRequest,
  type AdapterRequestInput,
  checkInlineImageLimit,
  parseProviderOptions,
  resolveFrame,
  type WireRequest,
} from '@wankit/core/adapter';
import { isDocumentedV2Model, keyframeModel } from './v2-model-ids.js';
import { type V2CreateBody, v2CreateBodySchema, v2ProviderOptionsSchema } from './v2-wire-schemas.js';

export const v2CreatePath = '/v2/videos/generations';

const wireResolution: Readonly<Record<Resolution, '480P' | '720P' | '1080P'>> = {
  '480p': '480P',
  '720p': '720P',
  '1080p': '1080P',
};

type Options = { template?: string | undefined };

/** Optional fields both kinds share. Options the catalog says a model ignores were already dropped by core. */
function commonFields(request: TextToVideoRequest | ImageToVideoRequest, warnings: Warning[]) {
  if (request.shotType !== undefined) {
    warnings.push({
      type: 'unsupported',
      setting: 'shotType',
      details: 'the /v2 wire has no shot-type field',
    });
  }
  return {
    ...(request.negativePrompt === undefined ? {} : { negative_prompt: request.negativePrompt }),
    ...(request.durationSeconds === undefined ? {} : { duration: request.durationSeconds }),
    ...(request.promptExtend === undefined ? {} : { prompt_extend: request.promptExtend }),
    ...(request.watermark === undefined ? {} : { watermark: request.watermark }),
    ...(request.seed === undefined ? {} : { seed: request.seed }),
    ...(request.audio === undefined ? {} : { audio: request.audio }),
    ...(request.audioUrl === undefined ? {} : { audio_url: request.audioUrl }),
  };
}

function textToVideoBody(input: AdapterRequestInput, request: TextToVideoRequest, options: Options) {
  const warnings: Warning[] = [];
  const frame = resolveFrame(request, input.model);
  if (!frame.size && (request.resolution || request.aspectRatio)) {
    // Without a catalog entry there is no tier table to turn a tier into a size (unknown models).
    warnings.push({
      type: 'unsupported',
      setting: request.resolution ? 'resolution' : 'aspectRatio',
      details: 'text-to-video on /v2 takes a size (WIDTH*HEIGHT); give `size` for this model',
    });
  }
  const body: V2CreateBody = {
    model: input.providerModel,
    prompt: request.prompt,
    ...(frame.size === undefined ? {} : { size: frame.size }),
    ...commonFields(request, warnings),
    ...(options.template === undefined ? {} : { template: options.template }),
  };
  return { body, warnings };
}

/** Refusals only /v2 knows: its first/last-frame model takes two images, the others one (Y2, Y3). */
function checkFrames(input: AdapterRequestInput, request: ImageToVideoRequest): void {
  const { providerModel } = input;
  if (providerModel === keyframeModel && request.lastImage === undefined) {
    throw new WankitError({
      kind: 'invalid_request',
      message: `${request.model} (${keyframeModel} on /v2) needs both frames: set lastImage as well as image`,
      field: 'lastImage',
      value: undefined,
    });
  }
  // A model /v2 does not document might take two frames: it is sent as asked.
  if (
    request.lastImage !== undefined &&
    providerModel !== keyframeModel &&
    isDocumentedV2Model(providerModel)
  ) {
    throw new WankitError({
      kind: 'unsupported',
      message: `lastImage is only taken by ${keyframeModel} on /v2, not by ${providerModel}`,
      field: 'lastImage',
      value: request.lastImage,
      allowed: [],
    });
  }
}

function imageToVideoBody(input: AdapterRequestInput, request: ImageToVideoRequest, options: Options) {
  checkFrames(input, request);
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
    model: input.providerModel,
    prompt: request.prompt ?? '',
    images: request.lastImage === undefined ? [request.image] : [request.image, request.lastImage],
    ...(request.resolution === undefined ? {} : { resolution: wireResolution[request.resolution] }),
    ...commonFields(request, warnings),
    ...(template === undefined ? {} : { template }),
  };
  return { body, warnings };
}

/** The create request: `POST /v2/videos/generations` with the flat body. */
export function v2CreateRequest(input: AdapterRequestInput, adapterId: string): AdapterCreateRequest {
  const { request } = input;
  const options = parseProviderOptions(adapterId, request, v2ProviderOptionsSchema);
  // /v2 documents no size limit for inline `images`; 10 MB is what the other resellers of the same upstream
  // document (wire-formats §1.4, §3.4) — INFERRED, the safe side.
  checkInlineImageLimit(request, 10 * 1024 * 1024, 'the /v2 gateway');
  if (request.kind !== 'text-to-video' && request.kind !== 'image-to-video') {
    // Unreachable through core, which refuses kinds outside `capabilities.kinds` first.
    throw new WankitError({ kind: 'unsupported', message: `/v2 has no ${request.kind}`, field: 'kind' });
  }
  const { body, warnings } =
    request.kind === 'text-to-video'
      ? textToVideoBody(input, request, options)
      : imageToVideoBody(input, request, options);
  const checked = v2CreateBodySchema.safeParse(body);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new WankitError({
      kind: 'invalid_request',
      message: `the /v2 body would be refused: ${issue?.path.join('.')}: ${issue?.message}`,
      field: String(issue?.path[0] ?? ''),
    });
  }
  return { wire: { method: 'POST', path: v2CreatePath, json: checked.data, purpose: 'create' }, warnings };
}

/** The status request: `GET /v2/videos/generations/{task_id}`, the id in the path (Y5, Y6). */
export function v2StatusRequest(ref: TaskRef): WireRequest {
  return { method: 'GET', path: `${v2CreatePath}/${encodeURIComponent(ref.taskId)}`, purpose: 'read' };
}
