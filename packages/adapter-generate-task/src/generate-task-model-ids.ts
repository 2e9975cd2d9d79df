// Canonical Wan id ↔ the provider's kebab-case model id (seed 004; wire-formats.md §3.4).
import type { KnownModelId, RequestKind } from '@wankit/core';
import type { components } from './generated/generate-task-wire.js';

export type GenerateTaskMode = components['schemas']['Mode'];

/**
 * Only `wan-2-5` is mapped: it is the model seed 004 documents, and the request module speaks its input. The
 * sibling pages (wan-2-5-video, wan-2-6-video; wire-formats.md §3.4 A8) take other inputs (`size`,
 * `audio_urls`, 480p, durations 2-15); callers who know a model takes the wan-2-5 input can route a canonical
 * id to it with the `modelIds` setting.
 */
const generateTaskModelTable = {
  'wan2.5-t2v-preview': 'wan-2-5',
  'wan2.5-i2v-preview': 'wan-2-5',
} as const satisfies Partial<Record<KnownModelId, string>>;

/** The canonical ids generateTask serves by default (a catalog id, checked at compile time). */
export type GenerateTaskModelId = keyof typeof generateTaskModelTable;

export const defaultGenerateTaskModelIds: Readonly<Record<string, string>> = generateTaskModelTable;

/** The provider id: the caller's mapping, the default map, else the id as given (an opted-in unknown model). */
export const generateTaskModelIdOf = (model: string, modelIds: Readonly<Record<string, string>>): string =>
  modelIds[model] ?? model;

/** `input.mode` follows the request kind. */
export const modeOf = (kind: RequestKind): GenerateTaskMode =>
  kind === 'image-to-video' ? 'image-to-video' : 'text-to-video';
