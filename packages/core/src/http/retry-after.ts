/**
 * Reads the server's advised wait from response headers, in milliseconds: `retry-after-ms` (a
 * de-facto extension some gateways send) first, then `Retry-After` as delta-seconds or an HTTP date
 * (RFC 9110 §10.2.3), the date taken relative to `nowMs` (the client clock). `undefined` when absent
 * or unreadable; never negative.
 */
export function parseRetryAfter(headers: Headers, nowMs: number): number | undefined {
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null && /^\s*\d+(\.\d+)?\s*$/.test(milliseconds)) {
    return Math.max(0, Math.round(Number(milliseconds)));
  }
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.max(0, Math.round(Number(trimmed) * 1000));
  // Only date-shaped values: Date.parse also accepts bare numbers and odd strings.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
