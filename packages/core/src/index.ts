// @wankit/core: what users call. Fetch-only at load time (no `node:` module is imported until a file
// is downloaded), so it runs on Node, Bun, Deno and edge runtimes. Adapter authors: `@wankit/core/adapter`;
// tests: `@wankit/core/testing`; files, the file journal and node:http: `@wankit/core/node`.
export {
  type CallbackHandler,
  type CallbackHandlerOptions,
  createCallbackHandler,
} from './callbacks/callback-handler.js';
export {
  type CallbackRegistration,
  type CallbackRegistry,
  type CallbackRegistryOptions,
  createCallbackRegistry,
  type DeliveryOutcome,
  type SharedCallbacks,
} from './callbacks/callback-registry.js';
export {
  getModel,
  listModels,
  type ModelFilter,
  type ModelOverrides,
  modelCatalog,
  modelIds,
  tiersOf,
  withModelOverrides,
} from './catalog/catalog.js';
export { expectedDurationSeconds } from './catalog/expected-duration.js';
export type { KnownModelId, ModelAlias, ModelId } from './catalog/model-id.js';
export type { DurationRule, ModelSpec, TierSizes } from './catalog/model-spec.js';
export { modelsServedBy } from './catalog/models-served-by.js';
export {
  type Billable,
  billableOf,
  type CostEstimate,
  estimateCost,
  type ModelPrice,
  type PriceList,
  priceLists,
} from './catalog/prices.js';
export {
  checkImageInput,
  imageInputsAllowed,
  maxInlineImageBytes,
  sniffImageType,
} from './catalog/validate-inputs.js';
export {
  type ValidatedRequest,
  type ValidateRequestOptions,
  validateRequest,
} from './catalog/validate-request.js';
export type {
  CancelOptions,
  ClientOptions,
  DownloadedFile,
  DownloadOptions,
  GenerateOptions,
  GenerateResult,
  RequestPreview,
  SubmitOptions,
  SubmitResult,
  WaitOptions,
  WankitClient,
} from './client/client-options.js';
export { createClient } from './client/create-client.js';
export type { ScheduleOptions } from './client/poll-scheduler.js';
export { type PreparedRequest, prepareRequest } from './client/prepare-request.js';
export { sameBaseUrl } from './client/ref-base-url.js';
export type { RequestBudgetLimits } from './client/request-budget.js';
export type { RetryOptions } from './client/retry-policy.js';
export type { SharedRequestBudget } from './client/shared-budget.js';
export { type Clock, systemClock } from './clock/clock.js';
export {
  type ErrorHint,
  type HintOption,
  hintOptions,
  libraryHintText,
  problemText,
} from './errors/error-hint.js';
export { type ErrorKind, errorKinds } from './errors/error-kind.js';
export { isWankitError, WankitError, type WankitErrorOptions } from './errors/wankit-error.js';
export type { Logger } from './http/logger.js';
export type {
  ClaimOutcome,
  IntentRecord,
  JournalRecord,
  JournalRecordType,
  TaskJournal,
} from './journal/journal-record.js';
export {
  type JournalDownload,
  type JournalTaskState,
  type JournalTaskSummary,
  summarizeJournal,
} from './journal/journal-state.js';
export { createMemoryJournal, type MemoryJournal } from './journal/memory-journal.js';
export {
  createRouter,
  isRouter,
  type RouteConfig,
  type Router,
  type RouterOptions,
} from './router/create-router.js';
export { type FallbackRule, fallbackRules, type RouteAttempt } from './router/route-attempt.js';
export type { RoutedClientOptions } from './router/routed-client.js';
export type { AdapterCapabilities, WanAdapter } from './spec/adapter.js';
export { type CreateTaskRefInput, createTaskRef } from './spec/create-task-ref.js';
export * from './spec/request.js';
export * from './spec/task.js';
export { formatWarning, type Warning } from './spec/warning.js';
