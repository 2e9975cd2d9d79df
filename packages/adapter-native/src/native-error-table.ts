import type { ErrorKind } from '@wankit/core';
import type { NativeTaskError } from './native-wire-schemas.js';

/**
 * Task error codes (seed 002's table, and V12 for `002014001`). Codes not listed here fall through to
 * the message patterns below, then to `provider_error`.
 */
export const nativeTaskCodeKinds: Readonly<Record<string, ErrorKind>> = {
  // reference_video_urls must be 1–2 URLs / cannot be combined with audio / duration must be 5 or 10.
  '001026001': 'invalid_request',
  '001026002': 'invalid_request',
  '001026003': 'invalid_request',
  // internal generation error, result parsing error, HTTP error response, status check error, task creation error.
  '001026095': 'provider_error',
  '001026096': 'provider_error',
  '001026097': 'provider_error',
  '001026098': 'provider_error',
  '001026099': 'provider_error',
  // Video generation failed (a doc.vtrix.ai Veo page, V12).
  '002014001': 'provider_error',
};

/**
 * Message patterns for failures without a known code. INFERRED (wire-formats §0.1): the gateway forwards
 * DashScope's messages, whose moderation failures read `DataInspectionFailed` / "inappropriate content",
 * and whose input-fetch failures mention a download or a URL.
 */
const contentPolicy =
  /DataInspectionFailed|IPInfringementSuspect|sensitive|inappropriate|moderation|content policy/i;
const inputUrl = /download|\burl\b|InvalidURL/i;

/** The neutral kind of a failed task's error. */
export function nativeTaskErrorKind(code: string | undefined, message: string): ErrorKind {
  const byCode = code === undefined ? undefined : nativeTaskCodeKinds[code];
  if (byCode) return byCode;
  if (contentPolicy.test(message)) return 'content_policy';
  if (inputUrl.test(message)) return 'invalid_input_url';
  return 'provider_error';
}

/**
 * The neutral kind of an HTTP error status (wire-formats §0.1, §1.7). 403 means "insufficient balance
 * or permission denied" on the vtrix pages: the message decides. 402 and 404 are not documented for this
 * gateway (INFERRED: their usual meanings). 504 is what `/sync` answers on its timeout (V11).
 */
export function nativeHttpErrorKind(status: number, message: string): ErrorKind {
  if (status === 401) return 'authentication';
  if (status === 402) return 'insufficient_balance';
  if (status === 403)
    return /balance|credit|quota|insufficient|recharge/i.test(message)
      ? 'insufficient_balance'
      : 'authentication';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'provider_error';
  return 'invalid_request';
}

/** Code and message of an `error` in any of its three encodings (wire-formats §1.5, §1.10 item 3). */
export function readNativeError(error: NativeTaskError | undefined): { code?: string; message?: string } {
  if (error === undefined) return {};
  if (typeof error === 'string') return error.trim() ? { message: error } : {};
  const message = [error.message, error.error_message].find(
    (text) => text !== undefined && text.trim() !== '',
  );
  return {
    ...(error.code === undefined || error.code === '' ? {} : { code: String(error.code) }),
    ...(message === undefined ? {} : { message }),
  };
}
