// /v2 status words → neutral statuses (wire-formats.md §0.2, §2.6; /work/corpus/v2/SOURCES.md).
import { createStatusTable } from '@wankit/core/adapter';

/**
 * The documented vocabulary (Y6: NOT_START, SUBMITTED, QUEUED, IN_PROGRESS, SUCCESS, FAILURE; new-api adds
 * UNKNOWN), and the OpenAI-video words relays in front of new-api send instead: `queued`, `in_progress`,
 * `completed`, `succeeded`, `failed` (new-api docs; a new-api-derived relay's tests). Case, spaces and
 * dashes do not matter. Anything else (`expired`, `thinking`, …) is `unknown` with the word kept.
 * /v2 has no cancel, but a relay that reports a cancel is believed.
 */
export const v2StatusOf = createStatusTable({
  NOT_START: 'queued',
  SUBMITTED: 'queued',
  QUEUED: 'queued',
  PENDING: 'queued',
  IN_PROGRESS: 'running',
  RUNNING: 'running',
  PROCESSING: 'running',
  SUCCESS: 'succeeded',
  SUCCEEDED: 'succeeded',
  COMPLETED: 'succeeded',
  FAILURE: 'failed',
  FAILED: 'failed',
  CANCELED: 'canceled',
  CANCELLED: 'canceled',
  UNKNOWN: 'unknown',
});
