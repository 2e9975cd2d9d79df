import type { TaskJournal } from '@wankit/core';
import { WankitError } from '@wankit/core';
import type { PostgresStore } from '@wankit/store-postgres';
import type { CommandContext } from '../run-action.js';
import { openJournal } from './journal.js';
import type { RunJournal } from './run-journal.js';

/** `--store`, else `$WANKIT_STORE_URL`: the PostgreSQL URL of a shared task store, if any. */
export function storeUrlOf(context: CommandContext): string | undefined {
  const flag = context.options.store;
  if (typeof flag === 'string' && flag !== '') return flag;
  return context.env.WANKIT_STORE_URL || undefined;
}

/** The URL without its password, for messages. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the store URL';
  }
}

export function requireStoreUrl(context: CommandContext): string {
  const url = storeUrlOf(context);
  if (url) return url;
  throw new WankitError({
    kind: 'invalid_request',
    message: `wankit ${context.name} needs a task store: pass --store postgres://… or set WANKIT_STORE_URL`,
    field: 'store',
  });
}

const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));

/**
 * Opens the Postgres store named on the command line (loaded lazily: only `--store` commands pay for pg).
 * `--job-timeout` sets how soon a dead worker's job runs elsewhere; the retry delay and the expiry check
 * follow from it.
 */
export async function openStore(context: CommandContext, url: string): Promise<PostgresStore> {
  const { createPostgresStore } = await import('@wankit/store-postgres');
  const { options, env } = context;
  const schema =
    (typeof options.storeSchema === 'string' ? options.storeSchema : undefined) ?? env.WANKIT_STORE_SCHEMA;
  const jobTimeoutMs = typeof options.jobTimeout === 'number' ? options.jobTimeout : 300_000;
  const leaseMs = typeof options.lease === 'number' ? options.lease : undefined;
  return createPostgresStore({
    connectionString: url,
    ...(schema ? { schema } : {}),
    ...(leaseMs !== undefined ? { leaseMs } : {}),
    queue: {
      jobTimeoutSeconds: seconds(jobTimeoutMs),
      retryDelaySeconds: Math.min(5, seconds(jobTimeoutMs / 10)),
      maintenanceIntervalSeconds: Math.min(30, seconds(jobTimeoutMs / 5)),
      pollingIntervalSeconds: jobTimeoutMs < 30_000 ? 0.5 : 1,
    },
  });
}

/** The journal a command reads and writes: the store's when `--store` is given, else the file journal. */
export async function journalOf(context: CommandContext, path: string | undefined): Promise<TaskJournal> {
  const url = storeUrlOf(context);
  if (!url) return openJournal(path);
  return (await openStore(context, url)).journal();
}

/**
 * With `--store`, the shared store's journal in the shape of a run journal (no file lock: the store's claims
 * keep processes apart); `undefined` without one.
 */
export async function storeRunJournal(
  context: CommandContext,
  path: string,
): Promise<RunJournal | undefined> {
  const url = storeUrlOf(context);
  if (!url) return undefined;
  const store = await openStore(context, url);
  const journal = store.journal();
  return { path, journal, records: await journal.read(), failures: new Map(), close: async () => undefined };
}
