export { createFileJournal, type FileJournal, parseJournalLines } from './file-journal.js';
export {
  isJournalRecord,
  type JournalRecord,
  type JournalRecordType,
  type TaskJournal,
} from './journal-record.js';
export {
  type JournalDownload,
  type JournalTaskState,
  type JournalTaskSummary,
  summarizeJournal,
} from './journal-state.js';
export { createMemoryJournal, type MemoryJournal } from './memory-journal.js';
export { scrubRecord, summarizeDataUri } from './scrub-record.js';
