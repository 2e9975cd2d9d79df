export {
  getModel,
  listModels,
  type ModelFilter,
  type ModelOverrides,
  modelCatalog,
  tiersOf,
  withModelOverrides,
} from './catalog.js';
export { expectedDurationSeconds, genericExpectedSeconds } from './expected-duration.js';
export { defaultTier, type Frame, frameToSize, resolveFrame, sizeToFrame, tierOf } from './frame.js';
export type { DurationRule, ModelSpec, TierSizes } from './model-spec.js';
export { type ValidatedRequest, type ValidateRequestOptions, validateRequest } from './validate-request.js';
