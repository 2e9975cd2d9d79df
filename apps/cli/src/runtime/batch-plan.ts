import type { JournalTaskSummary, TaskRef, TaskSnapshot } from '@wankit/core';
import type { DownloadedFile } from '../output/task-report.js';
import type { BatchLine } from './batch-lines.js';

/**
 * What a run does with one line. `key` is the journal key of the line's current attempt: the line's own key,
 * or `<key>:retry-<n>` for the n-th re-submission of a failed task (`--retry-failed`).
 */
export type Plan =
  | { type: 'done'; line: BatchLine; key: string; snapshot?: TaskSnapshot; files: DownloadedFile[] }
  | { type: 'download'; line: BatchLine; key: string; snapshot: TaskSnapshot }
  | { type: 'attach'; line: BatchLine; key: string; ref: TaskRef }
  | { type: 'uncertain'; line: BatchLine; key: string; state: string; entry: JournalTaskSummary }
  | { type: 'submit'; line: BatchLine; key: string; reason?: string };

export interface PlanOptions {
  /** The provider is the embedded simulator: its tasks died with their process. */
  readonly embedded: boolean;
  readonly download: boolean;
  readonly resubmitUncertain: boolean;
  readonly retryFailed: boolean;
}

/** The journal key of attempt `n` of a line (0: the first submission). */
export const attemptKey = (lineKey: string, attempt: number): string =>
  attempt === 0 ? lineKey : `${lineKey}:retry-${attempt}`;

/** The line's latest attempt in the journal: a retry gets a key of its own, so each is journaled apart. */
export function latestAttempt(
  lineKey: string,
  summary: ReadonlyMap<string, JournalTaskSummary>,
): { attempt: number; key: string; entry?: JournalTaskSummary } {
  let attempt = 0;
  while (summary.has(attemptKey(lineKey, attempt + 1))) attempt += 1;
  const key = attemptKey(lineKey, attempt);
  const entry = summary.get(key);
  return { attempt, key, ...(entry ? { entry } : {}) };
}

const failureText = (snapshot: TaskSnapshot) =>
  snapshot.error ? ` ([${snapshot.error.kind}] ${snapshot.error.message})` : '';

/**
 * Plans one line from its latest attempt: skip finished work, re-attach to a submitted task, download a
 * finished one, leave an unknown outcome alone, and submit the rest. With `retryFailed`, a task that ran
 * and failed is submitted again under the next attempt key; an uncertain one never is (it may have been
 * created), nor a succeeded one.
 */
export function planLine(
  line: BatchLine,
  summary: ReadonlyMap<string, JournalTaskSummary>,
  options: PlanOptions,
): Plan {
  const { attempt, key, entry } = latestAttempt(line.key, summary);
  if (!entry) return { type: 'submit', line, key };
  const files = entry.downloads.map((d) => ({ path: d.path, bytes: d.bytes, sha256: d.sha256, url: d.url }));
  const terminal = entry.terminal ? { snapshot: entry.terminal } : {};
  switch (entry.state) {
    case 'downloaded':
    case 'finished': {
      if (options.retryFailed && entry.terminal?.status === 'failed') {
        return {
          type: 'submit',
          line,
          key: attemptKey(line.key, attempt + 1),
          reason: `its task ${entry.terminal.ref.taskId} failed${failureText(entry.terminal)}; --retry-failed (retry ${attempt + 1}, journal key ${attemptKey(line.key, attempt + 1)})`,
        };
      }
      return entry.state === 'finished' &&
        entry.terminal?.status === 'succeeded' &&
        options.download &&
        files.length === 0
        ? { type: 'download', line, key, snapshot: entry.terminal }
        : { type: 'done', line, key, ...terminal, files };
    }
    case 'submitted':
      // An embedded simulator dies with its process: its tasks cannot be re-attached, and cost nothing.
      if (options.embedded)
        return {
          type: 'submit',
          line,
          key,
          reason: 'its task was in an embedded simulator that has stopped',
        };
      return entry.ref
        ? { type: 'attach', line, key, ref: entry.ref }
        : { type: 'uncertain', line, key, state: entry.state, entry };
    case 'refused':
      // The provider provably created nothing: sending again cannot pay twice.
      return {
        type: 'submit',
        line,
        key,
        reason:
          entry.error?.resolvedBy === 'user'
            ? 'you settled its unknown outcome with `wankit resolve --drop`'
            : 'the provider refused it last time',
      };
    default:
      return options.resubmitUncertain || options.embedded
        ? {
            type: 'submit',
            line,
            key,
            reason: `its earlier submit outcome is unknown (${entry.state}); --resubmit-uncertain`,
          }
        : { type: 'uncertain', line, key, state: entry.state, entry };
  }
}
