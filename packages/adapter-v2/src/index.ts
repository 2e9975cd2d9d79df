export type { components as V2WireComponents, paths as V2WirePaths } from './generated/v2-wire.js';
export {
  createPath,
  createV2Adapter,
  statusPath,
  type V2AdapterSettings,
  v2AdapterId,
} from './v2-adapter.js';
export { canonicalV2ModelId, v2DocumentedModels } from './v2-models.js';
export { type V2ProviderOptions, v2ProviderOptionsSchema } from './v2-provider-options.js';
