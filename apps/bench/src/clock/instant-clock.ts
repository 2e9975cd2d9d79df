import { type Clock, WankitError } from '@wankit/core';

/** Core's clocks reject an aborted sleep with an `aborted` WankitError; so do these. */
const aborted = (signal: AbortSignal) =>
  new WankitError({ kind: 'aborted', message: 'The operation was aborted', cause: signal.reason });

/**
 * A clock on which every sleep ends at once while time jumps forward by the sleep's length. The
 * overhead benchmark uses it so that core's real scheduler runs its real code path (including the
 * first-poll delay) without the benchmark waiting through simulated minutes; against tasks that
 * complete instantly, when a poll happens does not change what is measured.
 */
export function createInstantClock(startMs = Date.UTC(2026, 0, 1)): Clock {
  let now = startMs;
  return {
    now: () => now,
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(aborted(signal));
      now += Math.max(0, ms);
      return new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}
