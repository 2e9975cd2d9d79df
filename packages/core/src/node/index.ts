// @wankit/core/node: what needs Node's file system or node:http. Everything else is in `@wankit/core`.
export { type DownloadFileOptions, type DownloadResult, downloadFile } from './download-file.js';
export {
  createFileJournal,
  type FileJournal,
  type FileJournalOptions,
  type JournalFileSystem,
  type JournalRepair,
  type JournalScan,
  journalDamagedError,
  type LineDamage,
  parseJournalLines,
} from './file-journal.js';
export {
  describeOwner,
  type JournalLock,
  type JournalLockOptions,
  type JournalLockOwner,
  lockJournal,
} from './journal-lock.js';
export { createClient, nodeClientDefaults } from './node-client.js';
export { sendWebResponse, toNodeListener, toWebRequest, type WebHandler } from './node-listener.js';
export { createUndiciFetch, type UndiciFetch, type UndiciFetchOptions } from './undici-fetch.js';
