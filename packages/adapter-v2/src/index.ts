export { createV2Adapter, type V2AdapterSettings, v2AdapterId } from './v2-adapter.js';
export type { V2ModelId } from './v2-model-ids.js';
