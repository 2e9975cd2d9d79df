export type {
  ClientOptions,
  DownloadedFile,
  DownloadOptions,
  GenerateOptions,
  GenerateResult,
  SubmitOptions,
  SubmitResult,
  WaitOptions,
  WankitClient,
} from './client-options.js';
export { createClient } from './create-client.js';
export { requestFingerprint } from './fingerprint.js';
export {
  createPollScheduler,
  type PollScheduler,
  type PollSchedulerInputs,
  type PollState,
  type ScheduleOptions,
  scheduleKey,
} from './poll-scheduler.js';
export {
  createRequestBudget,
  type ReleaseSlot,
  type RequestBudget,
  type RequestBudgetLimits,
} from './request-budget.js';
export {
  type ResolvedRetryOptions,
  type RetryEvent,
  type RetryOptions,
  type RetryRun,
  resolveRetryOptions,
  retryDelay,
  runWithRetries,
} from './retry-policy.js';
