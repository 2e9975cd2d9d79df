import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after.js';

const now = Date.UTC(2026, 0, 1, 12, 0, 0);
const headers = (init: Record<string, string>) => new Headers(init);

describe('parseRetryAfter', () => {
  it('reads delta seconds', () => {
    expect(parseRetryAfter(headers({ 'Retry-After': '7' }), now)).toBe(7_000);
    expect(parseRetryAfter(headers({ 'Retry-After': ' 0 ' }), now)).toBe(0);
    expect(parseRetryAfter(headers({ 'Retry-After': '1.5' }), now)).toBe(1_500);
  });

  it('reads an HTTP date relative to the given clock, not the machine clock', () => {
    expect(parseRetryAfter(headers({ 'Retry-After': 'Thu, 01 Jan 2026 12:00:30 GMT' }), now)).toBe(30_000);
  });

  it('treats a date in the past as no wait', () => {
    expect(parseRetryAfter(headers({ 'Retry-After': 'Thu, 01 Jan 2026 11:59:00 GMT' }), now)).toBe(0);
  });

  it('prefers retry-after-ms', () => {
    expect(parseRetryAfter(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
  });

  it('ignores absent and unreadable values', () => {
    expect(parseRetryAfter(headers({}), now)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'Retry-After': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'Retry-After': '-5' }), now)).toBeUndefined();
  });
});
