/** The simulator's notion of time: task phases, expiry, rate windows, callback retries and slow faults all read it. */
export interface SimulatorClock {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Real time. Timers are unref'd: the HTTP server, not a pending callback retry, keeps the process alive. */
export const systemClock: SimulatorClock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, Math.max(0, ms));
    handle.unref();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/** A clock that only moves when told to: for deterministic tests with no real sleeps. */
export interface ManualClock extends SimulatorClock {
  /** Moves time forward, firing every timer that falls due, in due order (timers set while firing included). */
  advance(ms: number): void;
  /** Number of timers not yet fired or cleared. */
  pendingTimers(): number;
}

interface ManualTimer {
  readonly id: number;
  readonly dueAt: number;
  readonly callback: () => void;
}

/** Starts at 2026-01-01T00:00:00Z by default (unix 1767225600, the instant the wire fixtures use). */
export function createManualClock(startMs = Date.UTC(2026, 0, 1)): ManualClock {
  let current = startMs;
  let nextId = 1;
  const timers = new Map<number, ManualTimer>();

  const nextDue = (limit: number): ManualTimer | undefined => {
    let best: ManualTimer | undefined;
    for (const timer of timers.values()) {
      if (timer.dueAt > limit) continue;
      if (!best || timer.dueAt < best.dueAt || (timer.dueAt === best.dueAt && timer.id < best.id))
        best = timer;
    }
    return best;
  };

  return {
    now: () => current,
    setTimeout(callback, ms) {
      const timer = { id: nextId++, dueAt: current + Math.max(0, ms), callback };
      timers.set(timer.id, timer);
      return timer.id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`advance(ms) needs a non-negative number, got ${ms}`);
      const target = current + ms;
      for (let timer = nextDue(target); timer; timer = nextDue(target)) {
        timers.delete(timer.id);
        current = Math.max(current, timer.dueAt);
        timer.callback();
      }
      current = target;
    },
    pendingTimers: () => timers.size,
  };
}
