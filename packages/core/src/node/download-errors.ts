import { WankitError } from '../errors/wankit-error.js';

/** Origin and path only: signed result URLs carry credentials in their query string. */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

export function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
}

export function abortedError(url: URL, cause?: unknown): WankitError {
  return new WankitError({ kind: 'aborted', message: `download of ${describeUrl(url)} was aborted`, cause });
}

/** A non-success answer to a download request. 403/404/410 on a result URL mean it has expired. */
export function statusError(url: URL, status: number): WankitError {
  if (status === 403 || status === 404 || status === 410) {
    return new WankitError({
      kind: 'not_found',
      httpStatus: status,
      message:
        `the result URL has expired or is no longer available (HTTP ${status}): ${describeUrl(url)}; ` +
        'result URLs are valid for a limited time (24 h on DashScope, 15 days on apixo), so query the task again for a fresh URL',
    });
  }
  return new WankitError({
    kind: 'provider_error',
    httpStatus: status,
    retryable: status === 408 || status === 429 || status >= 500,
    message: `download of ${describeUrl(url)} failed with HTTP ${status}`,
  });
}

export function networkError(url: URL, bytes: number, resumes: number, cause: unknown): WankitError {
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  return new WankitError({
    kind: 'network',
    message: `download of ${describeUrl(url)} failed after ${bytes} bytes and ${resumes} resume(s)${detail}`,
    cause,
  });
}

const fileSystemCodes = new Set([
  'ENOSPC',
  'EDQUOT',
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOTDIR',
  'EISDIR',
  'ENOENT',
  'EEXIST',
  'EMFILE',
  'ENFILE',
  'EIO',
  'EFBIG',
  'ENAMETOOLONG',
]);

/**
 * A local file-system failure (disk full, no permission, read-only, a file where a folder should be) as a
 * typed error naming the destination, so batch work can report it per task instead of crashing.
 */
export function typedFileError(error: unknown, destination: string): unknown {
  if (WankitError.isInstance(error)) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !fileSystemCodes.has(code)) return error;
  return new WankitError({
    kind: 'invalid_request',
    message: `cannot save the download to ${destination}: ${code} (${(error as Error).message})`,
    field: 'destination',
    value: destination,
    cause: error,
  });
}
