// The one neutral→wire module of DashScope (wire-formats.md §0.4, §4.2–4.4; SOURCES.md):
// the create request of every model family with its refusals and warnings, the
// status request and the cancel request. Core has already validated the request against the catalog (and
// removed, with a warning, what the model does not support) and refused kinds, models and callbacks the adapter
// does not offer.
import type { GenerationRequest, ReferenceToVideoRequest, Resolution, TaskRef, Warning } from '@wankit/core';
import {
  type AdapterCreateRequest,
  type AdapterRequestInput,
  parseProviderOptions,
  resolveFrame,
  WankitError,
  type WireRequest,
} from '@wankit/core/adapter';
import type { z } from 'zod';
import { type DashScopeFamily, familyOf, takesAudioSwitch } from './dashscope-model-ids.js';
import {
  type DashScopeMediaItem,
  dashscopeProviderOptionsSchema,
  image2VideoBodySchema,
  imageSynthesisBodySchema,
  videoSynthesisBodySchema,
} from './dashscope-wire-schemas.js';

export interface DashScopeRequestSettings {
  readonly adapterId: string;
  /** Headers every request carries (`X-DashScope-WorkSpace` when a workspace is set). */
  readonly headers: Readonly<Record<string, string>>;
}

/** The three create paths ([MS-KF2V], [MS-T2I]) and the task paths ([MS-TASKS]). */
export const dashscopePaths = {
  videoSynthesis: '/api/v1/services/aigc/video-generation/video-synthesis',
  image2video: '/api/v1/services/aigc/image2video/video-synthesis',
  text2image: '/api/v1/services/aigc/text2image/image-synthesis',
  uploads: '/api/v1/uploads',
  task: (taskId: string) => `/api/v1/tasks/${encodeURIComponent(taskId)}`,
} as const;

const wireTier: Readonly<Record<Resolution, '480P' | '720P' | '1080P'>> = {
  '480p': '480P',
  '720p': '720P',
  '1080p': '1080P',
};

type Json = Record<string, unknown>;

const defined = <T extends Json>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;

const unsent = (setting: string, details: string): Warning => ({ type: 'unsupported', setting, details });

const videoReference = /\.(mp4|mov|webm|m4v)(?:[?#]|$)|^data:video\//i;

/** References as `{url, type, voiceUrl?}` (core normalises them for catalog models; an unknown model's are as given). */
function referencesOf(request: ReferenceToVideoRequest) {
  return request.references.map((item) => {
    const reference = typeof item === 'string' ? { url: item } : item;
    return {
      url: reference.url,
      type: reference.type ?? (videoReference.test(reference.url) ? 'video' : 'image'),
      ...(reference.voiceUrl === undefined ? {} : { voiceUrl: reference.voiceUrl }),
    };
  });
}

/** What one family's body is made of, before the common fields. */
interface Parts {
  readonly input: Json;
  readonly parameters: Json;
  readonly warnings: Warning[];
}

interface BuildContext {
  readonly input: AdapterRequestInput;
  readonly family: DashScopeFamily;
  readonly upload: boolean;
}

/** Neutral fields the family's wire has no place for (catalog models lose them in core already). */
function unplaced(request: GenerationRequest, family: DashScopeFamily): Warning[] {
  const has = (field: string) => (request as Json)[field] !== undefined;
  const where: Readonly<Record<string, readonly DashScopeFamily[]>> = {
    template: ['first-frame', 'first-last-frame'],
    lastImage: ['first-last-frame', 'frame-media', 'all-in-one'],
    audioUrl: ['text-size', 'first-frame', 'text-ratio', 'frame-media'],
    shotType: ['text-size', 'first-frame', 'reference-urls'],
  };
  return Object.entries(where)
    .filter(([field, families]) => has(field) && !families.includes(family))
    .map(([field]) =>
      unsent(field, `the DashScope body of ${request.model} has no place for ${field}; not sent`),
    );
}

/**
 * `parameters.audio` only where the endpoint documents it (wan2.6-i2v-flash, wan2.6-r2v-flash, wan3.0); wan2.5 and
 * wan2.6 otherwise always make sound (their own, or `audio_url`'s), so the switch is not sent [MS-T2V26],
 * [MS-I2V26], [MS-R2V26].
 */
function audioSwitch(request: GenerationRequest): { audio?: boolean; warnings: Warning[] } {
  const asked = request.kind === 'text-to-image' ? undefined : request.audio;
  if (asked === undefined) return { warnings: [] };
  if (takesAudioSwitch(request.model)) return { audio: asked, warnings: [] };
  const effect = asked ? 'the video has sound anyway' : 'a silent video cannot be asked for';
  return {
    warnings: [
      unsent(
        'audio',
        `${request.model} has no audio switch on DashScope (only wan2.6-i2v-flash, wan2.6-r2v-flash and wan3.0 do): ${effect}; not sent`,
      ),
    ],
  };
}

/** Text input: `size` (legacy) or `resolution` + `ratio` (wan2.7, wan3.0), from the frame core completed. */
function textFrame(context: BuildContext): { parameters: Json; warnings: Warning[] } {
  const { request, model } = context.input;
  const frame = resolveFrame(request, model);
  if (context.family === 'text-size' || context.family === 'reference-urls') {
    const asked = ['resolution', 'aspectRatio'].find((field) => (request as Json)[field] !== undefined);
    // A model outside the catalog has no size table to turn a tier into a size (catalog models always have one).
    const warnings =
      frame.size === undefined && asked !== undefined
        ? [
            unsent(
              asked,
              'this DashScope body takes a concrete size (WIDTH*HEIGHT); give `size` for this model',
            ),
          ]
        : [];
    return { parameters: defined({ size: frame.size }), warnings };
  }
  return {
    parameters: defined({
      resolution: frame.resolution && wireTier[frame.resolution],
      ratio: frame.aspectRatio,
    }),
    warnings: [],
  };
}

/** Image input: a tier only; the aspect ratio follows the image [MS-I2V26], [MS-KF2V], [MS-I2V27]. */
function imageTier(context: BuildContext): Json {
  const frame = resolveFrame(context.input.request, context.input.model);
  return defined({ resolution: frame.resolution && wireTier[frame.resolution] });
}

const video = (request: GenerationRequest) => (request.kind === 'text-to-image' ? undefined : request);

function textToVideo(context: BuildContext): Parts {
  const { request } = context.input;
  const t2v = video(request);
  const frame = textFrame(context);
  const wan3 = context.family === 'all-in-one';
  return {
    input: defined({
      prompt: request.prompt,
      negative_prompt: request.negativePrompt,
      audio_url: wan3 ? undefined : t2v?.audioUrl,
    }),
    parameters: {
      ...frame.parameters,
      shot_type: context.family === 'text-size' ? t2v?.shotType : undefined,
    },
    warnings: frame.warnings,
  };
}

function firstFrame(context: BuildContext): Parts {
  const { request } = context.input;
  const i2v = request.kind === 'image-to-video' ? request : undefined;
  return {
    input: defined({
      prompt: request.prompt,
      negative_prompt: request.negativePrompt,
      img_url: i2v?.image,
      audio_url: i2v?.audioUrl,
      template: i2v?.template,
    }),
    parameters: { ...imageTier(context), shot_type: i2v?.shotType },
    warnings: [],
  };
}

/** kf2v: "with a template only first_frame_url is passed" [MS-KF2V]. */
function firstLastFrame(context: BuildContext): Parts {
  const { request } = context.input;
  const i2v = request.kind === 'image-to-video' ? request : undefined;
  const templated = i2v?.template !== undefined;
  return {
    input: defined({
      prompt: request.prompt,
      negative_prompt: request.negativePrompt,
      first_frame_url: i2v?.image,
      last_frame_url: templated ? undefined : i2v?.lastImage,
      template: i2v?.template,
    }),
    parameters: imageTier(context),
    warnings:
      templated && i2v?.lastImage !== undefined
        ? [unsent('lastImage', 'with a template DashScope takes the first frame only; not sent')]
        : [],
  };
}

/** wan2.7 image-to-video: first_frame, last_frame, driving_audio, in that order [MS-I2V27]. */
function frameMedia(context: BuildContext): Parts {
  const { request } = context.input;
  const i2v = request.kind === 'image-to-video' ? request : undefined;
  const media: DashScopeMediaItem[] = [
    ...(i2v ? [{ type: 'first_frame' as const, url: i2v.image }] : []),
    ...(i2v?.lastImage ? [{ type: 'last_frame' as const, url: i2v.lastImage }] : []),
    ...(i2v?.audioUrl ? [{ type: 'driving_audio' as const, url: i2v.audioUrl }] : []),
  ];
  return {
    input: defined({ prompt: request.prompt, negative_prompt: request.negativePrompt, media }),
    parameters: imageTier(context),
    warnings: [],
  };
}

/** wan2.6 `reference_urls`: URLs or `oss://` only, no inline data [MS-R2V26]; no per-reference voice. */
function referenceUrls(context: BuildContext): Parts {
  const { request } = context.input;
  if (request.kind !== 'reference-to-video') throw new Error('reference-urls serves reference-to-video');
  const references = referencesOf(request);
  references.forEach((reference, index) => {
    if (!context.upload && /^data:/i.test(reference.url)) {
      throw new WankitError({
        kind: 'invalid_request',
        message:
          `references.${index}: ${request.model} takes reference URLs (https or oss://), not inline images; ` +
          'host the image, or set providerOptions.dashscope.upload: true to upload it to DashScope first',
        field: `references.${index}`,
        allowed: ['an https URL', 'a data URI with providerOptions.dashscope.upload: true'],
      });
    }
  });
  const frame = textFrame(context);
  return {
    input: defined({
      prompt: request.prompt,
      negative_prompt: request.negativePrompt,
      reference_urls: references.map((reference) => reference.url),
    }),
    parameters: { ...frame.parameters, shot_type: request.shotType },
    warnings: [...frame.warnings, ...voiceWarnings(request.model, references)],
  };
}

function voiceWarnings(model: string, references: readonly { voiceUrl?: string }[]): Warning[] {
  return references.flatMap((reference, index) =>
    reference.voiceUrl === undefined
      ? []
      : [
          unsent(
            `references.${index}.voiceUrl`,
            `${model} takes no per-reference voice on DashScope; not sent`,
          ),
        ],
  );
}

/**
 * wan2.7 reference-to-video: references in the caller's order (the prompt names them "Image 1", "Video 1" in
 * media order), each with its voice, then the optional first frame; `ratio` is ignored when a first frame is
 * given, so it is not sent then [MS-R2V27]. INFERRED: the first frame goes last, so it does not shift the
 * numbering of the reference images.
 */
function referenceMedia(context: BuildContext): Parts {
  const { request } = context.input;
  if (request.kind !== 'reference-to-video') throw new Error('reference-media serves reference-to-video');
  const media: DashScopeMediaItem[] = [
    ...referencesOf(request).map((reference) => ({
      type: reference.type === 'video' ? ('reference_video' as const) : ('reference_image' as const),
      url: reference.url,
      ...(reference.voiceUrl === undefined ? {} : { reference_voice: reference.voiceUrl }),
    })),
    ...(request.image ? [{ type: 'first_frame' as const, url: request.image }] : []),
  ];
  const frame = textFrame(context);
  const framed = request.image !== undefined && frame.parameters.ratio !== undefined;
  return {
    input: defined({ prompt: request.prompt, negative_prompt: request.negativePrompt, media }),
    parameters: { ...frame.parameters, ratio: framed ? undefined : frame.parameters.ratio },
    warnings: framed
      ? [
          unsent(
            'aspectRatio',
            `${request.model} takes the aspect ratio of the first frame (image); not sent`,
          ),
        ]
      : [],
  };
}

/**
 * wan3.0, one model for every mode ([AC-WAN3]; media types from a third-party mirror of its schema):
 * no media for text, first_frame (+ last_frame) for an image, references otherwise. Frames and references
 * do not mix; it documents no per-reference voice (INFERRED from that schema: its audio references are media
 * items of their own), so a voice is not sent.
 */
function allInOne(context: BuildContext): Parts {
  const { request } = context.input;
  if (request.kind === 'text-to-video') return textToVideo(context);
  if (request.kind === 'image-to-video') {
    const media: DashScopeMediaItem[] = [
      { type: 'first_frame', url: request.image },
      ...(request.lastImage ? [{ type: 'last_frame' as const, url: request.lastImage }] : []),
    ];
    return {
      input: defined({ prompt: request.prompt, negative_prompt: request.negativePrompt, media }),
      parameters: imageTier(context),
      warnings: [],
    };
  }
  if (request.kind !== 'reference-to-video') throw new Error('all-in-one serves video kinds');
  if (request.image !== undefined) {
    throw new WankitError({
      kind: 'unsupported',
      message: `${request.model} takes first/last frames or references, not both; omit image`,
      field: 'image',
    });
  }
  const references = referencesOf(request);
  const media: DashScopeMediaItem[] = references.map((reference) => ({
    type: reference.type === 'video' ? 'reference_video' : 'reference_image',
    url: reference.url,
  }));
  const frame = textFrame(context);
  return {
    input: defined({ prompt: request.prompt, negative_prompt: request.negativePrompt, media }),
    parameters: frame.parameters,
    warnings: [...frame.warnings, ...voiceWarnings(request.model, references)],
  };
}

/** Text-to-image v2: `size` and `n` (DashScope defaults to 4 images; core always sets the count) [MS-T2I]. */
function textToImage(context: BuildContext): Parts {
  const { request, model } = context.input;
  const frame = resolveFrame(request, model);
  return {
    input: defined({ prompt: request.prompt, negative_prompt: request.negativePrompt }),
    parameters: defined({
      size: frame.size,
      n: request.kind === 'text-to-image' ? request.count : undefined,
    }),
    warnings: [],
  };
}

const builders: Readonly<Record<DashScopeFamily, (context: BuildContext) => Parts>> = {
  'text-size': textToVideo,
  'text-ratio': textToVideo,
  'first-frame': firstFrame,
  'first-last-frame': firstLastFrame,
  'frame-media': frameMedia,
  'reference-urls': referenceUrls,
  'reference-media': referenceMedia,
  'all-in-one': allInOne,
  image: textToImage,
};

const pathOfFamily = (family: DashScopeFamily): string =>
  family === 'image'
    ? dashscopePaths.text2image
    : family === 'first-last-frame'
      ? dashscopePaths.image2video
      : dashscopePaths.videoSynthesis;

const schemaOfFamily = (family: DashScopeFamily): z.ZodType<Json> =>
  (family === 'image'
    ? imageSynthesisBodySchema
    : family === 'first-last-frame'
      ? image2VideoBodySchema
      : videoSynthesisBodySchema) as z.ZodType<Json>;

/** Every input URL of a body (the `oss://` check). */
function inputUrls(input: Json): string[] {
  const media = Array.isArray(input.media) ? (input.media as DashScopeMediaItem[]) : [];
  return [
    input.img_url,
    input.first_frame_url,
    input.last_frame_url,
    input.audio_url,
    ...(Array.isArray(input.reference_urls) ? input.reference_urls : []),
    ...media.flatMap((item) => [item.url, item.reference_voice]),
  ].filter((url): url is string => typeof url === 'string');
}

/**
 * The create: `POST` on the family's path with `X-DashScope-Async: enable` (every create is asynchronous; without
 * it DashScope answers 403 "current user api does not support synchronous calls", [MS-T2V27], [MS-ERR]) and
 * `X-DashScope-OssResourceResolve: enable` when an input is an `oss://` upload [MS-UPLOAD].
 */
export function dashscopeCreateRequest(
  input: AdapterRequestInput,
  settings: DashScopeRequestSettings,
): AdapterCreateRequest {
  const options = parseProviderOptions(settings.adapterId, input.request, dashscopeProviderOptionsSchema);
  const { request } = input;
  const family = familyOf(request.model, input.providerModel, request.kind);
  const context: BuildContext = { input, family, upload: options.upload === true };
  const parts = builders[family](context);
  const audio = audioSwitch(request);
  const parameters = defined({
    ...parts.parameters,
    duration: video(request)?.durationSeconds,
    prompt_extend: request.promptExtend,
    audio: audio.audio,
    watermark: request.watermark,
    seed: request.seed,
  });
  const body = {
    model: input.providerModel,
    input: parts.input,
    ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
  };
  const checked = schemaOfFamily(family).safeParse(body);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new WankitError({
      kind: 'invalid_request',
      message: `the DashScope body would be refused: ${issue?.path.join('.')}: ${issue?.message}`,
      field: String(issue?.path.at(-1) ?? ''),
    });
  }
  const oss = inputUrls(parts.input).some((url) => url.startsWith('oss://'));
  const wire: WireRequest = {
    method: 'POST',
    path: pathOfFamily(family),
    json: checked.data,
    headers: {
      ...settings.headers,
      'X-DashScope-Async': 'enable',
      ...(oss ? { 'X-DashScope-OssResourceResolve': 'enable' } : {}),
    },
    purpose: 'create',
  };
  return {
    wire,
    warnings: [...unplaced(request, family), ...parts.warnings, ...audio.warnings],
  };
}

/** `GET /api/v1/tasks/{task_id}`, the id in the path [MS-TASKS]. */
export function dashscopeStatusRequest(ref: TaskRef, settings: DashScopeRequestSettings): WireRequest {
  return {
    method: 'GET',
    path: dashscopePaths.task(ref.taskId),
    ...(Object.keys(settings.headers).length > 0 ? { headers: settings.headers } : {}),
    purpose: 'read',
  };
}

/** `POST /api/v1/tasks/{task_id}/cancel`, no body; only a PENDING task can be canceled [MS-TASKS]. */
export function dashscopeCancelRequest(ref: TaskRef, settings: DashScopeRequestSettings): WireRequest {
  return {
    method: 'POST',
    path: `${dashscopePaths.task(ref.taskId)}/cancel`,
    ...(Object.keys(settings.headers).length > 0 ? { headers: settings.headers } : {}),
    purpose: 'read',
  };
}
