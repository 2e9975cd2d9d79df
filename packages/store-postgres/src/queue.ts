import { createHash } from 'node:crypto';
import { systemClock } from '@wankit/core';
import PgBoss from 'pg-boss';
import type { StoreContext } from './context.js';

/** The pg-boss queue every wankit worker takes its jobs from. */
export const queueName = 'wankit-tasks';

/** One job: a step of one task. `submit` sends the create (through the claim); `poll` reads the status once. */
export interface TaskJobData {
  key: string;
  /** The task row's step this job belongs to; a job behind the row's step is stale. */
  step: number;
  phase: 'submit' | 'poll';
  /** Status reads done so far, and when the last one was made (epoch ms): the poll scheduler's state. */
  polls?: number;
  lastPolledAtMs?: number;
  lastStatus?: string;
  lastProgress?: number;
}

export interface QueueOptions {
  /**
   * A job not finished this long after it started is taken to belong to a dead worker and is run again by
   * another (pg-boss expiry). Steps are short (one create, one status read or one download). Default 300.
   */
  jobTimeoutSeconds?: number;
  /** Delay before a failed or expired job runs again. Default 5. */
  retryDelaySeconds?: number;
  /** Default 100: a job gives up only after many retries (a provider down for hours). */
  retryLimit?: number;
  /** How often expired jobs are looked for (pg-boss maintenance, one instance at a time). Default 30. */
  maintenanceIntervalSeconds?: number;
  /** How often an idle worker loop asks for a job. Default 1 (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
}

export interface Queue {
  readonly boss: PgBoss;
  readonly options: Required<QueueOptions>;
  send(data: TaskJobData, options?: { startAfter?: Date; db?: PgBoss.Db }): Promise<void>;
  insert(jobs: readonly TaskJobData[], db?: PgBoss.Db): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A job id derived from (key, step): sending the same step twice (two machines enqueueing one file, a retried
 * job scheduling its successor again) inserts one job; pg-boss ignores the second insert.
 */
export function jobId(key: string, step: number): string {
  const hex = createHash('sha256').update(`${key}\u0000${step}`).digest('hex');
  // RFC 9562 layout, version 8 (custom), variant 10xx.
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Creates the queue unless it exists. Two processes starting at once both see no queue and both create it:
 * Postgres then answers one of them with a deadlock or a duplicate key (seen under load with two
 * `batch --store` runs). The queue exists afterwards, so the loser checks for it and tries again only if not.
 */
async function createQueueOnce(boss: PgBoss, queue: PgBoss.Queue & { name: string }): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(queue.name, queue);
      return;
    } catch (error) {
      if (await boss.getQueue(queue.name).catch(() => null)) return;
      if (attempt >= 5) throw error;
      await systemClock.sleep(50 * attempt + Math.random() * 100);
    }
  }
}

/** pg-boss on the store's own pool (so its queries are counted too), in the schema `<schema>_queue`. */
export async function openQueue(context: StoreContext, options: QueueOptions = {}): Promise<Queue> {
  const resolved: Required<QueueOptions> = {
    jobTimeoutSeconds: options.jobTimeoutSeconds ?? 300,
    retryDelaySeconds: options.retryDelaySeconds ?? 5,
    retryLimit: options.retryLimit ?? 100,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
  };
  const db: PgBoss.Db = {
    executeSql: (text, values) => context.database.query(text, values) as Promise<{ rows: unknown[] }>,
  };
  const start = async () => {
    const boss = new PgBoss({
      db,
      schema: `${context.schemaName}_queue`,
      schedule: false,
      supervise: true,
      migrate: true,
      maintenanceIntervalSeconds: resolved.maintenanceIntervalSeconds,
    } as PgBoss.ConstructorOptions);
    // pg-boss reports maintenance and fetch errors as events; a dropped connection must not kill the process.
    boss.on('error', () => undefined);
    await boss.start();
    return boss;
  };
  let boss: PgBoss | undefined;
  for (let attempt = 1; !boss; attempt++) {
    try {
      boss = await start();
    } catch (error) {
      // Another process was installing pg-boss's tables at the same moment; they exist once it is done.
      if (attempt >= 5) throw error;
      await systemClock.sleep(150 * attempt + Math.random() * 100);
    }
  }
  await createQueueOnce(boss, {
    name: queueName,
    retryLimit: resolved.retryLimit,
    retryDelay: resolved.retryDelaySeconds,
    expireInSeconds: resolved.jobTimeoutSeconds,
  });
  const jobOptions = (data: TaskJobData) => ({
    id: jobId(data.key, data.step),
    // Set per job by whoever queues it: the queue's defaults are fixed by the first process that made it.
    expireInSeconds: resolved.jobTimeoutSeconds,
    retryDelay: resolved.retryDelaySeconds,
    retryLimit: resolved.retryLimit,
    // Finishing started tasks comes before starting new ones.
    priority: data.phase === 'poll' ? 1 : 0,
  });
  return {
    boss,
    options: resolved,
    async send(data, sendOptions = {}) {
      await boss.send(queueName, data as object, {
        ...jobOptions(data),
        ...(sendOptions.startAfter ? { startAfter: sendOptions.startAfter } : {}),
        ...(sendOptions.db ? { db: sendOptions.db } : {}),
      });
    },
    async insert(jobs, insertDb) {
      if (jobs.length === 0) return;
      await boss.insert(
        jobs.map((data) => ({ name: queueName, data: data as object, ...jobOptions(data) })),
        insertDb ? { db: insertDb } : {},
      );
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
