// Canonical model id ↔ /v2 wire id. /v2 sends DashScope's own ids verbatim (Y1-Y4, wire-formats.md §2.4).
import type { KnownModelId } from '@wankit/core';
import type { components } from './generated/v2-wire.js';

type Wire = components['schemas'];
type DocumentedModel = Wire['TextToVideoModel'] | Wire['ImageToVideoModel'] | Wire['KeyframeToVideoModel'];

/** The models /v2 documents (Y1-Y4). wan2.5/wan2.6 text-to-video ids are not among them (§2.10 item 5). */
export const v2DocumentedModels = [
  'wan2.2-t2v-plus',
  'wanx2.1-t2v-turbo',
  'wanx2.1-t2v-plus',
  'wan2.2-i2v-plus',
  'wan2.2-i2v-flash',
  'wanx2.1-i2v-turbo',
  'wanx2.1-i2v-plus',
  'wan2.5-i2v-preview',
  'wanx2.1-kf2v-plus',
] as const satisfies readonly (DocumentedModel & KnownModelId)[];

/** The canonical ids /v2 serves: in its wire contract and in the catalog, both checked at compile time. */
export type V2ModelId = (typeof v2DocumentedModels)[number];

/** The first/last-frame model: `images` carries two frames (Y3). */
export const keyframeModel: Wire['KeyframeToVideoModel'] = 'wanx2.1-kf2v-plus';

export const isDocumentedV2Model = (id: string): boolean =>
  (v2DocumentedModels as readonly string[]).includes(id);

/**
 * The wire id of a canonical id: the caller's own mapping first, then the id itself. `wan2.1-…` is a
 * common spelling of the `wanx2.1-…` ids (the Y1 example text itself uses it); the enum wants `wanx`.
 */
export function v2ModelIdOf(model: string, extraIds: Readonly<Record<string, string>> = {}): string {
  return extraIds[model] ?? model.replace(/^wan2\.1-/, 'wanx2.1-');
}
