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

export type IntentRecord = Extract<JournalRecord, { type: 'intent' }>;

/**
 * What a shared journal answers when a process asks to send the create for a key:
 * - `claimed`: this process holds the key and must send the create now (the intent is recorded);
 * - `submitted`: a create under this key already made a task: use its ref, send nothing;
 * - `uncertain`: a process that held the key stopped while its create may have been in flight: the
 *   outcome is unknown, as the file journal reports an intent without an outcome; send nothing.
 * A claim held by another live process is waited for inside `claim`, never answered.
 */
export type ClaimOutcome =
  | { status: 'claimed' }
  | { status: 'submitted'; ref: TaskRef; snapshot?: TaskSnapshot }
  | { status: 'uncertain'; error?: Record<string, unknown> };

/** Append-only store of task records. The file journal is the default; the seam allows a shared store. */
export interface TaskJournal {
  append(record: JournalRecord): Promise<void>;
  read(): Promise<JournalRecord[]>;
  /**
   * Optional, for stores shared by several processes: records `intent` under its key only if no other
   * process holds or has used that key (claim before paying). When present, the client calls it instead of
   * appending the intent, and the `submitted`/`refused`/`uncertain` record it appends afterwards settles the claim.
   */
  claim?(intent: IntentRecord, options: { signal?: AbortSignal }): Promise<ClaimOutcome>;
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
