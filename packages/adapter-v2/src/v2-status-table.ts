// The one place where /v2 status words become neutral statuses (wire-formats.md §0.2, §2.6).
import type { TaskStatus } from '@wankit/core';
import type { components } from './generated/v2-wire.js';

type WireStatus = components['schemas']['TaskStatus'];

/** Documented vocabulary (Y6) plus new-api's `UNKNOWN` constant (INFERRED). Nothing maps to `canceled`: /v2 has no cancel. */
const statusTable: Readonly<Record<WireStatus, TaskStatus>> = {
  NOT_START: 'queued',
  SUBMITTED: 'queued',
  QUEUED: 'queued',
  IN_PROGRESS: 'running',
  SUCCESS: 'succeeded',
  FAILURE: 'failed',
  UNKNOWN: 'unknown',
};

/** Case- and separator-tolerant: `in_progress`, `In-Progress` and `IN PROGRESS` all read as `IN_PROGRESS`. */
export function normalizeV2Status(word: string | null | undefined): string {
  return (word ?? '')
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
}

/** Maps a wire status word to a neutral status; anything unrecognised (including `""`) is `unknown`. */
export function mapV2Status(word: string | null | undefined): TaskStatus {
  const key = normalizeV2Status(word);
  return Object.hasOwn(statusTable, key) ? statusTable[key as WireStatus] : 'unknown';
}
