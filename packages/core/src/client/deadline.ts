import type { Clock } from '../clock/clock.js';
import { WankitError } from '../errors/wankit-error.js';

export interface Deadline {
  /** Aborts when the deadline passes (never, without one). */
  readonly signal: AbortSignal;
  /** Stops the timer; the signal stays as it is. */
  stop(): void;
}

/** A signal that aborts `ms` from now on the client clock, so tests drive it with a fake clock. */
export function startDeadline(clock: Clock, ms: number | undefined): Deadline {
  const fired = new AbortController();
  const stopped = new AbortController();
  if (ms !== undefined) {
    clock.sleep(Math.max(0, ms), stopped.signal).then(
      () => fired.abort(new Error('deadline')),
      () => undefined,
    );
  }
  // Only a running timer needs stopping (an abort builds a DOMException: not free on every call).
  return { signal: fired.signal, stop: () => (ms === undefined ? undefined : stopped.abort()) };
}

/**
 * What a submit cut by generate's deadline means. Stopped before the create left: a timeout, nothing was
 * sent. Cut while the create was on the wire: its outcome is unknown, and submit has journaled it as
 * uncertain; the caller is told so (`submit_uncertain`), never a bare timeout.
 */
export function submitCutByDeadline(error: WankitError, deadlineMs: number | undefined): WankitError {
  if (error.requestSent === 'unknown' || error.requestSent === true || error.kind === 'submit_uncertain') {
    return new WankitError({
      kind: 'submit_uncertain',
      message:
        `generate: the ${deadlineMs} ms deadline cut the create request in flight; its outcome is unknown, so it was ` +
        'journaled as uncertain and not re-sent: look the task up before submitting again',
      requestSent: 'unknown',
      ...(error.fingerprint ? { fingerprint: error.fingerprint } : {}),
      cause: error,
    });
  }
  return new WankitError({
    kind: 'timeout',
    message: `generate: the ${deadlineMs} ms deadline passed before the create could be sent; nothing was sent`,
    requestSent: false,
    cause: error,
  });
}
