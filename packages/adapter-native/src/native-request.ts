// The one neutral→wire module of the native gateway (seeds 000–002; wire-formats.md §1.2, §1.4): the create
// request with its refusals and warnings, in the body form and model placement chosen, and the status request.
// Core has already validated the request against the catalog and refused kinds, models and callbacks the
// adapter does not offer.
import { type Resolution, type TaskRef, WankitError, type Warning } from '@wankit/core';
import {
  type AdapterCreateRequest,
  type AdapterRequestInput,
  checkInlineImageLimit,
  parseProviderOptions,
  resolveFrame,
  tierOf,
  type WireRequest,
} from '@wankit/core/adapter';
import { nativeResolutions } from './native-model-ids.js';
import {
  type NativeContent,
  nativeFlatBodySchema,
  nativeProviderOptionsSchema,
  nativeWrappedBodySchema,
} from './native-wire-schemas.js';

export interface NativeRequestSettings {
  readonly adapterId: string;
  /** `wrapped`: `{model, input:[{params:{input, parameters}}]}`; `flat`: `{model, input, parameters}`. */
  readonly bodyForm: 'wrapped' | 'flat';
  /** Send the model as the `X-Model` header and leave it out of the body. */
  readonly modelHeader: boolean;
}

export const nativeCreatePath = '/model/v1/generation';

const wireResolution: Readonly<Record<Resolution, '480P' | '720P' | '1080P'>> = {
  '480p': '480P',
  '720p': '720P',
  '1080p': '1080P',
};

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;

/** A tier the gateway does not offer for this model, though the model itself does (V6). */
function checkTier(input: AdapterRequestInput): void {
  const { request, model } = input;
  const tiers = nativeResolutions[request.model];
  const tier = tiers && request.kind === 'image-to-video' ? tierOf(request, model) : undefined;
  if (tiers && tier && !tiers.includes(tier)) {
    throw new WankitError({
      kind: 'unsupported',
      message: `resolution ${tier} is not offered for ${request.model} by the native gateway; choose ${tiers.join(', ')}`,
      field: 'resolution',
      value: tier,
      allowed: tiers,
    });
  }
}

/**
 * What a model outside the catalog asks for that the wire cannot carry (catalog models were normalised and
 * warned about by core): a last frame, a frame without a size for text input, a size for image-to-video.
 */
function frameWarnings(input: AdapterRequestInput, size: string | undefined): Warning[] {
  const { request } = input;
  const asked = (setting: string) => (request as Record<string, unknown>)[setting] !== undefined;
  const unsent = (setting: string, details: string): Warning => ({ type: 'unsupported', setting, details });
  if (request.kind !== 'image-to-video') {
    const setting = ['resolution', 'aspectRatio'].find(asked);
    return size === undefined && setting !== undefined
      ? [unsent(setting, 'the native wire takes a size (WIDTH*HEIGHT) here; give `size` for this model')]
      : [];
  }
  return [
    ...(request.lastImage === undefined
      ? []
      : [unsent('lastImage', 'the native wire has no last-frame field; not sent')]),
    ...['size', 'aspectRatio']
      .filter(asked)
      .map((setting) =>
        unsent(
          setting,
          'image-to-video on the native wire takes `resolution` and follows the image; not sent',
        ),
      ),
  ];
}

/** The `{input, parameters}` content. Fields the caller left out stay out (provider defaults); never null. */
function contentOf(input: AdapterRequestInput): { content: NativeContent; warnings: Warning[] } {
  const { request, model } = input;
  const frame = resolveFrame(request, model);
  const video = request.kind === 'text-to-image' ? undefined : request;
  const i2v = request.kind === 'image-to-video' ? request : undefined;
  // Text input takes a concrete `size`; image-to-video takes a tier (V4, V6).
  const size = i2v ? undefined : frame.size;
  const parameters = defined({
    size,
    resolution: i2v && frame.resolution ? wireResolution[frame.resolution] : undefined,
    duration: video?.durationSeconds,
    prompt_extend: request.promptExtend,
    watermark: request.watermark,
    seed: request.seed,
    n: request.kind === 'text-to-image' ? request.count : undefined,
    audio: video?.audio,
    shot_type: video?.shotType,
  });
  const wireInput = defined({
    prompt: request.prompt,
    negative_prompt: request.negativePrompt,
    img_url: i2v?.image,
    audio_url: video?.audioUrl,
    template: i2v?.template,
  });
  const content =
    Object.keys(parameters).length > 0 ? { input: wireInput, parameters } : { input: wireInput };
  return { content, warnings: model ? [] : frameWarnings(input, size) };
}

/**
 * The create request: `POST /model/v1/generation`. The provider's own clients send the wrapped body, the
 * Python SDK with the model in `X-Model` (the provider SDKs: the Python SDK sends X-Model); the doc pages show the flat one.
 */
export function nativeCreateRequest(
  input: AdapterRequestInput,
  settings: NativeRequestSettings,
): AdapterCreateRequest {
  parseProviderOptions(settings.adapterId, input.request, nativeProviderOptionsSchema);
  // wire-formats §1.4 (vtrix wan26_i2v, V4): `img_url` up to 10 MB.
  checkInlineImageLimit(input.request, 10 * 1024 * 1024, 'the native gateway');
  checkTier(input);
  const { content, warnings } = contentOf(input);
  const model = settings.modelHeader ? {} : { model: input.providerModel };
  const checked =
    settings.bodyForm === 'wrapped'
      ? nativeWrappedBodySchema.safeParse({ ...model, input: [{ params: content }] })
      : nativeFlatBodySchema.safeParse({ ...model, ...content });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new WankitError({
      kind: 'invalid_request',
      message: `the native body would be refused: ${issue?.path.join('.')}: ${issue?.message}`,
      field: String(issue?.path.at(-1) ?? ''),
    });
  }
  const wire: WireRequest = {
    method: 'POST',
    path: nativeCreatePath,
    json: checked.data,
    ...(settings.modelHeader ? { headers: { 'X-Model': input.providerModel } } : {}),
    purpose: 'create',
  };
  return { wire, warnings };
}

/** The status request: `GET /model/v1/generation/task/{id}`, the id in the path (V9, V10). */
export function nativeStatusRequest(ref: TaskRef): WireRequest {
  return {
    method: 'GET',
    path: `${nativeCreatePath}/task/${encodeURIComponent(ref.taskId)}`,
    purpose: 'read',
  };
}
