// An in-memory TaskJournal for core's tests.
import type { JournalRecord, TaskJournal } from '../src/journal/index.js';

export function createMemoryJournal(): TaskJournal & { records: JournalRecord[] } {
  const records: JournalRecord[] = [];
  return {
    records,
    append: async (record) => {
      records.push(structuredClone(record));
    },
    read: async () => records.slice(),
  };
}
