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

/** Whether the error proves the request was never sent. */
function provablyNotSent(facts: ErrorFacts): boolean {
  // nock's "Disallowed net connect" is thrown before any socket is opened.
  if (facts.names.includes('NetConnectNotAllowedError')) return true;
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
  if (error instanceof TimeoutError || (error as { name?: unknown })?.name === 'TimeoutError') {
    return new WankitError({
      kind: 'timeout',
      message: `${where} got no response within ${context.timeoutMs} ms`,
      requestSent: 'unknown',
      cause: error,
    });
  }
  const facts = collect(error, { names: [], codes: [], messages: [] });
  const notSent = provablyNotSent(facts);
  const detail = facts.codes[0] ?? facts.messages.at(-1) ?? 'unknown error';
  return new WankitError({
    kind: 'network',
    message: `${where} failed: ${detail}${notSent ? ' (the request was not sent)' : ''}`,
    requestSent: notSent ? false : 'unknown',
    cause: error,
  });
}
