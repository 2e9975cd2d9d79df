import { asObject, firstText } from './json-object.js';

// Fields real APIs put a human reason in, in the order they are trusted.
const messageKeys = [
  'message',
  'error_message',
  'errorMessage',
  'error_msg',
  'msg',
  'errmsg',
  'fail_reason',
  'failReason',
  'failMsg',
  'fail_msg',
  'reason',
  'detail',
  'description',
] as const;
const codeKeys = ['code', 'error_code', 'errorCode', 'failCode', 'fail_code', 'err_code'] as const;

/**
 * The provider's reason, from every field real APIs use: `message`, `error_message`, `msg`,
 * `fail_reason`, `failMsg`, a string `error`, `error.message`, `status.message`, …
 */
export function readMessage(value: unknown): string | undefined {
  const object = asObject(value);
  if (!object) return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  return (
    firstText(object, messageKeys) ??
    (typeof object.error === 'string' && object.error.trim() ? object.error.trim() : undefined) ??
    firstText(object.error, messageKeys) ??
    firstText(object.status, ['message', 'msg'])
  );
}

/** The provider's error code as a string (codes come as numbers or strings): `code`, `error.code`, … */
export function readCode(value: unknown): string | undefined {
  const object = asObject(value);
  if (!object) return undefined;
  return (
    firstText(object, codeKeys) ?? firstText(object.error, codeKeys) ?? firstText(object.status, ['code'])
  );
}
