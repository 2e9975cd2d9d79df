export type { PostgresBudget, SharedBudgetOptions } from './budget.js';
export type { StoreCallbacksOptions } from './callbacks.js';
export type { EnqueueItem, EnqueueResult } from './enqueue.js';
export type { PostgresJournal, PostgresJournalOptions } from './journal.js';
export { loadMigrations, type Migration } from './migrate.js';
export type { CostRow, StoredFile, StoredTask, StoredTaskState, TaskQuery } from './queries.js';
export { jobId, type QueueOptions, queueName, type TaskJobData } from './queue.js';
export {
  type ClientStoreOptions,
  createPostgresStore,
  type PostgresStore,
  type PostgresStoreOptions,
} from './store.js';
export { startWorker, type Worker, type WorkerEvent, type WorkerOptions } from './worker.js';
