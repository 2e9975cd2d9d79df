import { type Clock, WankitError } from '@wankit/core';

/** Core's clocks reject an aborted sleep with an `aborted` WankitError; so do these. */
const aborted = (signal: AbortSignal) =>
  new WankitError({ kind: 'aborted', message: 'The operation was aborted', cause: signal.reason });

/**
 * Real time, sped up: one real millisecond is `1 / timeScale` simulated milliseconds. The client and
 * the simulator run on the same scale, so "wait 50 s" costs `50 s × timeScale` of real time and the
 * simulator's per-minute limits are per simulated minute on both sides.
 */
export function createScaledClock(timeScale: number, startMs = Date.now()): Clock {
  if (!(timeScale > 0)) throw new RangeError(`timeScale must be > 0, got ${timeScale}`);
  const realStart = performance.now();
  return {
    now: () => startMs + (performance.now() - realStart) / timeScale,
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(aborted(signal));
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          clearTimeout(timer);
          reject(aborted(signal!));
        };
        const timer = setTimeout(
          () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          Math.max(0, ms * timeScale),
        );
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
