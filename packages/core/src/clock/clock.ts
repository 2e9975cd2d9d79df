import { WankitError } from '../errors/wankit-error.js';

/**
 * The client's notion of time. Everything that waits (backoff, polling, the request budget) goes
 * through a clock, so tests and benchmarks can drive time with a fake one instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with an `aborted` WankitError as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The `aborted` error every wait in core rejects with. */
export function abortedError(signal?: AbortSignal, message = 'The operation was aborted'): WankitError {
  const reason: unknown = signal?.reason;
  return new WankitError({ kind: 'aborted', message, cause: reason });
}

/** Real time: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    if (signal?.aborted) return Promise.reject(abortedError(signal));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortedError(signal));
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};
