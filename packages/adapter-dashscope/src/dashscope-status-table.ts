// DashScope task statuses → neutral statuses (wire-formats.md §4.6; ; real bodies in
// /work/corpus/dashscope, always upper case in `output.task_status`).
import { createStatusTable } from '@wankit/core/adapter';

/**
 * The documented words ([MS-TASKS]): PENDING, RUNNING, SUCCEEDED, FAILED, CANCELED (one L), UNKNOWN ("the task
 * does not exist or its status is unknown", answered for ids older than 24 h: the response module ends a wait
 * on it for old tasks). `SUSPENDED` is in the official SDK's enum only, and its wait loop keeps polling on it
 * [DS-SDK constants.py, base_api.py]: it maps to `unknown`, not `running`, because no page says what suspends a
 * task or whether it resumes; `unknown` keeps the raw word and core's wait keeps asking, as the SDK does, without
 * claiming the task is making progress.
 *
 * The lower block: words of relays that re-word DashScope's statuses (new-api's task words SUBMITTED, QUEUED,
 * IN_PROGRESS, SUCCESS, FAILURE) and the two-L spelling; never sent by DashScope itself. Case, spaces and
 * dashes do not matter; any other word is `unknown` with the word kept.
 */
export const dashscopeStatusOf = createStatusTable({
  PENDING: 'queued',
  RUNNING: 'running',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  CANCELED: 'canceled',
  UNKNOWN: 'unknown',
  SUSPENDED: 'unknown',

  SUBMITTED: 'queued',
  QUEUED: 'queued',
  IN_PROGRESS: 'running',
  SUCCESS: 'succeeded',
  FAILURE: 'failed',
  CANCELLED: 'canceled',
});
