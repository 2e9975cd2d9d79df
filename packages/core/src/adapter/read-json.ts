import { WankitError } from '../errors/wankit-error.js';
import type { WireResponse } from '../http/transport.js';

export type ReadJsonResult = { ok: true; value: unknown } | { ok: false; reason: string };

/** Index of the first character `String.prototype.trim` would keep, or -1. */
function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Fast path for JSON's own whitespace; anything else unusual is left to a regex test.
    if (code === 32 || code === 10 || code === 13 || code === 9) continue;
    if (code > 32 && code < 127) return i;
    if (!/\s/.test(text[i]!)) return i;
  }
  return -1;
}

/** Parses a response body as JSON without throwing; says why it could not (empty, HTML, malformed). */
export function readJson(response: WireResponse): ReadJsonResult {
  // Looks at the first meaningful character instead of trimming: a trim copies every status body.
  const { text } = response;
  const first = firstNonSpace(text);
  if (first === -1) return { ok: false, reason: 'the response body is empty' };
  if (text.charCodeAt(first) === 60 /* < */) {
    const contentType = response.headers.get('content-type') ?? 'unknown content type';
    return { ok: false, reason: `the response body is HTML or XML, not JSON (${contentType})` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: `the response body is not valid JSON (${(error as Error).message})` };
  }
}

/** An `invalid_response` error for a response the adapter cannot read; names status and request id. */
export function invalidResponse(response: WireResponse, reason: string): WankitError {
  const requestId =
    response.headers.get('x-request-id') ?? response.headers.get('x-acs-request-id') ?? undefined;
  return new WankitError({
    kind: 'invalid_response',
    message: `Unexpected response from ${response.url} (HTTP ${response.status}): ${reason}`,
    httpStatus: response.status,
    ...(requestId ? { requestId } : {}),
  });
}
