import type { Clock } from '../clock/clock.js';
import { createSemaphore, type ReleaseSlot } from './semaphore.js';

export interface RequestBudgetLimits {
  /** Requests per minute across all tasks of one client; `Infinity` for no limit. */
  requestsPerMinute?: number;
  /** Tasks in flight at once (submitted and not yet finished); `Infinity` for no limit. */
  concurrentTasks?: number;
  /**
   * HTTP requests open at once. Default 32: a thousand tasks coming due together then queue for a
   * moment instead of opening a thousand sockets, whose buffers alone cost more than the tasks' state.
   */
  requestsInFlight?: number;
}

export type { ReleaseSlot } from './semaphore.js';

export interface RequestBudget {
  /** Takes one request token, waiting on the clock when the minute's budget is spent. */
  takeRequest(signal?: AbortSignal): Promise<void> | undefined;
  /** Holds every further request back for `ms` (the provider answered 429 with `Retry-After`). */
  pause(ms: number): void;
  /** Takes a concurrent-task slot, waiting (FIFO) until one is free. */
  acquireTask(signal?: AbortSignal): Promise<ReleaseSlot>;
  /** Takes an in-flight request slot for the duration of one HTTP exchange. */
  openRequest(signal?: AbortSignal): Promise<ReleaseSlot>;
  readonly limits: Required<RequestBudgetLimits>;
  /** Slots held and callers waiting for one. */
  usage(): { activeTasks: number; waitingTasks: number };
}

/**
 * One per client, shared by all its tasks. Requests: a GCRA token bucket (O(1), one number of state)
 * with a burst of one second's worth and a sustained rate a little under the limit, so that no
 * sliding 60-second window ever holds more than `requestsPerMinute` requests. Tasks and open requests: FIFO semaphores.
 */
export function createRequestBudget(clock: Clock, limits: RequestBudgetLimits = {}): RequestBudget {
  const requestsPerMinute = limits.requestsPerMinute ?? Number.POSITIVE_INFINITY;
  const concurrentTasks = limits.concurrentTasks ?? Number.POSITIVE_INFINITY;
  const requestsInFlight = limits.requestsInFlight ?? 32;
  const limitedRate = Number.isFinite(requestsPerMinute) && requestsPerMinute > 0;
  const burst = limitedRate ? Math.max(1, Math.floor(requestsPerMinute / 60)) : 0;
  // burst + sustained·60 s ≤ limit, with 1 % margin for clock skew between client and provider.
  const sustainedPerMinute = limitedRate ? Math.max(requestsPerMinute - burst, 1) * 0.99 : 0;
  const intervalMs = limitedRate ? 60_000 / sustainedPerMinute : 0;
  const toleranceMs = (burst - 1) * intervalMs;
  // Theoretical arrival time of the next request (GCRA).
  let tat = Number.NEGATIVE_INFINITY;
  let pausedUntil = Number.NEGATIVE_INFINITY;

  const tasks = createSemaphore(concurrentTasks);
  const requests = createSemaphore(requestsInFlight);

  return {
    limits: { requestsPerMinute, concurrentTasks, requestsInFlight },
    takeRequest(signal) {
      const now = clock.now();
      // A provider's Retry-After holds every request of the client back, whether or not a rate is set.
      if (!limitedRate) return pausedUntil > now ? clock.sleep(pausedUntil - now, signal) : undefined;
      const start = Math.max(tat, now);
      const waitMs = start - toleranceMs - now;
      tat = start + intervalMs;
      if (waitMs <= 0) return undefined;
      return clock.sleep(waitMs, signal);
    },
    pause(ms) {
      if (!(ms > 0)) return;
      pausedUntil = Math.max(pausedUntil, clock.now() + ms);
      if (limitedRate) tat = Math.max(tat, clock.now() + ms + toleranceMs);
    },
    acquireTask(signal) {
      return tasks.acquire(signal, 'Aborted while waiting for a free task slot');
    },
    openRequest(signal) {
      return requests.acquire(signal, 'Aborted while waiting for a free request slot');
    },
    usage() {
      const { active, waiting } = tasks.usage();
      return { activeTasks: active, waitingTasks: waiting };
    },
  };
}
