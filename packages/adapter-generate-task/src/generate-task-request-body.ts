import type { AdapterSubmitInput, Resolution, VideoRequest, Warning } from '@wankit/core';
import { WankitError } from '@wankit/core';
import { checkCallbackUrl } from './generate-task-callback-url.js';
import { toWireFrame } from './generate-task-frame.js';
import { modeForKind, resolveProviderModel } from './generate-task-model-ids.js';
import { type GenerateTaskProviderRoute, parseProviderOptions } from './generate-task-provider-options.js';
import type { components } from './generated/generate-task-wire.js';

export type GenerateTaskRequestBody = components['schemas']['GenerateTaskRequest'];
type WireDuration = components['schemas']['Duration'];

// wan-2-5 input limits (seed 004 via wire-formats §3.4): prompt 1-800 characters, negative_prompt ≤500,
// duration 5 | 10, exactly one image.
export const promptMaxChars = 800;
export const negativePromptMaxChars = 500;
export const wireDurations = [5, 10] as const satisfies readonly WireDuration[];

export interface GenerateTaskBodySettings {
  readonly modelIds: Readonly<Record<string, string>>;
  /** Adapter-wide routing default; `providerOptions['generate-task'].provider` wins over it. */
  readonly provider?: GenerateTaskProviderRoute;
  readonly allowLoopbackHttpCallbacks: boolean;
}

export interface GenerateTaskBody {
  readonly providerModel: string;
  readonly body: GenerateTaskRequestBody;
  readonly warnings: Warning[];
  /** For the task ref (poll scheduling). */
  readonly resolution?: Resolution;
  readonly durationSeconds?: number;
}

/** The one place a neutral request becomes a generateTask body. Throws before anything is sent. */
export function buildGenerateTaskBody(
  input: AdapterSubmitInput,
  settings: GenerateTaskBodySettings,
): GenerateTaskBody {
  const mode = modeForKind(input.request.kind);
  const request = input.request as VideoRequest;
  const providerModel = resolveProviderModel(request.model, settings.modelIds);
  const options = parseProviderOptions(request.providerOptions);
  const warnings: Warning[] = [];

  const prompt = checkPrompt(request.prompt);
  if (request.negativePrompt !== undefined)
    checkLength('negativePrompt', request.negativePrompt, negativePromptMaxChars);
  const imageUrl = request.kind === 'image-to-video' ? checkImage(request) : undefined;
  const frame = toWireFrame(request, input.model, warnings);
  const duration = checkDuration(request.durationSeconds);
  warnUnsent(request, warnings);
  if (input.callbackUrl !== undefined)
    checkCallbackUrl(input.callbackUrl, settings.allowLoopbackHttpCallbacks);

  const provider = options.provider ?? settings.provider;
  const body: GenerateTaskRequestBody = {
    request_type: input.callbackUrl !== undefined ? 'callback' : 'async',
    ...(input.callbackUrl !== undefined ? { callback_url: input.callbackUrl } : {}),
    ...(provider !== undefined ? { provider } : {}),
    input: {
      mode,
      prompt,
      ...(imageUrl !== undefined ? { image_urls: [imageUrl] } : {}),
      ...(frame.resolution !== undefined ? { resolution: frame.resolution } : {}),
      ...(duration !== undefined ? { duration } : {}),
      ...(frame.aspectRatio !== undefined ? { aspect_ratio: frame.aspectRatio } : {}),
      ...(request.negativePrompt !== undefined ? { negative_prompt: request.negativePrompt } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(request.promptExtend !== undefined ? { enable_prompt_expansion: request.promptExtend } : {}),
    },
  };
  return {
    providerModel,
    body,
    warnings,
    ...(frame.resolution !== undefined ? { resolution: frame.resolution } : {}),
    ...(duration !== undefined ? { durationSeconds: duration } : {}),
  };
}

function checkPrompt(prompt: string | undefined): string {
  if (prompt === undefined || prompt.trim() === '') {
    throw new WankitError({
      kind: 'invalid_request',
      message: 'prompt is required by generateTask (1-800 characters), also for image-to-video',
      field: 'prompt',
      value: prompt,
      allowed: ['1-800 characters'],
    });
  }
  checkLength('prompt', prompt, promptMaxChars);
  return prompt;
}

// The provider rejects an over-long prompt (failCode PROMPT_TOO_LONG, wire-formats §3.7) rather than
// truncating it, so refusing here saves a failed task.
function checkLength(field: string, text: string, max: number): void {
  const length = Array.from(text).length;
  if (length <= max) return;
  throw new WankitError({
    kind: 'invalid_request',
    message: `${field} has ${length} characters; generateTask allows at most ${max}`,
    field,
    value: `${length} characters`,
    allowed: [`at most ${max} characters`],
  });
}

function checkImage(request: VideoRequest & { kind: 'image-to-video' }): string {
  if (request.lastImage !== undefined) {
    throw new WankitError({
      kind: 'unsupported',
      message: 'generateTask image-to-video takes exactly one image; lastImage cannot be sent',
      field: 'lastImage',
      value: 'a second image',
      allowed: ['one image'],
    });
  }
  // There is no upload endpoint (wire-formats §3.2): the provider fetches the image itself.
  if (!/^https?:\/\//i.test(request.image)) {
    throw new WankitError({
      kind: 'invalid_request',
      message:
        'image must be a public http(s) URL for generateTask (it has no upload; data URIs are not accepted)',
      field: 'image',
      value: `${request.image.slice(0, 32)}…`,
      allowed: ['http(s) URL'],
    });
  }
  return request.image;
}

function checkDuration(seconds: number | undefined): WireDuration | undefined {
  if (seconds === undefined) return undefined;
  if ((wireDurations as readonly number[]).includes(seconds)) return seconds as WireDuration;
  throw new WankitError({
    kind: 'invalid_request',
    message: `durationSeconds ${seconds} is not offered by generateTask; allowed: ${wireDurations.join(', ')}`,
    field: 'durationSeconds',
    value: seconds,
    allowed: wireDurations,
  });
}

// Neutral settings the wan-2-5 input has no field for: accepted, reported, not sent.
const unsent = ['watermark', 'audio', 'audioUrl', 'shotType', 'template'] as const;

function warnUnsent(request: VideoRequest, warnings: Warning[]): void {
  for (const setting of unsent) {
    if ((request as Record<string, unknown>)[setting] === undefined) continue;
    warnings.push({
      type: 'unsupported',
      setting,
      details: 'generateTask wan-2-5 has no such field; not sent',
    });
  }
}
