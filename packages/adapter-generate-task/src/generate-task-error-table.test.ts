import { describe, expect, it } from 'vitest';
import { failCodeKind, generateTaskFailCodeTable, responseCodeKind } from './generate-task-error-table.js';

describe('failCodeKind', () => {
  it.each([
    ['CONTENT_VIOLATION', 'content_policy'],
    ['NSFW_DETECTED', 'content_policy'],
    ['SensitiveContentDetected', 'content_policy'],
    ['InputImageSensitiveContentDetected', 'content_policy'],
    ['ProhibitedContentDetected', 'content_policy'],
    ['INVALID_IMAGE_URL', 'invalid_input_url'],
    ['IMAGE_DOWNLOAD_FAILED', 'invalid_input_url'],
    ['PROMPT_TOO_LONG', 'invalid_request'],
    ['PromptLengthExceeded', 'invalid_request'],
    ['IMAGE_TOO_LARGE', 'invalid_request'],
    ['UNSUPPORTED_FORMAT', 'invalid_request'],
    ['INSUFFICIENT_CREDITS', 'insufficient_balance'],
    ['PROCESSING_TIMEOUT', 'timeout'],
    ['MODEL_UNAVAILABLE', 'provider_error'],
    ['GENERATION_FAILED', 'provider_error'],
  ] as const)('%s → %s', (code, kind) => {
    expect(failCodeKind(code)).toBe(kind);
  });

  it('tolerates case and separators', () => {
    expect(failCodeKind('content_violation')).toBe('content_policy');
    expect(failCodeKind('ContentViolation')).toBe('content_policy');
    expect(failCodeKind('invalid-image-url')).toBe('invalid_input_url');
    expect(failCodeKind('sensitive_content')).toBe('content_policy');
  });

  it('maps unknown or missing codes to provider_error', () => {
    expect(failCodeKind('SOMETHING_NEW')).toBe('provider_error');
    expect(failCodeKind(undefined)).toBe('provider_error');
  });

  it('has one entry per documented code', () => {
    expect(Object.keys(generateTaskFailCodeTable)).toHaveLength(19);
  });
});

describe('responseCodeKind', () => {
  it.each([
    [400, '', 'invalid_request'],
    [401, '', 'authentication'],
    [402, '', 'insufficient_balance'],
    [403, 'Forbidden: key lacks permission', 'authentication'],
    [403, 'Content violates safety guidelines', 'content_policy'],
    [403, 'sensitive words in prompt', 'content_policy'],
    [404, '', 'not_found'],
    [408, '', 'timeout'],
    [409, '', 'invalid_request'],
    [429, '', 'rate_limited'],
    [500, '', 'provider_error'],
    [502, '', 'provider_error'],
    [503, '', 'provider_error'],
  ] as const)('%i %j → %s', (code, message, kind) => {
    expect(responseCodeKind(code, message)).toBe(kind);
  });
});
