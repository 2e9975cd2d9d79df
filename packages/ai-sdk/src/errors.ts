// Wankit errors as the AI SDK user meets them. A provider's HTTP refusal (401, 402, 429, 5xx) or a network failure
// becomes an `APICallError` (what AI SDK code checks), with the WankitError as `cause` and its JSON as `data`;
// everything else (bad input, task failures, aborts, uncertain creates) is thrown as the WankitError itself. Both
// carry only wankit's redacted message: the API key never appears.
import { APICallError } from '@ai-sdk/provider';
import { WankitError } from '@wankit/core';

export interface ErrorContext {
  /** Where the request went (no key in it). */
  url: string;
  /** `create`: a retry would pay again, so only errors where no task exists are retryable. `read`: always safe. */
  purpose: 'create' | 'read';
  request?: unknown;
}

function retryable(error: WankitError, purpose: ErrorContext['purpose']): boolean {
  if (!error.retryable) return false;
  if (purpose === 'read') return true;
  return error.taskRef === undefined && error.kind !== 'submit_uncertain' && error.requestSent !== 'unknown';
}

export function toAiError(thrown: unknown, context: ErrorContext): unknown {
  if (!WankitError.isInstance(thrown)) return thrown;
  const error = thrown;
  const fromHttp = error.httpStatus !== undefined || error.kind === 'network';
  if (!fromHttp || error.kind === 'submit_uncertain') return error;
  return new APICallError({
    message: `${error.message} (wankit ${error.kind})`,
    url: error.taskRef?.baseUrl ?? context.url,
    requestBodyValues: context.request,
    ...(error.httpStatus !== undefined ? { statusCode: error.httpStatus } : {}),
    cause: error,
    isRetryable: retryable(error, context.purpose),
    data: error.toJSON(),
  });
}
