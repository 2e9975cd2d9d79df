import { abortedError, type Clock } from './clock.js';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

export interface FakeClock extends Clock {
  /** Moves time forward by `ms`, firing due sleeps in time order and letting their continuations run. */
  advance(ms: number): Promise<void>;
  /** Fires sleeps in time order until none is pending (or `maxSteps` sleeps fired). Returns the steps taken. */
  runUntilIdle(maxSteps?: number): Promise<number>;
  /** Lets pending promise continuations and I/O callbacks run without moving time. */
  flush(): Promise<void>;
  /** Number of sleeps not yet fired. */
  pendingTimers(): number;
  /** When the earliest pending sleep fires, or `undefined`. */
  nextTimerAt(): number | undefined;
}

export interface FakeClockOptions {
  /**
   * When true, time jumps to the next pending sleep by itself once the event loop has nothing else to
   * do for a few turns, so code under test runs to completion without a driver. Default false.
   */
  autoAdvance?: boolean;
}

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A deterministic clock for tests and simulations: time moves only when told to (or when idle). */
export function createFakeClock(startMs = Date.UTC(2026, 0, 1), options: FakeClockOptions = {}): FakeClock {
  let now = startMs;
  let seq = 0;
  // Few timers are pending at once in tests; a sorted array keeps the earliest first.
  const timers: Timer[] = [];
  let driving = false;

  const insert = (timer: Timer) => {
    let index = timers.length;
    while (index > 0) {
      const previous = timers[index - 1]!;
      if (previous.at < timer.at || (previous.at === timer.at && previous.seq < timer.seq)) break;
      index--;
    }
    timers.splice(index, 0, timer);
  };

  const flush = async () => {
    for (let i = 0; i < 5; i++) await macrotask();
  };

  const fireNext = (limit: number): boolean => {
    const timer = timers[0];
    if (!timer || timer.at > limit) return false;
    timers.shift();
    if (timer.at > now) now = timer.at;
    timer.resolve();
    return true;
  };

  const drive = async () => {
    if (driving) return;
    driving = true;
    try {
      while (timers.length > 0) {
        await flush();
        fireNext(Number.POSITIVE_INFINITY);
      }
    } finally {
      driving = false;
    }
  };

  const clock: FakeClock = {
    now: () => now,
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(abortedError(signal));
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const index = timers.indexOf(timer);
          if (index >= 0) timers.splice(index, 1);
          reject(abortedError(signal));
        };
        const timer: Timer = {
          at: now + Math.max(0, ms),
          seq: seq++,
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        insert(timer);
        signal?.addEventListener('abort', onAbort, { once: true });
        if (options.autoAdvance) void drive();
      });
    },
    async advance(ms) {
      const target = now + ms;
      await flush();
      while (fireNext(target)) await flush();
      now = Math.max(now, target);
      await flush();
    },
    async runUntilIdle(maxSteps = 100_000) {
      let steps = 0;
      await flush();
      while (steps < maxSteps && fireNext(Number.POSITIVE_INFINITY)) {
        steps++;
        await flush();
      }
      return steps;
    },
    flush,
    pendingTimers: () => timers.length,
    nextTimerAt: () => timers[0]?.at,
  };
  return clock;
}
