// generateTask error signals → neutral error kinds: apixo's documented codes (seed 004; wire-formats.md §0.3,
// §3.7), kie's codes for the same envelope (its "Response Status Codes" list, docs.kie.ai market model pages,
// stored copy in the code index, id 68458271280), and DashScope codes forwarded by either.
import type { ErrorKind, TaskFailure } from '@wankit/core';
import { classifyUpstreamText, statusKind, upstreamCodeKind } from '@wankit/core/adapter';

/**
 * Task failure codes (`failCode`). The provider's list is truncated, so other codes occur: they fall through
 * to forwarded DashScope codes, the reason's words, a numeric code's HTTP meaning, then `provider_error`.
 */
const failCodes: Readonly<Record<string, ErrorKind>> = {
  CONTENT_VIOLATION: 'content_policy',
  NSFW_DETECTED: 'content_policy',
  SensitiveContent: 'content_policy',
  SensitiveContentDetected: 'content_policy',
  InputImageSensitiveContentDetected: 'content_policy',
  InputOutputSensitiveContentDetected: 'content_policy',
  NSFW: 'content_policy',
  ProhibitedContentDetected: 'content_policy',
  INVALID_IMAGE_URL: 'invalid_input_url',
  IMAGE_DOWNLOAD_FAILED: 'invalid_input_url',
  PROMPT_TOO_LONG: 'invalid_request',
  INVALID_PROMPT: 'invalid_request',
  PromptLengthExceeded: 'invalid_request',
  IMAGE_TOO_LARGE: 'invalid_request',
  UNSUPPORTED_FORMAT: 'invalid_request',
  INSUFFICIENT_CREDITS: 'insufficient_balance',
  PROCESSING_TIMEOUT: 'timeout',
  MODEL_UNAVAILABLE: 'provider_error',
  GENERATION_FAILED: 'provider_error',
};

// Both spellings occur (CONTENT_VIOLATION, SensitiveContent): compare on lower-case letters and digits only.
const squash = (code: string): string => code.toLowerCase().replace(/[^a-z0-9]/g, '');
const bySquashedCode = new Map(Object.entries(failCodes).map(([code, kind]) => [squash(code), kind]));

/**
 * Envelope codes beyond the HTTP defaults (kie's list): 433 a sub-key's spending limit, 451 an input image
 * it could not fetch, 455 maintenance, 501 a generation that failed, 505 a feature switched off.
 */
const envelopeCodes: Readonly<Record<number, ErrorKind>> = {
  433: 'insufficient_balance',
  451: 'invalid_input_url',
  455: 'provider_error',
  501: 'provider_error',
  505: 'unsupported',
};

// Words that tie a 403 to content moderation (apixo's newer errors page) rather than a key lacking permission
// (the older page); wire-formats.md §0.3.
const contentWords = /content|safety|sensitive|moderat|nsfw|violat|prohibit/i;

/** Per-status meanings for the wire-error reader; 422 differs between a create and a status read. */
export function generateTaskStatusKinds(
  read: 'create' | 'status',
): Readonly<Record<number, ErrorKind | ((message: string) => ErrorKind)>> {
  const kinds: Record<number, ErrorKind | ((message: string) => ErrorKind)> = {
    ...envelopeCodes,
    403: (message) => (contentWords.test(message) ? 'content_policy' : 'authentication'),
  };
  // kie answers a status read with 422 "recordInfo is null" until a fresh task becomes queryable; on a create
  // 422 is its validation error.
  if (read === 'status') kinds[422] = 'not_found';
  return kinds;
}

/** A refusal's code (forwarded DashScope codes) or, for a plain 400, the DashScope code or words in its text. */
export function generateTaskCodeKind(code: string | undefined, message: string, status: number) {
  const byCode = upstreamCodeKind(code);
  if (byCode !== undefined || status !== 400) return byCode;
  const upstream = classifyUpstreamText(message)?.kind;
  return upstream === 'content_policy' || upstream === 'invalid_input_url' ? upstream : undefined;
}

/** The HTTP-like meaning of a numeric code (`"500"`, 408), with kie's own codes. */
function numericKind(code: string | undefined): ErrorKind | undefined {
  const figure = Number(code);
  if (!Number.isInteger(figure) || figure < 400 || figure > 599) return undefined;
  return envelopeCodes[figure] ?? statusKind(figure, {}, '');
}

/**
 * A failed task's failure from its code (`failCode`, `errorCode`, or the envelope code when that is all there
 * is) and the provider's reason; a DashScope code leading the reason stands in for a missing code.
 */
export function generateTaskFailure(code: string | undefined, message: string | undefined): TaskFailure {
  const upstream = classifyUpstreamText([code, message].filter(Boolean).join(' '));
  const failureCode = code ?? (message === undefined ? undefined : classifyUpstreamText(message)?.code);
  const kind =
    (code === undefined ? undefined : bySquashedCode.get(squash(code))) ??
    upstreamCodeKind(code) ??
    upstream?.kind ??
    numericKind(code) ??
    'provider_error';
  return {
    kind,
    ...(failureCode === undefined ? {} : { code: failureCode }),
    message:
      message ?? (code === undefined ? 'the task failed without a reason' : `the task failed: ${code}`),
  };
}
