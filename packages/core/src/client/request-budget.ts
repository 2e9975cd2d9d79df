import { abortedError, type Clock } from '../clock/clock.js';

export interface RequestBudgetLimits {
  /** Requests per minute across all tasks of one client; `Infinity` for no limit. */
  requestsPerMinute?: number;
  /** Tasks in flight at once (submitted and not yet finished); `Infinity` for no limit. */
  concurrentTasks?: number;
}

/** Releases a task slot; calling it twice is harmless. */
export type ReleaseSlot = () => void;

export interface RequestBudget {
  /** Takes one request token, waiting on the clock when the minute's budget is spent. */
  takeRequest(signal?: AbortSignal): Promise<void> | undefined;
  /** Holds every further request back for `ms` (the provider answered 429 with `Retry-After`). */
  pause(ms: number): void;
  /** Takes a concurrent-task slot, waiting (FIFO) until one is free. */
  acquireTask(signal?: AbortSignal): Promise<ReleaseSlot>;
  readonly limits: Required<RequestBudgetLimits>;
  /** Slots held and callers waiting for one. */
  usage(): { activeTasks: number; waitingTasks: number };
}

interface Waiter {
  resolve: (release: ReleaseSlot) => void;
  cancelled: boolean;
}

/**
 * One per client, shared by all its tasks. Requests: a GCRA token bucket (O(1), one number of state)
 * with a burst of one second's worth and a sustained rate a little under the limit, so that no
 * sliding 60-second window ever holds more than `requestsPerMinute` requests. Tasks: a FIFO semaphore.
 */
export function createRequestBudget(clock: Clock, limits: RequestBudgetLimits = {}): RequestBudget {
  const requestsPerMinute = limits.requestsPerMinute ?? Number.POSITIVE_INFINITY;
  const concurrentTasks = limits.concurrentTasks ?? Number.POSITIVE_INFINITY;
  const limitedRate = Number.isFinite(requestsPerMinute) && requestsPerMinute > 0;
  const burst = limitedRate ? Math.max(1, Math.floor(requestsPerMinute / 60)) : 0;
  // burst + sustained·60 s ≤ limit, with 1 % margin for clock skew between client and provider.
  const sustainedPerMinute = limitedRate ? Math.max(requestsPerMinute - burst, 1) * 0.99 : 0;
  const intervalMs = limitedRate ? 60_000 / sustainedPerMinute : 0;
  const toleranceMs = (burst - 1) * intervalMs;
  // Theoretical arrival time of the next request (GCRA).
  let tat = Number.NEGATIVE_INFINITY;

  let active = 0;
  const waiters: Waiter[] = [];
  let head = 0;

  const makeRelease = (): ReleaseSlot => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      while (head < waiters.length) {
        const next = waiters[head]!;
        waiters[head++] = undefined as unknown as Waiter;
        if (!next.cancelled) {
          next.resolve(makeRelease());
          compact();
          return;
        }
      }
      active--;
      compact();
    };
  };

  const compact = () => {
    if (head > 1024 && head * 2 > waiters.length) {
      waiters.splice(0, head);
      head = 0;
    }
  };

  return {
    limits: { requestsPerMinute, concurrentTasks },
    takeRequest(signal) {
      if (!limitedRate) return undefined;
      const now = clock.now();
      const start = Math.max(tat, now);
      const waitMs = start - toleranceMs - now;
      tat = start + intervalMs;
      if (waitMs <= 0) return undefined;
      return clock.sleep(waitMs, signal);
    },
    pause(ms) {
      if (!limitedRate || !(ms > 0)) return;
      tat = Math.max(tat, clock.now() + ms + toleranceMs);
    },
    acquireTask(signal) {
      if (signal?.aborted) return Promise.reject(abortedError(signal));
      if (active < concurrentTasks) {
        active++;
        return Promise.resolve(makeRelease());
      }
      return new Promise<ReleaseSlot>((resolve, reject) => {
        const waiter: Waiter = {
          cancelled: false,
          resolve: (release) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(release);
          },
        };
        const onAbort = () => {
          waiter.cancelled = true;
          reject(abortedError(signal, 'Aborted while waiting for a free task slot'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiters.push(waiter);
      });
    },
    usage() {
      let waiting = 0;
      for (let i = head; i < waiters.length; i++) if (!waiters[i]!.cancelled) waiting++;
      return { activeTasks: active, waitingTasks: waiting };
    },
  };
}
