// generateTask state words → neutral statuses (wire-formats.md §0.3, §3.6; /work/corpus/generate-task/SOURCES.md).
import { createStatusTable } from '@wankit/core/adapter';

/**
 * apixo's documented words (`pending`, `processing`, `success`, `failed`), kie's words for the same states
 * (`waiting`, `queuing`, `generating`, `success`, `fail`: its recordInfo OpenAPI enum and a client's tests), and
 * the spellings their siblings use (`queueing`, `wait`, `succeeded`, `failure`). Case, spaces and dashes do not
 * matter; anything else is `unknown` with the word kept. Neither family documents a cancel, but a relay that
 * reports one is believed.
 */
export const generateTaskStatusOf = createStatusTable({
  pending: 'queued',
  waiting: 'queued',
  wait: 'queued',
  queuing: 'queued',
  queueing: 'queued',
  queued: 'queued',
  processing: 'running',
  generating: 'running',
  running: 'running',
  success: 'succeeded',
  succeeded: 'succeeded',
  completed: 'succeeded',
  failed: 'failed',
  fail: 'failed',
  failure: 'failed',
  canceled: 'canceled',
  cancelled: 'canceled',
});
