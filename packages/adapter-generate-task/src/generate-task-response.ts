import type { TaskRef, WireResponse } from '@wankit/core';
import { invalidResponse, parseRetryAfter, readJson, WankitError } from '@wankit/core';
import { responseCodeKind } from './generate-task-error-table.js';
import { envelopeSchema, errorDetailsSchema } from './generate-task-wire-schemas.js';

export interface Envelope {
  readonly code: number;
  readonly message?: string | null;
  readonly data: unknown;
  /** The whole parsed body, for `snapshot.raw`. */
  readonly raw: unknown;
}

/**
 * Reads the `{code, message, data}` envelope (wire-formats §3.5). An error is an HTTP error status or a body
 * `code` other than 200 on HTTP 200: both are checked. A body that cannot be read is `invalid_response`,
 * unless the HTTP status already says what went wrong (an HTML 502 page is a provider error, not a bad body).
 */
export function readEnvelope(response: WireResponse, nowMs: number, taskRef?: TaskRef): Envelope {
  const json = readJson(response);
  const httpOk = response.status >= 200 && response.status < 300;
  const parsed = json.ok ? envelopeSchema.safeParse(json.value) : undefined;
  if (!httpOk) {
    const envelope = parsed?.success ? parsed.data : undefined;
    throw responseError(response, response.status, envelope, nowMs, taskRef);
  }
  if (!json.ok) throw withRef(invalidResponse(response, json.reason), taskRef);
  if (!parsed?.success) {
    throw withRef(invalidResponse(response, 'the body is not a {code, message, data} envelope'), taskRef);
  }
  if (parsed.data.code !== 200) throw responseError(response, parsed.data.code, parsed.data, nowMs, taskRef);
  return { code: parsed.data.code, message: parsed.data.message, data: parsed.data.data, raw: json.value };
}

function responseError(
  response: WireResponse,
  code: number,
  envelope: { code: number; message?: string | null; data?: unknown } | undefined,
  nowMs: number,
  taskRef: TaskRef | undefined,
): WankitError {
  const message = envelope?.message ?? '';
  const details = errorDetailsSchema.safeParse(envelope?.data);
  const detail = details.success && details.data.error ? details.data.error : undefined;
  const kind = responseCodeKind(code, `${message} ${detail ?? ''}`);
  const retryAfterMs = kind === 'rate_limited' ? parseRetryAfter(response.headers, nowMs) : undefined;
  const said = [message, detail].filter(Boolean).join(': ') || 'no readable error body';
  return new WankitError({
    kind,
    message: `generateTask answered HTTP ${response.status}${envelope ? ` with code ${envelope.code}` : ''}: ${said}`,
    httpStatus: response.status,
    ...(envelope ? { providerCode: String(envelope.code) } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(taskRef ? { taskRef } : {}),
  });
}

const withRef = (error: WankitError, taskRef: TaskRef | undefined): WankitError =>
  taskRef ? error.with({ taskRef }) : error;
