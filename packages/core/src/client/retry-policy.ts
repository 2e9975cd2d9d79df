import type { Clock } from '../clock/clock.js';
import { WankitError } from '../errors/wankit-error.js';

export interface RetryOptions {
  /** Retries after the first attempt of a status read. Default 4. */
  retries?: number;
  /** Retries of a create that provably was not accepted (429, connection refused). Default 4. */
  createRetries?: number;
  /** Backoff base; attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs·2ⁿ)]. Default 500. */
  baseDelayMs?: number;
  /** Backoff cap. Default 30 000. */
  maxDelayMs?: number;
  /** A server-advised wait (`Retry-After`) above this is not waited out: the error is thrown. Default 60 000. */
  maxRetryAfterMs?: number;
  /** Source of jitter in [0, 1); tests make it deterministic. Default `Math.random`. */
  random?: () => number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  return {
    retries: options.retries ?? 4,
    createRetries: options.createRetries ?? 4,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    random: options.random ?? Math.random,
  };
}

export interface RetryEvent {
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: WankitError;
}

export interface RetryRun {
  purpose: 'read' | 'create';
  clock: Clock;
  options: ResolvedRetryOptions;
  signal?: AbortSignal;
  /** For creates: identifies the request in a `submit_uncertain` error. */
  fingerprint?: string;
  /** Absolute time (client clock) after which no retry is started. */
  deadlineAt?: number;
  onRetry?(event: RetryEvent): void;
}

type CreateVerdict = 'retry' | 'uncertain' | 'refused';

/**
 * Decides what a failed create means. A create is billable, so it is repeated only when the provider
 * provably did not take it: a 429, or a connection that was never made. A failure after the request
 * may have arrived is uncertain: a timeout, a reset, an unreadable 2xx, and any 5xx but 503 (a gateway's
 * 502/504, or a 500 that may come after the task was created). 503 and 4xx answers, and refusals in the
 * body, are the provider saying no.
 */
function judgeCreateFailure(error: WankitError): CreateVerdict {
  const mayHaveCreated = (status: number | undefined) =>
    status === undefined || (status >= 200 && status < 300) || (status >= 500 && status !== 503);
  switch (error.kind) {
    case 'rate_limited':
      return 'retry';
    case 'network':
      // Not sent: safe to repeat, unless repeating cannot help (a TLS or URL problem): then a plain refusal.
      if (error.requestSent === false) return error.retryable ? 'retry' : 'refused';
      return 'uncertain';
    case 'timeout':
      return 'uncertain';
    case 'provider_error':
      return error.httpStatus !== undefined && mayHaveCreated(error.httpStatus) ? 'uncertain' : 'refused';
    case 'invalid_response':
      return mayHaveCreated(error.httpStatus) ? 'uncertain' : 'refused';
    default:
      return 'refused';
  }
}

function asWankitError(error: unknown): WankitError {
  if (WankitError.isInstance(error)) return error;
  return new WankitError({
    kind: 'provider_error',
    message: `Unexpected failure: ${(error as Error)?.message ?? String(error)}`,
    retryable: false,
    cause: error,
  });
}

function uncertain(error: WankitError, fingerprint: string | undefined): WankitError {
  return new WankitError({
    kind: 'submit_uncertain',
    message:
      `The create request may have reached the provider but its outcome is unknown (${error.kind}: ${error.message}). ` +
      'It was not re-sent, to avoid paying twice; look the task up before submitting again.',
    ...(fingerprint ? { fingerprint } : {}),
    requestSent: error.requestSent ?? 'unknown',
    ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
    cause: error,
  });
}

/** The wait before retry number `attempt` (0-based), or `undefined` when the error must be thrown. */
export function retryDelay(
  error: WankitError,
  attempt: number,
  options: ResolvedRetryOptions,
): number | undefined {
  if (error.retryAfterMs !== undefined) {
    return error.retryAfterMs <= options.maxRetryAfterMs ? error.retryAfterMs : undefined;
  }
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.floor(options.random() * ceiling);
}

/**
 * Runs `operation` with wankit's retry policy on the injected clock (ky's own retry uses real
 * timers and knows nothing of billable creates). Reads retry while `error.retryable`; creates follow
 * `judgeCreateFailure` and never re-send after an unknown outcome.
 */
export async function runWithRetries<T>(operation: () => Promise<T>, run: RetryRun): Promise<T> {
  const limit = run.purpose === 'create' ? run.options.createRetries : run.options.retries;
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (thrown) {
      const error = asWankitError(thrown);
      // A create's answer is judged first: an unknown outcome stays `submit_uncertain` even when the
      // caller has aborted meanwhile, or the journal would call a possibly created task refused.
      const verdict =
        run.purpose === 'create' && error.kind !== 'aborted' ? judgeCreateFailure(error) : undefined;
      if (verdict === 'uncertain') throw uncertain(error, run.fingerprint);
      if (error.kind === 'aborted' || run.signal?.aborted) {
        if (verdict !== undefined) throw error; // a definite refusal stands as it is; no retry after an abort
        // An abort of a create after sending leaves its outcome unknown: keep the fingerprint.
        const aborted = error.kind === 'aborted' ? error : error.with({ kind: 'aborted', retryable: false });
        throw run.purpose === 'create' && run.fingerprint
          ? aborted.with({ fingerprint: run.fingerprint })
          : aborted;
      }
      const retry = verdict === undefined ? error.retryable : verdict === 'retry';
      if (!retry || attempt >= limit) throw error;
      const delayMs = retryDelay(error, attempt, run.options);
      if (delayMs === undefined) throw error;
      if (run.deadlineAt !== undefined && run.clock.now() + delayMs >= run.deadlineAt) throw error;
      run.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await run.clock.sleep(delayMs, run.signal);
    }
  }
}
