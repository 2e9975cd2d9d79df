import { WankitError } from '../errors/wankit-error.js';
import type { WireResponse } from './transport.js';

export type ReadJsonResult = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses a response body as JSON without throwing; says why it could not (empty, HTML, malformed). */
export function readJson(response: WireResponse): ReadJsonResult {
  const text = response.text.trim();
  if (text === '') return { ok: false, reason: 'the response body is empty' };
  if (text.startsWith('<')) {
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
