import type { SimulatorClock } from '@wankit/simulator';

/**
 * The simulator's clock on the same scale as the client's `createScaledClock`: everything the
 * simulator times (task phases, per-minute rate windows, expiry) runs in simulated time, so a limit
 * of 10 000 requests per minute means per simulated minute on both sides of the wire.
 */
export function createScaledSimulatorClock(timeScale: number, startMs = Date.now()): SimulatorClock {
  if (!(timeScale > 0)) throw new RangeError(`timeScale must be > 0, got ${timeScale}`);
  const realStart = performance.now();
  return {
    now: () => startMs + (performance.now() - realStart) / timeScale,
    setTimeout(callback, ms) {
      const handle = setTimeout(callback, Math.max(0, ms * timeScale));
      handle.unref();
      return handle;
    },
    clearTimeout(handle) {
      clearTimeout(handle as ReturnType<typeof setTimeout>);
    },
  };
}
