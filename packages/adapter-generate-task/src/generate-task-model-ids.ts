import type { RequestKind } from '@wankit/core';
import { WankitError } from '@wankit/core';
import type { components } from './generated/generate-task-wire.js';

export type GenerateTaskMode = components['schemas']['Mode'];

/**
 * Canonical Wan id → the provider's kebab-case model id. The mode (`input.mode`) follows the request kind.
 * Only `wan-2-5` is mapped: it is the model seed 004 documents, and the body builder speaks its input.
 * The sibling pages (wan-2-5-video, wan-2-6-video; wire-formats §3.4 A8) take other inputs (`size`, `audio_urls`,
 * 480p, durations 2-15), so mapping them here would send the wrong body; callers can still route a canonical
 * id to another provider id with the `modelIds` setting when they know it takes the wan-2-5 input.
 */
export const defaultGenerateTaskModelIds: Readonly<Record<string, string>> = {
  'wan2.5-t2v-preview': 'wan-2-5',
  'wan2.5-i2v-preview': 'wan-2-5',
};

export function modeForKind(kind: RequestKind): GenerateTaskMode {
  if (kind === 'text-to-video' || kind === 'image-to-video') return kind;
  throw new WankitError({
    kind: 'unsupported',
    message: `generateTask makes videos only; ${kind} is not offered (choose text-to-video or image-to-video)`,
    field: 'kind',
    value: kind,
    allowed: ['text-to-video', 'image-to-video'],
  });
}

export function resolveProviderModel(model: string, modelIds: Readonly<Record<string, string>>): string {
  const providerModel = modelIds[model];
  if (providerModel !== undefined) return providerModel;
  const known = Object.keys(modelIds);
  throw new WankitError({
    kind: 'unsupported',
    message: `model ${model} has no generateTask id; mapped models: ${known.join(', ')} (add one with the modelIds setting)`,
    field: 'model',
    value: model,
    allowed: known,
  });
}
