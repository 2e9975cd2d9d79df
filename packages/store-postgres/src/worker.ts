import { hostname } from 'node:os';
import {
  expectedDurationSeconds,
  type GenerationRequest,
  getModel,
  isTerminal,
  type Logger,
  type TaskRef,
  type TaskSnapshot,
  type WankitClient,
  WankitError,
} from '@wankit/core';
import { createPollScheduler, type ScheduleOptions } from '@wankit/core/store';
import type PgBoss from 'pg-boss';
import { queueName, type TaskJobData } from './queue.js';
import type { PostgresStore } from './store.js';

export interface WorkerOptions {
  /**
   * The client that sends and reads. Create it with the store's journal and budget
   * (`createClient({ adapter, apiKey, ...store.clientOptions({ account }) })`) so that its creates go through the
   * claim and its requests through the account's shared budget.
   */
  client: WankitClient;
  store: PostgresStore;
  /** Jobs worked on at once by this process. Default 4. */
  concurrency?: number;
  /** Where results are downloaded (a path every worker can reach); no downloads without it. */
  out?: string;
  /** The poll schedule, as given to the client (e.g. a simulator's `timeScale`). */
  schedule?: ScheduleOptions;
  logger?: Logger;
  /** Called after each job step, e.g. for progress output. */
  onStep?(event: WorkerEvent): void;
}

export interface WorkerEvent {
  key: string;
  step: number;
  /** What the step did. */
  outcome: 'submitted' | 'polled' | 'finished' | 'downloaded' | 'uncertain' | 'refused' | 'stale' | 'done';
  taskId?: string;
  status?: string;
}

export interface Worker {
  /** This process's id in the store (claims' holder, the workers table). */
  readonly id: string;
  /** Steps done so far by this worker. */
  readonly steps: number;
  /** Stops taking jobs and waits (up to 10 s) for the ones in hand; lets a create already sent finish. */
  stop(): Promise<void>;
}

interface StepRow {
  state: string;
  payload: GenerationRequest | null;
  ref: TaskRef | null;
  snapshot: TaskSnapshot | null;
}

/**
 * Works on the store's queue: each job is one short step of one task. `submit` sends the create through the
 * claim (so no create is ever sent twice) and schedules the first status read as a delayed job at the poll
 * scheduler's time; `poll` reads the status once and schedules the next read, or records the result and
 * downloads it. No job holds a worker while a task runs. A worker killed at any moment loses nothing: its jobs
 * expire and run again elsewhere, where the task row's step tells a stale job from a live one.
 */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { client, store, logger } = options;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const queue = await store.queue();
  const journal = store.journal();
  const scheduler = createPollScheduler(options.schedule, {
    expectedSeconds: (ref) => {
      try {
        return expectedDurationSeconds(getModel(ref.model), ref.resolution);
      } catch {
        return undefined;
      }
    },
    ...(client.adapter.capabilities.polling ? { documented: client.adapter.capabilities.polling } : {}),
  });
  const stopping = new AbortController();
  let steps = 0;
  await store.registerProcess({ host: hostname(), pid: process.pid });

  const report = (event: WorkerEvent) => {
    steps += 1;
    options.onStep?.(event);
  };

  const schedulePoll = async (
    data: TaskJobData,
    ref: TaskRef,
    last: TaskSnapshot | undefined,
    lastPolledAtMs: number | undefined,
  ) => {
    const polls = data.phase === 'poll' ? (data.polls ?? 0) + 1 : 0;
    const at = scheduler.nextPollAt(
      {
        ref,
        submittedAtMs: Date.parse(ref.submittedAt) || Date.now(),
        polls,
        ...(lastPolledAtMs !== undefined ? { lastPolledAtMs } : {}),
        ...(last ? { last } : {}),
      },
      Date.now(),
    );
    await queue.send(
      {
        key: data.key,
        step: data.step + 1,
        phase: 'poll',
        polls,
        ...(lastPolledAtMs !== undefined ? { lastPolledAtMs } : {}),
        ...(last ? { lastStatus: last.status } : {}),
        ...(last?.progress !== undefined ? { lastProgress: last.progress } : {}),
      },
      { startAfter: new Date(at) },
    );
  };

  const finish = async (data: TaskJobData, snapshot: TaskSnapshot) => {
    if (snapshot.status === 'succeeded' && options.out && snapshot.outputs.length > 0) {
      // The same atomic, resumable download as `wankit batch`; the client's journal records each file.
      await client.download(snapshot, {
        dir: options.out,
        key: data.key,
        overwrite: true,
        signal: stopping.signal,
      });
      report({ key: data.key, step: data.step, outcome: 'downloaded', taskId: snapshot.ref.taskId });
      return;
    }
    report({
      key: data.key,
      step: data.step,
      outcome: 'finished',
      taskId: snapshot.ref.taskId,
      status: snapshot.status,
    });
  };

  const submit = async (data: TaskJobData, row: StepRow) => {
    if (!row.payload) {
      logger?.warn?.('queued task has no request', { key: data.key });
      return report({ key: data.key, step: data.step, outcome: 'done' });
    }
    let submitted: Awaited<ReturnType<WankitClient['submit']>>;
    try {
      submitted = await client.submit(row.payload, { key: data.key, cancelBeforeSend: stopping.signal });
    } catch (thrown) {
      if (!WankitError.isInstance(thrown)) throw thrown;
      if (thrown.kind === 'submit_uncertain') {
        return report({ key: data.key, step: data.step, outcome: 'uncertain' });
      }
      // Nothing was created. A passing refusal (429, network, 5xx, stopping) is tried again by pg-boss later;
      // a final one (bad request, no balance) stays recorded as refused until the line is enqueued again.
      if (thrown.retryable || thrown.kind === 'aborted') throw thrown;
      return report({ key: data.key, step: data.step, outcome: 'refused' });
    }
    // The task's slot in this process is not needed: the account's in-flight count lives in the store.
    client.release(submitted.ref);
    report({ key: data.key, step: data.step, outcome: 'submitted', taskId: submitted.ref.taskId });
    if (submitted.snapshot && isTerminal(submitted.snapshot.status)) return finish(data, submitted.snapshot);
    await schedulePoll(data, submitted.ref, submitted.snapshot, undefined);
  };

  const poll = async (data: TaskJobData, ref: TaskRef) => {
    const polledAt = Date.now();
    const snapshot = await client.status(ref, { signal: stopping.signal });
    if (isTerminal(snapshot.status)) {
      scheduler.recordCompletion(snapshot, {
        submittedAtMs: Date.parse(ref.submittedAt) || polledAt,
        observedAtMs: polledAt,
        ...(data.lastPolledAtMs !== undefined ? { previousPollAtMs: data.lastPolledAtMs } : {}),
      });
      await journal.append({ type: 'snapshot', key: data.key, at: new Date().toISOString(), snapshot });
      return finish(data, snapshot);
    }
    report({
      key: data.key,
      step: data.step,
      outcome: 'polled',
      taskId: ref.taskId,
      status: snapshot.status,
    });
    await schedulePoll(data, ref, snapshot, polledAt);
  };

  const handle = async (data: TaskJobData) => {
    const row = await store.adoptStep(data.key, data.step);
    if (!row) return report({ key: data.key, step: data.step, outcome: 'stale' });
    switch (row.state) {
      case 'downloaded':
      case 'uncertain':
        return report({ key: data.key, step: data.step, outcome: 'done' });
      case 'finished':
        // Recorded but perhaps not downloaded (the worker died in between): download now.
        return row.snapshot
          ? finish(data, row.snapshot)
          : report({ key: data.key, step: data.step, outcome: 'done' });
      case 'submitted':
        if (!row.ref) return report({ key: data.key, step: data.step, outcome: 'done' });
        // A submit job run again after its create succeeded: re-attach by scheduling the first read.
        return data.phase === 'poll'
          ? poll(data, row.ref)
          : schedulePoll(data, row.ref, undefined, undefined);
      default:
        return submit(data, row);
    }
  };

  const workOptions: PgBoss.WorkOptions = {
    batchSize: 1,
    pollingIntervalSeconds: queue.options.pollingIntervalSeconds,
  };
  for (let i = 0; i < concurrency; i++) {
    await queue.boss.work<TaskJobData>(queueName, workOptions, async ([job]) => {
      if (job) await handle(job.data);
    });
  }

  return {
    id: store.processId,
    get steps() {
      return steps;
    },
    async stop() {
      stopping.abort();
      await queue.boss.offWork(queueName);
      await queue.stop();
    },
  };
}
