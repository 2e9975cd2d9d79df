import { asObject, firstText, textOf } from './json-object.js';

/**
 * A body read through a relay's envelope, or the bare body. Relays wrap answers in `{code, message, data}`
 * (or `msg`, or `{success, data}`) with `code` a number, a numeric string, `"success"` or `0`; providers
 * themselves often send the bare object. `ok: false` means the envelope itself reports a failure.
 */
export type Envelope =
  | { readonly wrapped: false; readonly ok: true; readonly data: unknown }
  | {
      readonly wrapped: true;
      readonly ok: boolean;
      readonly code?: string;
      readonly message?: string;
      /** The payload: `data` (or `result`) when present, else the envelope object itself. */
      readonly data: unknown;
    };

export interface EnvelopeOptions {
  /** Extra codes that mean success for this provider (compared as lower-case strings). */
  readonly successCodes?: readonly string[];
}

// Codes seen meaning success: HTTP-like 200 (apixo), 0 (many Chinese relays), "success"/"ok" (new-api).
const successWords = new Set(['0', '200', '201', 'success', 'succeed', 'succeeded', 'ok', 'true']);

/** Whether an envelope `code` means success. */
export function isSuccessCode(code: unknown, options: EnvelopeOptions = {}): boolean {
  if (code === true) return true;
  const text = textOf(code)?.toLowerCase();
  if (text === undefined) return false;
  if (successWords.has(text)) return true;
  return options.successCodes?.some((extra) => extra.toLowerCase() === text) ?? false;
}

const messageKeys = ['message', 'msg', 'error_message', 'errorMessage', 'error_msg', 'errmsg'] as const;

/**
 * Reads an envelope if there is one: an object with a `code` (number, string or boolean) or a boolean
 * `success`, next to a `data`/`result` payload or a message. Anything else is a bare body.
 */
export function readEnvelope(body: unknown, options: EnvelopeOptions = {}): Envelope {
  const object = asObject(body);
  if (!object) return { wrapped: false, ok: true, data: body };
  const hasCode = 'code' in object && ['number', 'string', 'boolean'].includes(typeof object.code);
  const hasSuccess = typeof object.success === 'boolean';
  const payloadKey = 'data' in object ? 'data' : 'result' in object ? 'result' : undefined;
  const message = firstText(object, messageKeys);
  if (!hasCode && !hasSuccess) return { wrapped: false, ok: true, data: body };
  // A task object that happens to carry a `code` (a failed task's error code) is not an envelope: an
  // envelope carries no status word of its own.
  if (['status', 'state', 'task_status'].some((key) => typeof object[key] === 'string')) {
    return { wrapped: false, ok: true, data: body };
  }
  if (payloadKey === undefined && message === undefined) return { wrapped: false, ok: true, data: body };
  const ok = hasSuccess ? object.success === true : isSuccessCode(object.code, options);
  const code = textOf(object.code);
  const payload = payloadKey === undefined ? object : object[payloadKey];
  return {
    wrapped: true,
    ok,
    ...(code === undefined ? {} : { code }),
    ...(message === undefined ? {} : { message }),
    data: payload === null || payload === undefined ? object : payload,
  };
}
