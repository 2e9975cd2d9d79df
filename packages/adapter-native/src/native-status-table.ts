// Native status words → neutral statuses (wire-formats.md §0.1, §1.6; /work/corpus/native/SOURCES.md).
import { createStatusTable } from '@wankit/core/adapter';

/**
 * Real gateway bodies (the SeaArt SDKs' and the SeaCloud CLI's tests, the vtrix CLI docs) only ever carry
 * `in_progress`, `completed` and `failed`. The other words come from the doc pages: the CLI docs' table
 * (`pending`, `processing`) and the wan26 page (`in_queue`, `processing`, `done`); `queued`, `success`,
 * `succeeded` and the cancel words were never seen and are believed when a relay sends them. Case, spaces and
 * dashes do not matter; anything else is `unknown` with the word kept.
 */
export const nativeStatusOf = createStatusTable({
  in_queue: 'queued',
  pending: 'queued',
  queued: 'queued',
  in_progress: 'running',
  processing: 'running',
  running: 'running',
  done: 'succeeded',
  completed: 'succeeded',
  success: 'succeeded',
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'canceled',
  cancelled: 'canceled',
});
