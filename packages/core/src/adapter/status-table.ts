import type { TaskStatus } from '../spec/task.js';
import { textOf } from './json-object.js';

export interface StatusReading {
  readonly status: TaskStatus;
  /** The word as the provider sent it; absent when it sent none. */
  readonly providerStatus?: string;
}

/** `In-Progress`, ` in progress `, `IN_PROGRESS` → `in_progress`. */
export const normaliseStatusWord = (word: string): string =>
  word
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/**
 * A provider's status table, tolerant of case, spaces and dashes. A word the table does not know maps to
 * `unknown` with the word kept (never a throw): core's wait treats `unknown` as "ask again".
 */
export function createStatusTable(
  table: Readonly<Record<string, TaskStatus>>,
): (word: unknown) => StatusReading {
  const normalised = new Map(
    Object.entries(table).map(([word, status]) => [normaliseStatusWord(word), status]),
  );
  return (word) => {
    const text = textOf(word);
    if (text === undefined) return { status: 'unknown' };
    return { status: normalised.get(normaliseStatusWord(text)) ?? 'unknown', providerStatus: text };
  };
}
