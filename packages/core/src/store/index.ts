// @wankit/core/store: building blocks for a shared task store or a worker pool (e.g. @wankit/store-postgres):
// what a journal must scrub before it writes a record, and the poll scheduler a worker plans its reads with.

export {
  createPollScheduler,
  type PollScheduler,
  type PollSchedulerInputs,
  type PollState,
  type ScheduleOptions,
  scheduleKey,
} from '../client/poll-scheduler.js';
export { abortedError } from '../clock/clock.js';
export type { ClaimOutcome, IntentRecord, JournalRecord, TaskJournal } from '../journal/journal-record.js';
export { scrubRecord, summarizeDataUri } from '../journal/scrub-record.js';
