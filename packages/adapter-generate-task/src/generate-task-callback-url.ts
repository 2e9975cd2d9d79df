import { WankitError } from '@wankit/core';

const loopbackHosts = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The provider POSTs results to a public HTTPS URL (wire-formats §3.4, §3.8). Plain http is accepted only for
 * a loopback host and only when the adapter was created with `allowLoopbackHttpCallbacks` (local simulator tests).
 */
export function checkCallbackUrl(url: string, allowLoopbackHttp: boolean): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw callbackError(url, 'is not a valid URL');
  }
  if (parsed.protocol === 'https:') return;
  if (parsed.protocol === 'http:' && loopbackHosts.test(parsed.hostname)) {
    if (allowLoopbackHttp) return;
    throw callbackError(
      url,
      'uses http; the provider calls back over HTTPS only (set allowLoopbackHttpCallbacks on the adapter for a local test server)',
    );
  }
  throw callbackError(url, 'must be an https URL the provider can reach');
}

function callbackError(url: string, problem: string): WankitError {
  // The URL carries a secret token in its query: name only its origin and path.
  let shown = '(unparsable)';
  try {
    const parsed = new URL(url);
    shown = `${parsed.origin}${parsed.pathname}`;
  } catch {}
  return new WankitError({
    kind: 'invalid_request',
    message: `callbackUrl ${shown} ${problem}`,
    field: 'callbackUrl',
    value: shown,
    allowed: ['https://…'],
  });
}
