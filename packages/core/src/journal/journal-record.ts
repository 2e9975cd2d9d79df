import type { GenerationRequest, RequestKind } from '../spec/request.js';
import type { TaskRef, TaskSnapshot } from '../spec/task.js';

/**
 * One line of the task journal. `key` identifies one unit of work (a batch line, a CLI call) across
 * retries and restarts; `at` is an ISO 8601 timestamp.
 */
export type JournalRecord =
  | {
      type: 'intent';
      key: string;
      at: string;
      fingerprint: string;
      adapter: string;
      /** Where the create is sent: a journal can tell a real provider from a local simulator. */
      baseUrl?: string;
      model: string;
      kind: RequestKind;
      request: GenerationRequest;
      labels?: Record<string, string>;
    }
  | { type: 'submitted'; key: string; at: string; ref: TaskRef }
  /** The provider definitely did not create a task. */
  | { type: 'refused'; key: string; at: string; error: Record<string, unknown> }
  /** The outcome is unknown: never re-send blindly. */
  | { type: 'uncertain'; key: string; at: string; error: Record<string, unknown> }
  /** A terminal snapshot (`raw` stripped). */
  | { type: 'snapshot'; key: string; at: string; snapshot: TaskSnapshot }
  | {
      type: 'downloaded';
      key: string;
      at: string;
      taskId: string;
      path: string;
      bytes: number;
      sha256: string;
      url: string;
    };

export type JournalRecordType = JournalRecord['type'];

/** Append-only store of task records. The file journal is the default; the seam allows a shared store. */
export interface TaskJournal {
  append(record: JournalRecord): Promise<void>;
  read(): Promise<JournalRecord[]>;
}

const recordTypes: ReadonlySet<string> = new Set([
  'intent',
  'submitted',
  'refused',
  'uncertain',
  'snapshot',
  'downloaded',
]);

/** A parsed line that at least looks like a record (torn or foreign lines are skipped on read). */
export function isJournalRecord(value: unknown): value is JournalRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.type === 'string' && recordTypes.has(record.type) && typeof record.key === 'string';
}
