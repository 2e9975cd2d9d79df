// The one AI SDK → neutral translation of an image call (spec v3 and v4 share the call options).
import { type AspectRatio, aspectRatios, type GenerationRequest } from '@wankit/core';
import { readProviderOptions } from './provider-options.js';
import type { TranslatedCall } from './video-request.js';
import type { AiWarning } from './warnings.js';

export interface ImageCallOptions {
  prompt: string | undefined;
  n: number;
  size: `${number}x${number}` | undefined;
  aspectRatio: `${number}:${number}` | undefined;
  seed: number | undefined;
  files: unknown[] | undefined;
  mask: unknown;
  providerOptions: Record<string, unknown>;
}

const isAspectRatio = (value: string): value is AspectRatio =>
  (aspectRatios as readonly string[]).includes(value);

// Options that only make sense for videos: warned, never sent.
const videoOnly = ['shotType', 'audioUrl', 'template', 'tier', 'videoOutput'] as const;

export function imageCallToRequest(model: string, adapterId: string, call: ImageCallOptions): TranslatedCall {
  const warnings: AiWarning[] = [];
  const options = readProviderOptions(call.providerOptions, warnings);
  if (call.files && call.files.length > 0) {
    warnings.push({
      type: 'unsupported',
      feature: 'files',
      details: 'Wan text-to-image takes no input images',
    });
  }
  if (call.mask !== undefined) {
    warnings.push({ type: 'unsupported', feature: 'mask', details: 'Wan text-to-image does no inpainting' });
  }
  for (const key of videoOnly) {
    if (options[key] !== undefined) {
      warnings.push({
        type: 'unsupported',
        feature: `providerOptions.wankit.${key}`,
        details: 'videos only',
      });
    }
  }
  let aspectRatio: AspectRatio | undefined;
  if (call.aspectRatio !== undefined) {
    if (isAspectRatio(call.aspectRatio)) aspectRatio = call.aspectRatio;
    else {
      warnings.push({
        type: 'unsupported',
        feature: 'aspectRatio',
        details: `${call.aspectRatio} is not offered (Wan: ${aspectRatios.join(', ')})`,
      });
    }
  }
  const request: GenerationRequest = {
    kind: 'text-to-image',
    model,
    prompt: call.prompt ?? '',
    count: call.n,
    ...(call.size ? { size: call.size.replace('x', '*') as `${number}*${number}` } : {}),
    ...(aspectRatio ? { aspectRatio } : {}),
    ...(call.seed !== undefined ? { seed: call.seed } : {}),
    ...(options.negativePrompt !== undefined ? { negativePrompt: options.negativePrompt } : {}),
    ...(options.promptExtend !== undefined ? { promptExtend: options.promptExtend } : {}),
    ...(options.watermark !== undefined ? { watermark: options.watermark } : {}),
    ...(options.adapterOptions ? { providerOptions: { [adapterId]: options.adapterOptions } } : {}),
  };
  return { request, options, warnings };
}
