import type { CallbackRegistry } from '../callbacks/callback-registry.js';
import type { Clock } from '../clock/clock.js';
import { WankitError } from '../errors/wankit-error.js';
import { isTerminal, type TaskRef, type TaskSnapshot } from '../spec/task.js';
import { startDeadline } from './deadline.js';
import type { PollScheduler } from './poll-scheduler.js';

export interface WaitRun {
  ref: TaskRef;
  clock: Clock;
  scheduler: PollScheduler;
  /** One status read, with the read retry policy; no retry may start after `deadlineAt`. */
  readStatus(
    ref: TaskRef,
    signal: AbortSignal | undefined,
    deadlineAt: number | undefined,
  ): Promise<TaskSnapshot>;
  signal?: AbortSignal;
  deadlineMs?: number;
  onProgress?(snapshot: TaskSnapshot): void;
  /** A snapshot already known (e.g. from the create response). */
  initial?: TaskSnapshot;
  callback?: { registry: CallbackRegistry; key: string };
}

function submittedAtOf(ref: TaskRef, fallback: number): number {
  const ms = Date.parse(ref.submittedAt);
  return Number.isNaN(ms) ? fallback : ms;
}

/**
 * Waits for a task to finish: sleeps on the clock until the scheduler's next poll, reads the status,
 * repeats. With a callback registration, the first delivery wins and polling is the fallback.
 * Resolves with the terminal snapshot (a failed task resolves: it is data). Throws `timeout` at the
 * deadline and `aborted` on abort, both carrying the task ref (the task keeps running).
 */
export async function waitForTask(run: WaitRun): Promise<TaskSnapshot> {
  const { ref, clock, scheduler, signal } = run;
  const startedAt = clock.now();
  const deadlineAt = run.deadlineMs === undefined ? undefined : startedAt + run.deadlineMs;
  const submittedAtMs = submittedAtOf(ref, startedAt);
  let last = run.initial;
  let polls = 0;
  let lastPolledAtMs: number | undefined;
  let previousPollAtMs: number | undefined;
  // Progress figures seen while running: the scheduler learns the provider's progress curve from them.
  const progressReads: { atMs: number; progress: number }[] = [];

  let delivered: TaskSnapshot | undefined;
  let wake: (() => void) | undefined;
  const stopListening = new AbortController();
  let unsubscribe: (() => void) | undefined;
  if (run.callback) {
    const { registry, key } = run.callback;
    registry.delivered(key, stopListening.signal).then(
      (snapshot) => {
        delivered = snapshot;
        wake?.();
      },
      () => undefined,
    );
    unsubscribe = registry.onProgress(key, (snapshot) => run.onProgress?.(snapshot));
  }

  const sleepUntil = async (at: number): Promise<void> => {
    const ms = at - clock.now();
    if (ms <= 0) return;
    if (!run.callback) return clock.sleep(ms, signal);
    const interrupt = new AbortController();
    wake = () => interrupt.abort();
    try {
      await clock.sleep(ms, signal ? AbortSignal.any([signal, interrupt.signal]) : interrupt.signal);
    } catch (error) {
      if (!interrupt.signal.aborted || signal?.aborted) throw error;
    } finally {
      wake = undefined;
    }
  };

  const stopped = (error: unknown): WankitError => {
    if (WankitError.isInstance(error)) return error.taskRef ? error : error.with({ taskRef: ref });
    return new WankitError({ kind: 'provider_error', message: String(error), taskRef: ref, cause: error });
  };

  // A callback arrives at completion, so its arrival time is a fair completion sample too.
  const fromCallback = (snapshot: TaskSnapshot): TaskSnapshot => {
    const now = clock.now();
    scheduler.recordCompletion(snapshot, { submittedAtMs, observedAtMs: now, previousPollAtMs: now });
    run.onProgress?.(snapshot);
    return snapshot;
  };

  // Reads in flight end at the deadline too: a status request that hangs must not outlast it.
  const deadline = startDeadline(clock, deadlineAt === undefined ? undefined : deadlineAt - startedAt);
  const readSignal =
    deadlineAt === undefined ? signal : signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  const deadlineError = () =>
    new WankitError({
      kind: 'timeout',
      message:
        `Stopped waiting for task ${ref.taskId} after ${run.deadlineMs} ms (deadline); ` +
        'the task keeps running: wait on its ref again to resume',
      retryable: true,
    });

  try {
    if (last && isTerminal(last.status)) return last;
    for (;;) {
      if (delivered) return fromCallback(delivered);
      if (signal?.aborted)
        throw new WankitError({
          kind: 'aborted',
          message: `Stopped waiting for task ${ref.taskId}: aborted`,
        });
      const at = scheduler.nextPollAt(
        { ref, submittedAtMs, polls, lastPolledAtMs, last, callback: run.callback !== undefined },
        clock.now(),
      );
      if (deadlineAt !== undefined && at > deadlineAt) {
        await sleepUntil(deadlineAt);
        if (delivered) return fromCallback(delivered);
        throw deadlineError();
      }
      await sleepUntil(at);
      if (delivered) return fromCallback(delivered);

      const polledAt = clock.now();
      let snapshot: TaskSnapshot;
      try {
        snapshot = await run.readStatus(ref, readSignal, deadlineAt);
      } catch (error) {
        if (deadline.signal.aborted && !signal?.aborted) throw deadlineError();
        throw error;
      }
      if (delivered) return fromCallback(delivered);
      polls++;
      previousPollAtMs = lastPolledAtMs;
      lastPolledAtMs = polledAt;
      last = snapshot;
      run.onProgress?.(snapshot);
      if (isTerminal(snapshot.status)) {
        scheduler.recordCompletion(snapshot, {
          submittedAtMs,
          observedAtMs: polledAt,
          previousPollAtMs,
          progressReads,
        });
        return snapshot;
      }
      if (snapshot.status === 'running' && snapshot.progress !== undefined) {
        progressReads.push({ atMs: polledAt, progress: snapshot.progress });
      }
    }
  } catch (error) {
    throw stopped(error);
  } finally {
    deadline.stop();
    stopListening.abort();
    unsubscribe?.();
  }
}
