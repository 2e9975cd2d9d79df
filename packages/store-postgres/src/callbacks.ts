import type { SharedCallbacks, TaskRef, TaskSnapshot } from '@wankit/core';
import type { StoreContext } from './context.js';

export interface StoreCallbacksOptions {
  /** Re-check interval of a waiting instance when no notification comes (polling fallback). Default 2 000. */
  recheckMs?: number;
}

/**
 * Callback registrations in Postgres, for `createCallbackRegistry({ publicBaseUrl, shared })`: the instance
 * that receives a delivery authenticates it against the stored token hash and records the first terminal
 * snapshot; the instance waiting for that task is woken by NOTIFY, and re-reads the row on a timer in case a
 * notification was missed.
 */
export function createStoreCallbacks(
  context: StoreContext,
  options: StoreCallbacksOptions = {},
): SharedCallbacks {
  const { database, schema, notifications } = context;
  const recheckMs = options.recheckMs ?? 2_000;

  const terminalOf = async (key: string): Promise<TaskSnapshot | undefined> => {
    const { rows } = await database.query<{ terminal: TaskSnapshot | null }>(
      `SELECT terminal FROM ${schema}.callbacks WHERE key = $1`,
      [key],
    );
    return rows[0]?.terminal ?? undefined;
  };

  return {
    async save(key, tokenHash) {
      await database.query(`INSERT INTO ${schema}.callbacks (key, token_hash) VALUES ($1, $2)`, [
        key,
        tokenHash,
      ]);
    },
    async bind(key, ref) {
      await database.query(`UPDATE ${schema}.callbacks SET ref = $2 WHERE key = $1`, [
        key,
        JSON.stringify(ref),
      ]);
    },
    async find(key) {
      const { rows } = await database.query<{
        token_hash: string;
        ref: TaskRef | null;
        terminal: TaskSnapshot | null;
      }>(`SELECT token_hash, ref, terminal FROM ${schema}.callbacks WHERE key = $1`, [key]);
      const row = rows[0];
      if (!row) return undefined;
      return {
        tokenHash: row.token_hash,
        ...(row.ref ? { ref: row.ref } : {}),
        ...(row.terminal ? { terminal: row.terminal } : {}),
      };
    },
    async settle(key, snapshot) {
      const { raw: _raw, ...stored } = snapshot;
      const { rows } = await database.query(
        `WITH settled AS (
           UPDATE ${schema}.callbacks SET terminal = $2, settled_at = now()
           WHERE key = $1 AND terminal IS NULL RETURNING key
         )
         SELECT key, pg_notify($3, 'callback:' || key) FROM settled`,
        [key, JSON.stringify(stored), `${context.schemaName}_events`],
      );
      return rows.length > 0 ? 'applied' : 'duplicate';
    },
    watch(key, onTerminal) {
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      const check = async () => {
        if (stopped) return;
        const terminal = await terminalOf(key).catch(() => undefined);
        if (stopped) return;
        if (terminal) {
          stop();
          onTerminal(terminal);
        } else {
          timer = setTimeout(check, recheckMs);
          timer.unref?.();
        }
      };
      const unsubscribe = notifications.subscribe(`callback:${key}`, () => {
        clearTimeout(timer);
        void check();
      });
      const stop = () => {
        stopped = true;
        clearTimeout(timer);
        unsubscribe();
      };
      void check();
      return stop;
    },
  };
}
