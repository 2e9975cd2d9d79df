import type { JournalRecord, TaskJournal } from './journal-record.js';
import { scrubRecord } from './scrub-record.js';

export interface MemoryJournal extends TaskJournal {
  /** The stored records (already scrubbed, as a file journal would store them). */
  readonly records: JournalRecord[];
}

/** A journal in memory, for tests and short-lived scripts. Scrubs like the file journal. */
export function createMemoryJournal(): MemoryJournal {
  const records: JournalRecord[] = [];
  return {
    records,
    append: async (record) => {
      records.push(structuredClone(scrubRecord(record)));
    },
    read: async () => records.slice(),
  };
}
