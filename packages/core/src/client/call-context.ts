import type { Clock } from '../clock/clock.js';
import { WankitError } from '../errors/wankit-error.js';
import type { CoreHttpTransport } from '../http/create-transport.js';
import { parseRetryAfter } from '../http/retry-after.js';
import type { WireResponse } from '../http/transport.js';
import type { AdapterCallContext } from '../spec/adapter.js';
import type { RequestBudget } from './request-budget.js';

export interface TrackedCallContext extends AdapterCallContext {
  /** The last response the adapter received in this call. */
  lastResponse(): WireResponse | undefined;
}

/**
 * The context handed to an adapter for one call: every request takes a token from the client's
 * budget and carries the caller's abort signal; the last response is kept so a `Retry-After` the
 * adapter did not copy onto its error is still honoured.
 */
export function createCallContext(
  transport: CoreHttpTransport,
  budget: RequestBudget,
  clock: Clock,
  signal: AbortSignal | undefined,
  // Ends the waits for a request slot and a rate token, but not a request already sent.
  waitSignal: AbortSignal | undefined = signal,
): TrackedCallContext {
  let last: WireResponse | undefined;
  return {
    now: () => new Date(clock.now()),
    ...(signal ? { signal } : {}),
    lastResponse: () => last,
    http: {
      async send(request) {
        // Slot first, then the rate token: tokens spent while queued for a slot would let a burst out later.
        const release = await budget.openRequest(waitSignal);
        try {
          await budget.takeRequest(waitSignal);
        } catch (error) {
          release();
          throw error;
        }
        try {
          last = await transport.send(request, { signal });
        } finally {
          release();
        }
        return last;
      },
    },
  };
}

/** Adds the last response's `Retry-After` to a 429/503 error that lacks one. */
export function withServerAdvice(error: unknown, response: WireResponse | undefined, nowMs: number): unknown {
  if (!WankitError.isInstance(error) || error.retryAfterMs !== undefined || !response) return error;
  if (response.status !== 429 && response.status !== 503) return error;
  const retryAfterMs = parseRetryAfter(response.headers, nowMs);
  return retryAfterMs === undefined ? error : error.with({ retryAfterMs });
}
