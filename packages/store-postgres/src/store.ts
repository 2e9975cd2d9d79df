import { randomUUID } from 'node:crypto';
import type {
  GenerationRequest,
  SharedCallbacks,
  SharedRequestBudget,
  TaskRef,
  TaskSnapshot,
} from '@wankit/core';
import { WankitError } from '@wankit/core';
import { createPostgresBudget, type PostgresBudget, type SharedBudgetOptions } from './budget.js';
import { createStoreCallbacks, type StoreCallbacksOptions } from './callbacks.js';
import type { StoreContext } from './context.js';
import { createDatabase, quoteIdentifier } from './database.js';
import { type EnqueueItem, type EnqueueResult, enqueueMany } from './enqueue.js';
import { createPostgresJournal, type PostgresJournal, type PostgresJournalOptions } from './journal.js';
import { channelOf, migrate } from './migrate.js';
import { createNotifications } from './notifications.js';
import {
  type CostRow,
  costs,
  countByState,
  findTask,
  listTasks,
  type StoredTask,
  type TaskQuery,
} from './queries.js';
import { openQueue, type Queue, type QueueOptions, queueName } from './queue.js';

export interface PostgresStoreOptions {
  /** `postgres://user@host:5432/db`. */
  connectionString: string;
  /** Schema of the store's tables; pg-boss uses `<schema>_queue`. Letters, digits, `_`. Default `wankit`. */
  schema?: string;
  /** Connections in this process's pool. Default 10. */
  maxConnections?: number;
  /**
   * A claim outlives its holder's last heartbeat by this long; then the create counts as uncertain. The
   * heartbeat runs every third of it. Default 30 000.
   */
  leaseMs?: number;
  /** The worker pool's queue settings. */
  queue?: QueueOptions;
}

export interface ClientStoreOptions
  extends Omit<PostgresJournalOptions, 'account'>,
    Omit<SharedBudgetOptions, 'account'> {
  /** The provider account; see `journal({ account })`. */
  account: string;
}

export interface PostgresStore {
  readonly schema: string;
  /** This process's id: the holder of its claims. */
  readonly processId: string;
  /** Applies the shipped SQL migrations not yet applied; returns their versions. */
  migrate(): Promise<number[]>;
  /** A `TaskJournal` with `claim`, for `createClient({ journal })`. */
  journal(options?: PostgresJournalOptions): PostgresJournal;
  /** The account's shared request budget, for `createClient({ sharedBudget })`. */
  budget(options: SharedBudgetOptions): PostgresBudget;
  /** Journal and budget of one account, to spread into `createClient({ adapter, apiKey, ...here })`. */
  clientOptions(options: ClientStoreOptions): { journal: PostgresJournal; sharedBudget: SharedRequestBudget };
  /** Shared callback registrations, for `createCallbackRegistry({ publicBaseUrl, shared })`. */
  callbacks(options?: StoreCallbacksOptions): SharedCallbacks;
  /** Queues one request for the worker pool under its idempotency key. */
  enqueue(
    request: GenerationRequest,
    options: { key: string; batch?: string },
  ): Promise<'enqueued' | 'requeued' | 'existing'>;
  /** Queues many requests (chunked transactions). */
  enqueueMany(items: readonly EnqueueItem[]): Promise<EnqueueResult>;
  listTasks(query?: TaskQuery): Promise<StoredTask[]>;
  findTask(keyOrTaskId: string): Promise<StoredTask | undefined>;
  costs(by: 'batch' | 'day', query?: Pick<TaskQuery, 'since' | 'until' | 'batch'>): Promise<CostRow[]>;
  countByState(batch?: string): Promise<Record<string, number>>;
  /** pg-boss on this store, started on first use. */
  queue(): Promise<Queue>;
  /** Jobs not yet completed (waiting, delayed, running, to retry) for tasks whose key starts with `keyPrefix`. */
  pendingJobs(keyPrefix?: string): Promise<number>;
  /** For workers: moves a task row to `step` unless a later step already ran; `undefined` when stale. */
  adoptStep(
    key: string,
    step: number,
  ): Promise<
    | { state: string; payload: GenerationRequest | null; ref: TaskRef | null; snapshot: TaskSnapshot | null }
    | undefined
  >;
  /** Records this process in the workers table (host, pid), for diagnostics. */
  registerProcess(info: { host: string; pid: number }): Promise<void>;
  /** Database round trips made by this process through the store (pg-boss's included). */
  readonly roundTrips: number;
  close(): Promise<void>;
}

const schemaPattern = /^[A-Za-z_][A-Za-z0-9_]{0,40}$/;

/**
 * The shared ledger on PostgreSQL: journal with claim-before-paying, one budget per account, shared callbacks,
 * queries, and the worker pool's queue (pg-boss in the same database). Call `migrate()` once per database
 * (or `wankit store migrate`); it is safe to call from every process at start.
 */
export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
  const schemaName = options.schema ?? 'wankit';
  if (!schemaPattern.test(schemaName)) {
    throw new WankitError({
      kind: 'invalid_request',
      message: `schema "${schemaName}" must be letters, digits and _ (at most 41), starting with a letter or _`,
      field: 'schema',
      value: schemaName,
    });
  }
  const processId = randomUUID();
  const database = createDatabase({
    connectionString: options.connectionString,
    ...(options.maxConnections !== undefined ? { max: options.maxConnections } : {}),
    applicationName: `wankit ${processId}`,
  });
  const schema = quoteIdentifier(schemaName);
  const notifications = createNotifications(database, channelOf(schemaName));
  const leaseMs = options.leaseMs ?? 30_000;
  let heartbeat: NodeJS.Timeout | undefined;
  let queue: Promise<Queue> | undefined;

  const beat = () =>
    database.query(
      `WITH renewed AS (
         UPDATE ${schema}.tasks SET lease_until = clock_timestamp() + $2 * interval '1 millisecond'
         WHERE holder = $1 AND state = 'intended'
       )
       UPDATE ${schema}.workers SET seen_at = now() WHERE id = $1`,
      [processId, leaseMs],
    );

  const context: StoreContext = {
    database,
    schema,
    schemaName,
    notifications,
    processId,
    leaseMs,
    keepAlive() {
      if (heartbeat) return;
      // Leases of this process's claims are renewed while it lives; a killed process stops renewing them.
      heartbeat = setInterval(() => {
        beat().catch(() => undefined);
      }, leaseMs / 3);
      heartbeat.unref();
    },
  };

  const store: PostgresStore = {
    schema: schemaName,
    processId,
    migrate: () => migrate(database, schemaName),
    journal: (journalOptions) => createPostgresJournal(context, journalOptions),
    budget: (budgetOptions) => createPostgresBudget(context, budgetOptions),
    clientOptions(clientOptions) {
      return {
        journal: createPostgresJournal(context, clientOptions),
        sharedBudget: createPostgresBudget(context, clientOptions),
      };
    },
    callbacks: (callbackOptions) => createStoreCallbacks(context, callbackOptions),
    async enqueue(request, enqueueOptions) {
      const result = await store.enqueueMany([{ request, ...enqueueOptions }]);
      return result.enqueued.length ? 'enqueued' : result.requeued.length ? 'requeued' : 'existing';
    },
    async enqueueMany(items) {
      return enqueueMany(context, await store.queue(), items);
    },
    listTasks: (query) => listTasks(context, query),
    findTask: (key) => findTask(context, key),
    costs: (by, query) => costs(context, by, query),
    countByState: (batch) => countByState(context, batch),
    queue() {
      queue ??= openQueue(context, options.queue);
      queue.catch(() => {
        queue = undefined;
      });
      return queue;
    },
    async pendingJobs(keyPrefix = '') {
      await store.queue();
      const pattern = `${keyPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const { rows } = await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${quoteIdentifier(`${schemaName}_queue`)}.job
         WHERE name = $1 AND state < 'completed' AND data->>'key' LIKE $2`,
        [queueName, pattern],
      );
      return rows[0]?.n ?? 0;
    },
    async adoptStep(key, step) {
      const { rows } = await database.query<{
        state: string;
        payload: GenerationRequest | null;
        ref: TaskRef | null;
        snapshot: TaskSnapshot | null;
      }>(
        `UPDATE ${schema}.tasks SET step = $2 WHERE key = $1 AND step IN ($2 - 1, $2)
         RETURNING state, payload, ref, snapshot`,
        [key, step],
      );
      return rows[0];
    },
    async registerProcess(info) {
      await database.query(
        `INSERT INTO ${schema}.workers (id, host, pid) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET seen_at = now()`,
        [processId, info.host, info.pid],
      );
      context.keepAlive();
    },
    get roundTrips() {
      return database.roundTrips;
    },
    async close() {
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = undefined;
      const started = await queue?.catch(() => undefined);
      await started?.stop();
      await notifications.close();
      await database.end();
    },
  };
  return store;
}
