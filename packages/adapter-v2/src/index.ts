export { createV2Adapter, type V2AdapterSettings, v2AdapterId } from './v2-adapter.js';
