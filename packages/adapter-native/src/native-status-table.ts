import type { TaskStatus } from '@wankit/core';

/**
 * Every status word of the three vocabularies this gateway is documented with (wire-formats §0.1, §1.6):
 * seed 002 `in_queue|processing|done|failed`, the CLI docs `pending|processing|completed|failed`, the
 * gateway `in_progress|completed|failed`. `queued`, `success`, `succeeded`, `canceled` and `cancelled`
 * were never observed here and are accepted defensively. Read case-insensitively; anything else is
 * `unknown`.
 */
export const nativeStatusTable: Readonly<Record<string, TaskStatus>> = {
  in_queue: 'queued',
  pending: 'queued',
  queued: 'queued',
  in_progress: 'running',
  processing: 'running',
  done: 'succeeded',
  completed: 'succeeded',
  success: 'succeeded',
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'canceled',
  cancelled: 'canceled',
};

export function nativeStatus(word: string | undefined): TaskStatus {
  if (word === undefined) return 'unknown';
  return nativeStatusTable[word.trim().toLowerCase()] ?? 'unknown';
}
