import type { ErrorKind } from '../errors/error-kind.js';
import { WankitError } from '../errors/wankit-error.js';
import type { WireResponse } from '../http/transport.js';
import { readEnvelope } from './envelope.js';
import { asObject, firstText } from './json-object.js';
import { readCode, readMessage } from './message.js';
import { readJson } from './read-json.js';

/** What an HTTP status means when the provider says nothing more specific. */
export const defaultStatusKinds: Readonly<Record<number, ErrorKind>> = {
  400: 'invalid_request',
  401: 'authentication',
  402: 'insufficient_balance',
  403: 'authentication',
  404: 'not_found',
  408: 'timeout',
  409: 'invalid_request',
  413: 'invalid_request',
  415: 'invalid_request',
  422: 'invalid_request',
  429: 'rate_limited',
};

/** The kind of an HTTP error status: the adapter's override, the default table, then its class. */
export function statusKind(
  status: number,
  overrides: WireErrorSpec['statusKinds'],
  message: string,
): ErrorKind {
  const override = overrides?.[status];
  if (override !== undefined) return typeof override === 'function' ? override(message) : override;
  return defaultStatusKinds[status] ?? (status >= 500 ? 'provider_error' : 'invalid_request');
}

export interface WireErrorDetails {
  readonly code?: string;
  readonly message?: string;
  readonly requestId?: string;
}

export interface WireErrorSpec {
  /** Names the provider in messages, e.g. `native gateway`. */
  readonly provider: string;
  /** The adapter's error table: a provider code (and message) → kind; `undefined` falls back to the HTTP status. */
  readonly codeKind?: (code: string | undefined, message: string, status: number) => ErrorKind | undefined;
  /** Per-adapter meanings of HTTP statuses (a kind, or a function of the message, e.g. 403 by its words). */
  readonly statusKinds?: Readonly<Record<number, ErrorKind | ((message: string) => ErrorKind)>>;
  /** Reads code/message from a body the generic readers miss. */
  readonly readDetails?: (body: unknown) => WireErrorDetails;
}

const requestIdHeaders = ['x-request-id', 'x-acs-request-id', 'x-dashscope-request-id', 'request-id'];

/** The request id a response carries, in its headers or its body (`request_id`, `requestId`). */
export function requestIdOf(response: WireResponse, body?: unknown): string | undefined {
  for (const header of requestIdHeaders) {
    const value = response.headers.get(header);
    if (value) return value;
  }
  return firstText(body, ['request_id', 'requestId', 'RequestId']);
}

/** Code and message of an error body, enveloped or bare, with the provider's `data.error` detail. */
export function readErrorDetails(body: unknown): WireErrorDetails {
  const envelope = readEnvelope(body);
  const inner = envelope.wrapped && envelope.data !== body ? envelope.data : undefined;
  const code = (envelope.wrapped ? envelope.code : undefined) ?? readCode(body) ?? readCode(inner);
  // An envelope's "message" may be a generic word ("Invalid request"); its `data.error` holds the detail.
  const detail = readMessage(inner);
  const top = envelope.wrapped ? envelope.message : readMessage(body);
  const message = top && detail && top !== detail ? `${top} (${detail})` : (top ?? detail);
  return {
    ...(code === undefined ? {} : { code }),
    ...(message === undefined ? {} : { message }),
  };
}

/**
 * Builds the typed error of a provider refusal from its HTTP status and body (enveloped or bare, JSON or
 * not): the adapter's code table first, then the status. Used for HTTP error answers and for refusals
 * sent inside a 200 envelope (pass `status` as the answer's own status).
 */
export function createWireErrorReader(spec: WireErrorSpec) {
  return function wireError(response: WireResponse, body?: unknown): WankitError {
    const value =
      body ??
      (() => {
        const json = readJson(response);
        return json.ok ? json.value : undefined;
      })();
    const generic = readErrorDetails(value);
    const own = spec.readDetails?.(value) ?? {};
    const code = own.code ?? generic.code;
    const message = own.message ?? generic.message;
    // A refusal inside a 2xx envelope often carries an HTTP-like code (`{code: 402, ...}`): it decides the kind.
    const envelopeStatus = Number(code);
    const status =
      response.status < 400 &&
      Number.isInteger(envelopeStatus) &&
      envelopeStatus >= 400 &&
      envelopeStatus < 600
        ? envelopeStatus
        : response.status;
    const kind =
      spec.codeKind?.(code, message ?? '', status) ??
      (status >= 400 ? statusKind(status, spec.statusKinds, message ?? '') : 'provider_error');
    const requestId = own.requestId ?? requestIdOf(response, value);
    const codeText = code !== undefined && code !== String(response.status) ? ` ${code}` : '';
    return new WankitError({
      kind,
      message: `${spec.provider} answered HTTP ${response.status}${codeText}${message ? `: ${message}` : ''}`,
      httpStatus: response.status,
      ...(code === undefined ? {} : { providerCode: code }),
      ...(requestId ? { requestId } : {}),
    });
  };
}

export type WireErrorReader = ReturnType<typeof createWireErrorReader>;

/** Whether a parsed body reads as an error object rather than a task (an `error`, a failing envelope). */
export function looksLikeError(body: unknown): boolean {
  const object = asObject(body);
  if (!object) return false;
  if (object.error !== undefined && object.error !== null && object.error !== '') return true;
  const envelope = readEnvelope(body);
  return envelope.wrapped && !envelope.ok;
}
