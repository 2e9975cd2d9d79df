import type { ErrorKind } from '@wankit/core';
import type { components } from './generated/generate-task-wire.js';

type FailCode = components['schemas']['FailCode'];

/**
 * Task failure codes → neutral kinds (seed 004 and wire-formats §0.3, §3.7). The provider's list is truncated,
 * so a code outside this table is `provider_error` with the code kept.
 */
export const generateTaskFailCodeTable: Readonly<Record<FailCode, ErrorKind>> = {
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
const normalise = (code: string): string => code.toLowerCase().replace(/[^a-z0-9]/g, '');
const byNormalisedCode = new Map<string, ErrorKind>(
  Object.entries(generateTaskFailCodeTable).map(([code, kind]) => [normalise(code), kind]),
);

export function failCodeKind(failCode: string | undefined): ErrorKind {
  if (failCode === undefined) return 'provider_error';
  return byNormalisedCode.get(normalise(failCode)) ?? 'provider_error';
}

// Words that tie a 403 to content moderation (the newer errors page) rather than a key lacking permission
// (the older page); wire-formats §0.3.
const contentWords = /content|safety|sensitive|moderat|nsfw|violat|prohibit/i;

/**
 * An HTTP status or envelope `code` → neutral kind (wire-formats §0.3, §3.7). Codes the provider does not
 * document (408, 409, other 4xx/5xx) follow their HTTP meaning.
 */
export function responseCodeKind(code: number, message: string): ErrorKind {
  switch (code) {
    case 400:
    case 422:
      return 'invalid_request';
    case 401:
      return 'authentication';
    case 402:
      return 'insufficient_balance';
    case 403:
      return contentWords.test(message) ? 'content_policy' : 'authentication';
    case 404:
      return 'not_found';
    case 408:
      return 'timeout';
    case 429:
      return 'rate_limited';
    default:
      return code >= 500 ? 'provider_error' : 'invalid_request';
  }
}
