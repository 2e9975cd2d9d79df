import type { RouteAttempt } from '../router/route-attempt.js';
import type { TaskRef } from '../spec/task.js';
import { type ErrorHint, withLibraryHint } from './error-hint.js';
import { type ErrorKind, retryableByDefault } from './error-kind.js';
import { redactDeep, redactSecrets } from './redact.js';
import { safeCause } from './safe-cause.js';

const marker = Symbol.for('wankit.error');

export interface WankitErrorOptions {
  kind: ErrorKind;
  message: string;
  retryable?: boolean;
  httpStatus?: number;
  /** The provider's own error code, as a string. */
  providerCode?: string;
  requestId?: string;
  taskRef?: TaskRef;
  /** Server-advised wait before retrying (from `Retry-After`). */
  retryAfterMs?: number;
  /** For validation errors: the field, the offending value and what is allowed. */
  field?: string;
  value?: unknown;
  allowed?: readonly unknown[];
  /** For `submit_uncertain`: a fingerprint of the create request, to find the task later. */
  fingerprint?: string;
  /** For network errors: whether the request may have reached the server. */
  requestSent?: boolean | 'unknown';
  /** For a create sent through a router: every provider tried, in order. */
  attempts?: readonly RouteAttempt[];
  /**
   * The setting that would fix it, named neutrally. `message` ends with the remedy in the library's option
   * names (`; pass baseUrl to createClient(…)`); other front ends word it from `hint` (see `problemText`).
   */
  hint?: ErrorHint;
  cause?: unknown;
}

/**
 * The one error class of wankit. `kind` is stable; `retryable` says whether repeating the same
 * operation may succeed. Messages never contain an API key.
 */
export class WankitError extends Error {
  readonly [marker] = true;
  readonly kind: ErrorKind;
  readonly retryable: boolean;
  readonly httpStatus?: number;
  readonly providerCode?: string;
  readonly requestId?: string;
  readonly taskRef?: TaskRef;
  readonly retryAfterMs?: number;
  readonly field?: string;
  readonly value?: unknown;
  readonly allowed?: readonly unknown[];
  readonly fingerprint?: string;
  readonly requestSent?: boolean | 'unknown';
  readonly attempts?: readonly RouteAttempt[];
  readonly hint?: ErrorHint;

  constructor(options: WankitErrorOptions) {
    // The cause is kept as a sanitised copy: low-level errors may hold the request with its Authorization header.
    super(
      redactSecrets(withLibraryHint(options.message, options.hint)),
      options.cause === undefined ? undefined : { cause: safeCause(options.cause) },
    );
    this.name = 'WankitError';
    this.kind = options.kind;
    this.retryable = options.retryable ?? retryableByDefault[options.kind];
    if (options.httpStatus !== undefined) this.httpStatus = options.httpStatus;
    if (options.providerCode !== undefined) this.providerCode = options.providerCode;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.taskRef !== undefined) this.taskRef = redactDeep(options.taskRef) as TaskRef;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.field !== undefined) this.field = options.field;
    // The offending value may be anything the user typed (a prompt, a URL): secrets are scrubbed from it too.
    if (options.value !== undefined) this.value = redactDeep(options.value);
    if (options.allowed !== undefined) this.allowed = redactDeep(options.allowed) as readonly unknown[];
    if (options.fingerprint !== undefined) this.fingerprint = options.fingerprint;
    if (options.requestSent !== undefined) this.requestSent = options.requestSent;
    if (options.attempts !== undefined)
      this.attempts = redactDeep(options.attempts) as readonly RouteAttempt[];
    if (options.hint !== undefined)
      this.hint = {
        option: options.hint.option,
        ...(options.hint.value !== undefined ? { value: redactSecrets(options.hint.value) } : {}),
      };
  }

  /** True for any WankitError, even one from another copy of this package. */
  static isInstance(error: unknown): error is WankitError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }

  /** A copy with more context (e.g. the task it concerns). */
  with(extra: Partial<WankitErrorOptions>): WankitError {
    return new WankitError({ ...this.toOptions(), ...extra });
  }

  toOptions(): WankitErrorOptions {
    const { kind, message, retryable, httpStatus, providerCode, requestId, taskRef, retryAfterMs } = this;
    const { field, value, allowed, fingerprint, requestSent, attempts, hint, cause } = this;
    return {
      kind,
      message,
      retryable,
      httpStatus,
      providerCode,
      requestId,
      taskRef,
      retryAfterMs,
      field,
      value,
      allowed,
      fingerprint,
      requestSent,
      attempts,
      hint,
      cause,
    } as WankitErrorOptions;
  }

  /** Plain data for logs, journals and `--json` output. */
  toJSON(): Record<string, unknown> {
    const { cause: _cause, ...rest } = this.toOptions();
    return Object.fromEntries(
      Object.entries({ name: this.name, ...rest }).filter(([, v]) => v !== undefined),
    );
  }
}

export const isWankitError = WankitError.isInstance;
