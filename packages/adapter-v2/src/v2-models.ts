// The model ids /v2 documents, by kind (Y1-Y4). Ids are DashScope's own, sent verbatim.
import type { RequestKind } from '@wankit/core';
import type { components } from './generated/v2-wire.js';

type Wire = components['schemas'];
type DocumentedModel = Wire['TextToVideoModel'] | Wire['ImageToVideoModel'] | Wire['KeyframeToVideoModel'];

export const v2DocumentedModels: Readonly<Record<DocumentedModel, RequestKind>> = {
  'wan2.2-t2v-plus': 'text-to-video',
  'wanx2.1-t2v-turbo': 'text-to-video',
  'wanx2.1-t2v-plus': 'text-to-video',
  'wan2.2-i2v-plus': 'image-to-video',
  'wan2.2-i2v-flash': 'image-to-video',
  'wanx2.1-i2v-turbo': 'image-to-video',
  'wanx2.1-i2v-plus': 'image-to-video',
  'wan2.5-i2v-preview': 'image-to-video',
  'wanx2.1-kf2v-plus': 'image-to-video',
};

/** The first/last-frame model: `images` carries two frames (Y3). */
export const keyframeModel: Wire['KeyframeToVideoModel'] = 'wanx2.1-kf2v-plus';

/** `wan2.1-…` is a common misspelling of the `wanx2.1-…` ids (the Y1 example text itself uses it). */
export function canonicalV2ModelId(model: string): string {
  return model.replace(/^wan2\.1-/, 'wanx2.1-');
}

export function isDocumentedV2Model(model: string): model is DocumentedModel {
  return Object.hasOwn(v2DocumentedModels, model);
}
