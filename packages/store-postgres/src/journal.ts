import {
  type ClaimOutcome,
  type IntentRecord,
  type JournalRecord,
  type TaskJournal,
  type TaskRef,
  type TaskSnapshot,
  WankitError,
} from '@wankit/core';
import { abortedError, scrubRecord } from '@wankit/core/store';
import type { StoreContext } from './context.js';

export interface PostgresJournalOptions {
  /**
   * The provider account whose budget the tasks use (e.g. `native https://api.example.com`): tasks of one
   * account count against its concurrent-task limit, whichever process runs them.
   */
  account?: string;
  /** Tasks in flight at once for the account, across every process (claims held + submitted, not finished). */
  concurrentTasks?: number;
  /** A submitted task stops counting as in flight after this long without a terminal record. Default 2 h. */
  inFlightTtlMs?: number;
  /** Batch name recorded on tasks this journal creates. */
  batch?: string;
  /** Re-check interval while waiting for another process's claim or for room in the account. Default 1 000. */
  recheckMs?: number;
}

export interface PostgresJournal extends TaskJournal {
  claim(intent: IntentRecord, options: { signal?: AbortSignal }): Promise<ClaimOutcome>;
}

interface ClaimRow {
  outcome: 'claimed' | 'submitted' | 'uncertain' | 'held' | 'full' | 'conflict';
  ref: TaskRef | null;
  snapshot: TaskSnapshot | null;
  error: Record<string, unknown> | null;
  wait_ms: number | null;
}

/**
 * The task journal on Postgres. `append` stores the record (scrubbed, as the file journal does) and folds it
 * into the task's row in one round trip; `claim` is the claim-before-paying step the client calls instead of
 * appending an intent.
 */
export function createPostgresJournal(
  context: StoreContext,
  options: PostgresJournalOptions = {},
): PostgresJournal {
  const { database, schema, notifications, processId } = context;
  const account = options.account ?? null;
  const batch = options.batch ?? null;
  const recheckMs = options.recheckMs ?? 1_000;
  const maxInFlight =
    options.concurrentTasks !== undefined && Number.isFinite(options.concurrentTasks)
      ? options.concurrentTasks
      : null;
  const inFlightTtlMs = options.inFlightTtlMs ?? 2 * 3_600_000;

  return {
    async append(record: JournalRecord) {
      if (record.type === 'intent') context.keepAlive();
      await database.query(`SELECT ${schema}.append_record($1, $2, $3, $4, $5)`, [
        JSON.stringify(scrubRecord(record)),
        processId,
        context.leaseMs,
        account,
        batch,
      ]);
    },

    async read() {
      const { rows } = await database.query<{ record: JournalRecord }>(
        `SELECT record FROM ${schema}.records ORDER BY id`,
      );
      return rows.map((row) => row.record);
    },

    async claim(intent, { signal }) {
      context.keepAlive();
      const record = JSON.stringify(scrubRecord(intent));
      for (;;) {
        if (signal?.aborted) {
          throw abortedError(signal, `Aborted while waiting to claim ${intent.key}; nothing was sent`);
        }
        const { rows } = await database.query<ClaimRow>(
          `SELECT * FROM ${schema}.claim($1, $2, $3, $4, $5, $6, $7)`,
          [record, processId, context.leaseMs, account, batch, maxInFlight, inFlightTtlMs],
        );
        const row = rows[0]!;
        switch (row.outcome) {
          case 'claimed':
            return { status: 'claimed' };
          case 'submitted':
            return {
              status: 'submitted',
              ref: row.ref!,
              ...(row.snapshot ? { snapshot: row.snapshot } : {}),
            };
          case 'uncertain':
            return { status: 'uncertain', ...(row.error ? { error: row.error } : {}) };
          case 'conflict':
            throw new WankitError({
              kind: 'invalid_request',
              message: `key ${intent.key} was already used for a different request; use a new key`,
              field: 'key',
              value: intent.key,
            });
          case 'held':
            // Another live process is sending this create: wait for its outcome (or its lease to run out).
            await notifications.wait(
              `key:${intent.key}`,
              Math.min(recheckMs, (row.wait_ms ?? 0) + 50),
              signal,
            );
            break;
          case 'full':
            // The account's concurrent-task budget is spent: wait for a task of the account to finish.
            await notifications.wait(`account:${account}`, recheckMs, signal);
            break;
        }
      }
    },
  };
}
