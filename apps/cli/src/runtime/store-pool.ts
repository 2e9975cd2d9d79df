import { WankitError } from '@wankit/core';
import type { PostgresStore, Worker } from '@wankit/store-postgres';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { CommandContext } from '../run-action.js';
import { type Connection, connect, scheduleFor } from './connect.js';
import { httpLogOption } from './http-log.js';
import { timeScaleOf } from './session.js';

export interface Pool {
  readonly worker: Worker;
  readonly connection: Connection;
  readonly account: string;
  stop(): Promise<void>;
}

/** `--account`, else the provider and its base URL: processes on one account share one budget. */
export function accountOf(
  context: CommandContext,
  connection: { provider: string; baseUrl: string },
): string {
  const flag = context.options.account;
  return typeof flag === 'string' && flag !== '' ? flag : `${connection.provider} ${connection.baseUrl}`;
}

const finite = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * Starts a worker of the store's pool in this process: a client for the configured provider whose creates go
 * through the store's claim and whose requests take the account's shared budget (`--rpm`, `--max-tasks`, else
 * the provider's documented limits), downloading to `--out`.
 */
export async function startPool(
  context: CommandContext,
  store: PostgresStore,
  settings: ResolvedConfig,
  out: string | undefined,
): Promise<Pool> {
  const { io, options } = context;
  if (settings.target.mode === 'embedded') {
    throw new WankitError({
      kind: 'invalid_request',
      message:
        'a worker pool needs a provider every worker can reach (an embedded simulator lives in one process): ' +
        'pass --provider and --base-url (e.g. a `wankit sim`), or configure a provider',
      field: 'provider',
    });
  }
  const { startWorker } = await import('@wankit/store-postgres');
  const { loadAdapter } = await import('./connect.js');
  const adapter = await loadAdapter(settings.target);
  const baseUrl = settings.target.baseUrl ?? adapter.defaultBaseUrl ?? '';
  const account = accountOf(context, { provider: settings.target.provider, baseUrl });
  const documented = adapter.capabilities.limits;
  const requestsPerMinute = finite(options.rpm) ?? documented.requestsPerMinute;
  const concurrentTasks = finite(options.maxTasks) ?? documented.concurrentTasks;
  const { journal, sharedBudget } = store.clientOptions({
    account,
    ...(requestsPerMinute !== undefined ? { requestsPerMinute } : {}),
    ...(concurrentTasks !== undefined ? { concurrentTasks } : {}),
  });
  const timeScale = timeScaleOf(context) ?? 1;
  const connection = await connect(settings.target, io, {
    adapter,
    journal,
    sharedBudget,
    timeScale,
    ...httpLogOption(context),
    // The account's limits are kept by the store; this process only caps its own open requests.
    limits: { requestsPerMinute: Number.POSITIVE_INFINITY, concurrentTasks: Number.POSITIVE_INFINITY },
  });
  const schedule = scheduleFor(timeScale);
  const worker = await startWorker({
    client: connection.client,
    store,
    concurrency: Math.max(1, Number(options.concurrency ?? 4)),
    ...(out ? { out } : {}),
    ...(schedule ? { schedule } : {}),
    onStep(event) {
      if (event.outcome === 'downloaded' || event.outcome === 'finished' || event.outcome === 'uncertain') {
        io.err(
          `${event.key}: ${event.outcome}${event.taskId ? ` ${event.taskId}` : ''}${event.status ? ` (${event.status})` : ''}`,
        );
      }
    },
  });
  return {
    worker,
    connection,
    account,
    async stop() {
      await worker.stop();
      await connection.close();
    },
  };
}
