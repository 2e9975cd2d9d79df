import type { ErrorKind } from '@wankit/core';

/** The process exit codes of `wankit`, documented in the README. */
export const ExitCode = {
  ok: 0,
  /** Something unexpected: a bug in wankit. */
  internal: 1,
  /** Invalid input or usage: nothing was sent. */
  usage: 2,
  /** The provider refused the request (auth, balance, rate limit exhausted, invalid request). */
  refused: 3,
  /** The task ran and failed (content policy, provider error). */
  taskFailed: 4,
  /** Timed out, or the outcome of a submit is unknown. */
  timeoutOrUncertain: 5,
  /** The task succeeded (and is paid for) but its results could not be saved: download them later. */
  notSaved: 6,
  /** A task exists but the journal could not record it: its id is on stderr. */
  journalFailed: 7,
  /** Nothing was sent: the journal is locked by another run, damaged (see --repair) or not writable. */
  journalUnusable: 8,
  /** Interrupted (Ctrl-C): tasks keep running and stay resumable. */
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Exit code per error kind for an error thrown by a request. Kinds that can arise either locally
 * (before anything is sent) or from the provider are resolved by `exitCodeForError` using `httpStatus`.
 */
export const exitCodeByKind: Readonly<Record<ErrorKind, ExitCodeValue>> = {
  invalid_request: ExitCode.refused,
  unsupported: ExitCode.usage,
  authentication: ExitCode.refused,
  insufficient_balance: ExitCode.refused,
  rate_limited: ExitCode.refused,
  not_found: ExitCode.refused,
  invalid_input_url: ExitCode.refused,
  content_policy: ExitCode.taskFailed,
  provider_error: ExitCode.taskFailed,
  invalid_response: ExitCode.taskFailed,
  timeout: ExitCode.timeoutOrUncertain,
  network: ExitCode.timeoutOrUncertain,
  submit_uncertain: ExitCode.timeoutOrUncertain,
  aborted: ExitCode.interrupted,
  journal: ExitCode.journalUnusable,
};

/** Kinds that mean "your input or setup is wrong" when no provider answered (no HTTP status). */
const localKinds: ReadonlySet<ErrorKind> = new Set(['invalid_request', 'unsupported', 'authentication']);

export interface ErrorLike {
  readonly kind: ErrorKind;
  readonly httpStatus?: number;
  readonly requestSent?: boolean | 'unknown';
  readonly taskRef?: unknown;
}

/** The exit code for a thrown WankitError. */
export function exitCodeForError(error: ErrorLike): ExitCodeValue {
  // A validation error or a missing key found before any request: usage, nothing was sent.
  if (error.httpStatus === undefined && localKinds.has(error.kind)) return ExitCode.usage;
  // A journal failure after the create went out puts money at risk; before it, nothing was sent.
  if (error.kind === 'journal' && (error.taskRef !== undefined || error.requestSent === true)) {
    return ExitCode.journalFailed;
  }
  return exitCodeByKind[error.kind];
}

/** The exit code for a task that reached a terminal status other than success. */
export function exitCodeForTaskFailure(): ExitCodeValue {
  return ExitCode.taskFailed;
}

/**
 * Combines the outcomes of several tasks (batch, resume) into one exit code: interruption first, then a
 * task the journal could not record, then unknown outcomes (the user must look), then results not saved,
 * then refusals, then failed tasks.
 */
export function worstExitCode(codes: Iterable<ExitCodeValue>): ExitCodeValue {
  const order: readonly ExitCodeValue[] = [
    ExitCode.interrupted,
    ExitCode.internal,
    ExitCode.journalFailed,
    ExitCode.timeoutOrUncertain,
    ExitCode.notSaved,
    ExitCode.journalUnusable,
    ExitCode.usage,
    ExitCode.refused,
    ExitCode.taskFailed,
  ];
  const seen = new Set(codes);
  return order.find((code) => seen.has(code)) ?? ExitCode.ok;
}
