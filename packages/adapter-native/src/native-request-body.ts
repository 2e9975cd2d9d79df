import { type AdapterSubmitInput, type Resolution, resolveFrame } from '@wankit/core';
import type { components } from './generated/native-wire.js';

type Wire = components['schemas'];
export type NativeSeedBody = Wire['CreateGenerationRequest'];
export type NativeWrappedBody = Wire['WrappedCreateGenerationRequest'];
export type NativeBodyForm = 'seed' | 'wrapped';

const wireResolution: Readonly<Record<Resolution, NonNullable<Wire['GenerationParameters']['resolution']>>> =
  {
    '480p': '480P',
    '720p': '720P',
    '1080p': '1080P',
  };

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/**
 * The one place a neutral request becomes a native wire body. Fields the caller left out are left out
 * (the provider's defaults apply); nothing is sent as null.
 *
 * `seed` form (default): `{model, input, parameters}` as seeds 000–002 document it.
 * `wrapped` form: `{model, input:[{params:{input, parameters}}]}` as the provider's CLI sends it
 * (wire-formats §1.4, §1.10 item 1).
 */
export function buildNativeBody(
  input: AdapterSubmitInput,
  providerModel: string,
  form: NativeBodyForm = 'seed',
): NativeSeedBody | NativeWrappedBody {
  const { request, model } = input;
  const frame = resolveFrame(request, model);
  const video = request.kind === 'text-to-image' ? undefined : request;

  const wireInput: Wire['GenerationInput'] = defined({
    prompt: request.prompt,
    negative_prompt: request.negativePrompt,
    img_url: request.kind === 'image-to-video' ? request.image : undefined,
    audio_url: video?.audioUrl,
    template: request.kind === 'image-to-video' ? request.template : undefined,
  });
  const parameters: Wire['GenerationParameters'] = defined({
    // Text-to-video and text-to-image take a concrete `size`; image-to-video takes a tier (V4, V6).
    size: request.kind === 'image-to-video' ? undefined : frame.size,
    resolution:
      request.kind === 'image-to-video' && frame.resolution ? wireResolution[frame.resolution] : undefined,
    duration: video?.durationSeconds,
    prompt_extend: request.promptExtend,
    watermark: request.watermark,
    seed: request.seed,
    n: request.kind === 'text-to-image' ? request.count : undefined,
    audio: video?.audio,
    shot_type: video?.shotType,
  });
  const content =
    Object.keys(parameters).length > 0 ? { input: wireInput, parameters } : { input: wireInput };
  if (form === 'wrapped') return { model: providerModel, input: [{ params: content }] };
  return { model: providerModel, ...content };
}
