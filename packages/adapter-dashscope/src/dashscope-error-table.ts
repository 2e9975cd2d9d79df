// DashScope error codes → neutral error kinds. The toolkit's `upstreamCodeKind` already knows the codes every
// reseller forwards (wire-formats.md §0.4, §4.7); this table adds the ones it lacks and the codes whose meaning
// depends on their message. Codes and HTTP statuses: the error-code page [MS-ERR], the
// upload page [MS-UPLOAD], and real bodies in /work/corpus/dashscope (SOURCES.md).
import type { ErrorKind, TaskFailure } from '@wankit/core';
import { classifyUpstreamText, upstreamCodeKind } from '@wankit/core/adapter';

const exactCodes: Readonly<Record<string, ErrorKind>> = {
  // [MS-ERR] 500/503 "ModelServingError", 500 "ModelServiceFailed": the service, not the request.
  ModelServingError: 'provider_error',
  ModelServiceFailed: 'provider_error',
  // [MS-ERR] 500 "ResponseTimeout".
  ResponseTimeout: 'timeout',
  // [MS-ERR] 404: an unknown model spelling, or nothing at that path.
  model_not_supported: 'not_found',
  NotFound: 'not_found',
  // [MS-ERR] 409.
  Conflict: 'invalid_request',
  // [MS-ERR] 401 and 403.
  'NOT AUTHORIZED': 'authentication',
  'App.AccessDenied': 'authentication',
  // [MS-ERR] 403: the account is set to "use free tier only" and the free quota is spent; paying fixes it.
  'AllocationQuota.FreeTierOnly': 'insufficient_balance',
  // [MS-ERR] InvalidFile.*: the file was fetched but is not usable; these two mean it could not be read at all.
  'InvalidFile.DownloadFailed': 'invalid_input_url',
  'InvalidFile.Format': 'invalid_input_url',
};

// Families the toolkit knows only by their bare code: `InvalidURL.ConnectionRefused`, `InvalidURL.Timeout`
// ([MS-ERR]) are bad input URLs; `InvalidFile.Resolution|Duration|Size|AspectRatio|…` are inputs out of limits.
const prefixCodes: ReadonlyArray<readonly [string, ErrorKind]> = [
  ['InvalidURL', 'invalid_input_url'],
  ['InvalidFile', 'invalid_request'],
];

/**
 * Codes whose kind their message decides:
 * - `AccessDenied` "current user api does not support (a)synchronous calls" is a request sent with the wrong
 *   async header ([MS-ERR], [MS-T2I]), not a key problem;
 * - `Throttling.AllocationQuota` "Free allocated quota exceeded." means the free quota is spent on a model not
 *   enabled for pay-as-you-go ([MS-ERR]): waiting does not help, paying does; other allocation-quota messages
 *   are rate limits;
 * - the upload page's 400 `invalid_parameter_error` "InternalError.Algo.InvalidParameter: The provided URL does
 *   not appear to be valid…" (an `oss://` URL sent without its header) is a bad input URL [MS-UPLOAD].
 */
function byMessage(code: string, message: string): ErrorKind | undefined {
  if (code.startsWith('AccessDenied') && /synchronous calls/i.test(message)) return 'invalid_request';
  if (code === 'Throttling.AllocationQuota') {
    return /free/i.test(message) ? 'insufficient_balance' : 'rate_limited';
  }
  if (code === 'invalid_parameter_error')
    return /\burl\b/i.test(message) ? 'invalid_input_url' : 'invalid_request';
  return undefined;
}

/** The kind of a DashScope code, or `undefined` when the HTTP status should decide. */
export function dashscopeCodeKind(code: string | undefined, message = ''): ErrorKind | undefined {
  if (code === undefined) return undefined;
  return (
    byMessage(code, message) ??
    exactCodes[code] ??
    prefixCodes.find(([prefix]) => code === prefix || code.startsWith(`${prefix}.`))?.[1] ??
    upstreamCodeKind(code)
  );
}

/**
 * What an HTTP status means when the code says nothing: a 403 whose words speak of arrears, quota or the free
 * tier is a billing state ([MS-ERR] lists `AllocationQuota.FreeTierOnly` under 403), any other 403 a permission.
 */
export const dashscopeStatusKinds = {
  403: (message: string): ErrorKind =>
    /arrear|overdue|balance|free tier|quota/i.test(message) ? 'insufficient_balance' : 'authentication',
} as const;

/**
 * A failed task's failure: its code, else the words of its message (a relay may drop the code but keep
 * DashScope's text, and the same rules read forwarded DashScope text everywhere), else `provider_error`.
 */
export function dashscopeFailure(code: string | undefined, message: string | undefined): TaskFailure {
  const kind =
    dashscopeCodeKind(code, message) ??
    (message === undefined ? undefined : classifyUpstreamText(message)?.kind) ??
    'provider_error';
  return {
    kind,
    ...(code === undefined ? {} : { code }),
    message:
      message ?? (code === undefined ? 'the task failed without a reason' : `the task failed: ${code}`),
  };
}
