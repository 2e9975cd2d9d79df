import type { TaskRef, TaskSnapshot } from '../spec/task.js';
import type { JournalRecord } from './journal-record.js';

export type JournalTaskState = 'intended' | 'submitted' | 'refused' | 'uncertain' | 'finished' | 'downloaded';

export interface JournalDownload {
  taskId: string;
  path: string;
  bytes: number;
  sha256: string;
  url: string;
  at: string;
}

/** Where one unit of work stands, from its latest attempt. */
export interface JournalTaskSummary {
  key: string;
  state: JournalTaskState;
  intent?: Extract<JournalRecord, { type: 'intent' }>;
  ref?: TaskRef;
  terminal?: TaskSnapshot;
  downloads: JournalDownload[];
  /** The error of a `refused` or `uncertain` outcome. */
  error?: Record<string, unknown>;
  /** How many intents were recorded for this key (re-submissions after a refusal count). */
  attempts: number;
  /** Timestamp of the latest record. */
  updatedAt: string;
}

// Downloaded means every output of the final snapshot is on disk, not just the first of several images.
function allDownloaded(summary: JournalTaskSummary): boolean {
  const outputs = summary.terminal?.outputs;
  if (!outputs || outputs.length === 0) return summary.downloads.length > 0 && !summary.terminal;
  const saved = new Set(summary.downloads.map((download) => download.url));
  return outputs.every((output) => saved.has(output.url));
}

function fresh(key: string, at: string): JournalTaskSummary {
  return { key, state: 'intended', downloads: [], attempts: 0, updatedAt: at };
}

/**
 * Folds the journal into one summary per key, in record order. An `intent` starts a new attempt
 * (clearing the previous one's ref, result and downloads); `resume` and batch use the state to skip
 * finished work, re-attach to `submitted` tasks and report `uncertain` ones instead of paying twice.
 */
export function summarizeJournal(records: readonly JournalRecord[]): Map<string, JournalTaskSummary> {
  const summaries = new Map<string, JournalTaskSummary>();
  for (const record of records) {
    let summary = summaries.get(record.key) ?? fresh(record.key, record.at);
    summary.updatedAt = record.at;
    switch (record.type) {
      case 'intent':
        summary = { ...fresh(record.key, record.at), intent: record, attempts: summary.attempts + 1 };
        break;
      case 'submitted':
        summary.ref = record.ref;
        summary.state = 'submitted';
        summary.error = undefined;
        break;
      case 'refused':
      case 'uncertain':
        summary.state = record.type;
        summary.error = record.error;
        break;
      case 'snapshot':
        summary.terminal = record.snapshot;
        summary.ref ??= record.snapshot.ref;
        summary.state = allDownloaded(summary) ? 'downloaded' : 'finished';
        break;
      case 'downloaded': {
        const { taskId, path, bytes, sha256, url, at } = record;
        summary.downloads.push({ taskId, path, bytes, sha256, url, at });
        summary.state = allDownloaded(summary) ? 'downloaded' : summary.terminal ? 'finished' : summary.state;
        break;
      }
    }
    if (summary.error === undefined) delete summary.error;
    summaries.set(record.key, summary);
  }
  return summaries;
}
