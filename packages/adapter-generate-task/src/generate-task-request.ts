// The one neutral→wire module of generateTask (seed 004; wire-formats.md §3.2, §3.4): the create request with
// its refusals and warnings, and the status request. Core has already validated the request against the
// catalog and refused kinds, catalog models and callbacks the adapter does not offer.
import {
  type AspectRatio,
  type ModelSpec,
  type Resolution,
  type TaskRef,
  type VideoRequest,
  WankitError,
  type Warning,
} from '@wankit/core';
import {
  type AdapterCreateRequest,
  type AdapterRequestInput,
  frameToSize,
  isLoopbackHost,
  parseProviderOptions,
  resolveFrame,
  sizeToFrame,
  type WireRequest,
} from '@wankit/core/adapter';
import { modeOf } from './generate-task-model-ids.js';
import {
  type GenerateTaskCreateBody,
  type GenerateTaskProviderRoute,
  generateTaskCreateBodySchema,
  generateTaskProviderOptionsSchema,
} from './generate-task-wire-schemas.js';

export interface GenerateTaskRequestSettings {
  readonly adapterId: string;
  /** Path prefix before `/generateTask` and `/statusTask`, e.g. `/api/v1`. */
  readonly apiPrefix: string;
  /** Adapter-wide routing default; `providerOptions['generate-task'].provider` wins over it. */
  readonly provider?: GenerateTaskProviderRoute;
  readonly allowLoopbackHttpCallbacks: boolean;
}

// wan-2-5 input limits (seed 004 via wire-formats.md §3.4).
const promptMaxChars = 800;
const negativePromptMaxChars = 500;
const wireDurations = [5, 10] as const;
const wireResolutions = ['720p', '1080p'] as const;
const wireAspectRatios = ['16:9', '9:16', '1:1'] as const;
// Neutral settings the wan-2-5 input has no field for: accepted, reported, not sent.
const unsent = ['watermark', 'audio', 'audioUrl', 'shotType', 'template'] as const;

const refuse = (message: string, field: string, value: unknown, allowed: readonly unknown[]) =>
  new WankitError({ kind: 'invalid_request', message, field, value, allowed });

/** The tier and aspect ratio of a size: the model's own table, else the sizes every Wan model shares. */
function frameOfSize(size: string, model: ModelSpec | undefined) {
  if (model?.sizes) return sizeToFrame(model, size);
  const frame = resolveFrame(
    { kind: 'text-to-video', model: '', prompt: '', size: size as never },
    undefined,
  );
  return frame.resolution && frame.aspectRatio
    ? { resolution: frame.resolution, aspectRatio: frame.aspectRatio }
    : undefined;
}

/** `1920*1080 → 1080p 16:9`, for every frame the wire takes (sizes from the model's table where it has one). */
function frameEquivalents(model: ModelSpec | undefined): string[] {
  return wireResolutions.flatMap((resolution) =>
    wireAspectRatios.map((aspect) => {
      const size = model?.sizes ? frameToSize(model, resolution, aspect) : undefined;
      return size ? `${size} → ${resolution} ${aspect}` : `${resolution} ${aspect}`;
    }),
  );
}

/**
 * Neutral frame (`size`, or `resolution` + `aspectRatio`) → the wire's `resolution` + `aspect_ratio`. Only
 * what the caller asked for is sent: a field left out stays out and the provider's default applies.
 */
function wireFrame(request: VideoRequest, model: ModelSpec | undefined, warnings: Warning[]) {
  let resolution: Resolution | undefined = request.resolution;
  let aspectRatio: AspectRatio | undefined = request.aspectRatio;
  let asked = [resolution, aspectRatio].filter(Boolean).join(' ');
  const field = request.size !== undefined ? 'size' : 'aspectRatio';
  const noEquivalent = () => {
    const equivalents = frameEquivalents(model);
    return refuse(
      `${asked} has no generateTask equivalent (it takes resolution 720p|1080p with aspect ratio 16:9|9:16|1:1); choose ${equivalents.join(', ')}`,
      field,
      request[field],
      equivalents,
    );
  };
  if (request.size !== undefined) {
    asked = `size ${request.size}`;
    const frame = frameOfSize(request.size, model);
    if (frame === undefined) throw noEquivalent();
    for (const [name, value, implied] of [
      ['resolution', resolution, frame.resolution],
      ['aspectRatio', aspectRatio, frame.aspectRatio],
    ] as const) {
      if (value !== undefined && value !== implied)
        throw refuse(`${name} ${value} contradicts size ${request.size}, which is ${implied}`, name, value, [
          implied,
        ]);
    }
    ({ resolution, aspectRatio } = frame);
    asked = `size ${request.size} (${resolution} ${aspectRatio})`;
  }
  if (resolution !== undefined && !(wireResolutions as readonly string[]).includes(resolution)) {
    const named = request.size ? ` (size ${request.size})` : '';
    throw refuse(
      `resolution ${resolution}${named} is not offered by generateTask; allowed: ${wireResolutions.join(', ')}`,
      'resolution',
      resolution,
      wireResolutions,
    );
  }
  if (aspectRatio !== undefined && request.kind === 'image-to-video') {
    // The wire takes aspect_ratio for text-to-video only; an image-to-video video follows its image.
    warnings.push({
      type: 'unsupported',
      setting: field,
      details: `generateTask image-to-video takes the aspect ratio of the image; ${field === 'size' ? `size ${request.size} was sent as resolution ${resolution}` : 'aspectRatio was not sent'}`,
    });
    aspectRatio = undefined;
  }
  if (aspectRatio !== undefined && !(wireAspectRatios as readonly string[]).includes(aspectRatio)) {
    throw noEquivalent();
  }
  return {
    ...(resolution === undefined ? {} : { resolution: resolution as (typeof wireResolutions)[number] }),
    ...(aspectRatio === undefined ? {} : { aspect_ratio: aspectRatio as (typeof wireAspectRatios)[number] }),
  };
}

function checkLength(field: string, text: string, max: number): void {
  const length = Array.from(text).length;
  if (length > max) {
    // The provider fails an over-long prompt (PROMPT_TOO_LONG, §3.7) rather than truncating it.
    const message = `${field} has ${length} characters; generateTask allows at most ${max}`;
    throw refuse(message, field, `${length} characters`, [`at most ${max} characters`]);
  }
}

function checkImage(request: VideoRequest): string | undefined {
  if (request.kind !== 'image-to-video') return undefined;
  if (request.lastImage !== undefined) {
    throw new WankitError({
      kind: 'unsupported',
      message: 'generateTask image-to-video takes exactly one image; lastImage cannot be sent',
      field: 'lastImage',
      value: 'a second image',
      allowed: ['one image'],
    });
  }
  // There is no upload endpoint (wire-formats.md §3.2): the provider fetches the image itself.
  if (!/^https?:\/\//i.test(request.image)) {
    throw refuse(
      'image must be a public http(s) URL for generateTask (it has no upload; data URIs are not accepted)',
      'image',
      `${request.image.slice(0, 32)}…`,
      ['http(s) URL'],
    );
  }
  return request.image;
}

/** The provider POSTs to a public HTTPS URL (§3.4, §3.8); plain http only to loopback, when allowed. */
function checkCallbackUrl(url: string, allowLoopbackHttp: boolean): void {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed?.protocol === 'https:') return;
  if (parsed?.protocol === 'http:' && allowLoopbackHttp && isLoopbackHost(parsed.hostname)) return;
  // The URL carries a secret token in its query: name only its origin and path.
  const shown = parsed ? `${parsed.origin}${parsed.pathname}` : '(not a URL)';
  const loopbackHint =
    parsed?.protocol === 'http:' && isLoopbackHost(parsed.hostname)
      ? ' (set allowLoopbackHttpCallbacks on the adapter for a local test server)'
      : '';
  throw refuse(
    `callbackUrl ${shown} must be an https URL the provider can reach${loopbackHint}`,
    'callbackUrl',
    shown,
    ['https://…'],
  );
}

/** The create request: `POST {prefix}/generateTask/{model}` with the wan-2-5 body. */
export function generateTaskCreateRequest(
  input: AdapterRequestInput,
  settings: GenerateTaskRequestSettings,
): AdapterCreateRequest {
  const { request, callbackUrl } = input;
  const options = parseProviderOptions(settings.adapterId, request, generateTaskProviderOptionsSchema);
  if (request.kind === 'text-to-image') {
    // Unreachable through core, which refuses kinds outside `capabilities.kinds` first.
    throw new WankitError({ kind: 'unsupported', message: 'generateTask makes videos only', field: 'kind' });
  }
  if (request.prompt === undefined || request.prompt.trim() === '') {
    throw refuse('prompt is required by generateTask, also for image-to-video', 'prompt', request.prompt, [
      `1-${promptMaxChars} characters`,
    ]);
  }
  checkLength('prompt', request.prompt, promptMaxChars);
  if (request.negativePrompt !== undefined)
    checkLength('negativePrompt', request.negativePrompt, negativePromptMaxChars);
  const image = checkImage(request);
  const warnings: Warning[] = [];
  const frame = wireFrame(request, input.model, warnings);
  const duration = request.durationSeconds;
  if (duration !== undefined && duration !== 5 && duration !== 10) {
    throw refuse(
      `durationSeconds ${duration} is not offered by generateTask; allowed: ${wireDurations.join(', ')}`,
      'durationSeconds',
      duration,
      wireDurations,
    );
  }
  for (const setting of unsent) {
    if ((request as Record<string, unknown>)[setting] === undefined) continue;
    warnings.push({
      type: 'unsupported',
      setting,
      details: 'generateTask wan-2-5 has no such field; not sent',
    });
  }
  if (callbackUrl !== undefined) checkCallbackUrl(callbackUrl, settings.allowLoopbackHttpCallbacks);
  const provider = options.provider ?? settings.provider;
  const body: GenerateTaskCreateBody = {
    request_type: callbackUrl === undefined ? 'async' : 'callback',
    ...(callbackUrl === undefined ? {} : { callback_url: callbackUrl }),
    ...(provider === undefined ? {} : { provider }),
    input: {
      mode: modeOf(request.kind),
      prompt: request.prompt,
      ...(image === undefined ? {} : { image_urls: [image] }),
      ...(frame.resolution === undefined ? {} : { resolution: frame.resolution }),
      ...(duration === undefined ? {} : { duration }),
      ...(frame.aspect_ratio === undefined ? {} : { aspect_ratio: frame.aspect_ratio }),
      ...(request.negativePrompt === undefined ? {} : { negative_prompt: request.negativePrompt }),
      ...(request.seed === undefined ? {} : { seed: request.seed }),
      ...(request.promptExtend === undefined ? {} : { enable_prompt_expansion: request.promptExtend }),
    },
  };
  const checked = generateTaskCreateBodySchema.safeParse(body);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new WankitError({
      kind: 'invalid_request',
      message: `the generateTask body would be refused: ${issue?.path.join('.')}: ${issue?.message}`,
      field: String(issue?.path.at(-1) ?? ''),
    });
  }
  const path = `${settings.apiPrefix}/generateTask/${encodeURIComponent(input.providerModel)}`;
  return { wire: { method: 'POST', path, json: checked.data, purpose: 'create' }, warnings };
}

/** The status request: the model in the path (the one used at submission), the id in `taskId` (§3.2). */
export function generateTaskStatusRequest(ref: TaskRef, apiPrefix: string): WireRequest {
  return {
    method: 'GET',
    path: `${apiPrefix}/statusTask/${encodeURIComponent(ref.providerModel)}`,
    query: { taskId: ref.taskId },
    purpose: 'read',
  };
}
