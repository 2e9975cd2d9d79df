import { TimeoutError } from 'ky';
import { WankitError } from '../errors/wankit-error.js';

// Error codes that prove the request never left this machine: no connection was made, so a billable
// create cannot have been accepted. ECONNREFUSED: nothing listening; ENOTFOUND/EAI_AGAIN: DNS failed;
// ENETUNREACH/EHOSTUNREACH: no route; UND_ERR_CONNECT_TIMEOUT: the TCP/TLS connect itself timed out.
const notSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

// Failures that happen before a single byte of the request can leave, and that repeating cannot fix: the
// TLS handshake failed (the request is written only after it completes: a certificate that does not verify,
// a protocol mismatch such as https to a plain http server), fetch's own "bad port" block list, and a URL
// fetch cannot build a request from (unparsable, or with credentials in it).
const tlsHandshakeCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_UNKNOWN_PROTOCOL',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_TLSV1_UNRECOGNIZED_NAME',
  'ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR',
]);
const unbuildableCodes = new Set(['ERR_INVALID_URL']);
// Messages without a code: undici's fetch blocks ports such as 6000 with Error('bad port'); a URL with
// credentials fails in `new Request()`.
const unbuildableMessages = [
  /^bad port$/i,
  /url that includes credentials/i,
  /^Failed to parse URL/i,
  /^Invalid URL/i,
];

// undici's own timers (a fetch that bounds the headers itself, see undici-fetch.ts).
const timeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function hasTimeoutCode(error: unknown): boolean {
  return collect(error, { names: [], codes: [], messages: [] }).codes.some((code) => timeoutCodes.has(code));
}

interface ErrorFacts {
  names: string[];
  codes: string[];
  messages: string[];
}

// fetch wraps the socket error: TypeError('fetch failed') → cause (maybe an AggregateError of
// per-address attempts). Collect names and codes along the whole chain.
function collect(error: unknown, facts: ErrorFacts, depth = 0): ErrorFacts {
  if (depth > 6 || typeof error !== 'object' || error === null) return facts;
  const record = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof record.name === 'string') facts.names.push(record.name);
  if (typeof record.code === 'string') facts.codes.push(record.code);
  if (typeof record.message === 'string') facts.messages.push(record.message);
  if (Array.isArray(record.errors)) for (const inner of record.errors) collect(inner, facts, depth + 1);
  collect(record.cause, facts, depth + 1);
  return facts;
}

/** Whether the error proves the request could not have been sent, and never will be as it stands. */
function cannotBeSent(facts: ErrorFacts): boolean {
  if (facts.codes.some((code) => tlsHandshakeCodes.has(code) || unbuildableCodes.has(code))) return true;
  return facts.messages.some((message) =>
    unbuildableMessages.some((pattern) => pattern.test(message.trim())),
  );
}

/** Whether the error proves the request was never sent. */
function provablyNotSent(facts: ErrorFacts): boolean {
  // nock's "Disallowed net connect" is thrown before any socket is opened.
  if (facts.names.includes('NetConnectNotAllowedError')) return true;
  if (cannotBeSent(facts)) return true;
  return facts.codes.length > 0 && facts.codes.every((code) => notSentCodes.has(code));
}

/**
 * Turns whatever fetch/ky threw into a WankitError: `aborted` when the caller's signal fired,
 * `timeout` for ky's per-request timeout, otherwise `network`. `requestSent` is `false` only when
 * the failure proves the request never left (connection refused, DNS failure); a reset or a closed
 * socket after sending is `'unknown'`, since the server may have accepted it.
 */
export function classifyNetworkError(
  error: unknown,
  context: { method: string; url: string; signal?: AbortSignal; timeoutMs: number },
): WankitError {
  if (WankitError.isInstance(error)) return error;
  const where = `${context.method} ${context.url}`;
  if (context.signal?.aborted) {
    return new WankitError({
      kind: 'aborted',
      message: `${where} was aborted`,
      requestSent: 'unknown',
      cause: error,
    });
  }
  if (
    error instanceof TimeoutError ||
    (error as { name?: unknown })?.name === 'TimeoutError' ||
    hasTimeoutCode(error)
  ) {
    return new WankitError({
      kind: 'timeout',
      message: `${where} got no response within ${context.timeoutMs} ms`,
      requestSent: 'unknown',
      cause: error,
    });
  }
  const facts = collect(error, { names: [], codes: [], messages: [] });
  const notSent = provablyNotSent(facts);
  // A TLS or URL problem stays until the setup changes: not sent, and not worth sending again.
  const hopeless = cannotBeSent(facts);
  const detail = facts.codes[0] ?? facts.messages.at(-1) ?? 'unknown error';
  return new WankitError({
    kind: 'network',
    message: `${where} failed: ${detail}${notSent ? ' (the request was not sent)' : ''}`,
    requestSent: notSent ? false : 'unknown',
    ...(hopeless ? { retryable: false } : {}),
    cause: error,
  });
}
