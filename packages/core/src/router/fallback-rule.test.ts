import { describe, expect, it } from 'vitest';
import { WankitError, type WankitErrorOptions } from '../errors/wankit-error.js';
import { fallbackRuleOf } from './fallback-rule.js';

const error = (options: Omit<WankitErrorOptions, 'message'>) => new WankitError({ message: 'x', ...options });

describe('fallbackRuleOf', () => {
  it.each([
    [{ kind: 'rate_limited', httpStatus: 429 }, 'rate_limited'],
    [{ kind: 'provider_error', httpStatus: 503 }, 'unavailable'],
    [{ kind: 'network', requestSent: false }, 'not_sent'],
    [{ kind: 'authentication', httpStatus: 401 }, 'authentication'],
    [{ kind: 'insufficient_balance', httpStatus: 402 }, 'insufficient_balance'],
    [{ kind: 'not_found', httpStatus: 404 }, 'not_served'],
    [{ kind: 'unsupported', field: 'model' }, 'not_served'],
  ] as const)('%j may move on: %s', (options, rule) => {
    expect(fallbackRuleOf(error(options))).toBe(rule);
  });

  it.each([
    { kind: 'submit_uncertain', requestSent: 'unknown' },
    { kind: 'timeout', requestSent: 'unknown' },
    { kind: 'network', requestSent: 'unknown' },
    { kind: 'network', requestSent: true },
    { kind: 'aborted', requestSent: 'unknown' },
    { kind: 'aborted', requestSent: false },
    { kind: 'provider_error', httpStatus: 500 },
    { kind: 'provider_error', httpStatus: 502 },
    { kind: 'invalid_response', httpStatus: 200 },
    { kind: 'invalid_request', httpStatus: 400 },
    { kind: 'content_policy', httpStatus: 400 },
    { kind: 'journal' },
  ] as const)('%j never moves on', (options) => {
    expect(fallbackRuleOf(error(options))).toBeUndefined();
  });
});
