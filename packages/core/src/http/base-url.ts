import { redactSecrets } from '../errors/redact.js';
import { WankitError } from '../errors/wankit-error.js';

/** localhost, ::1 or 127.0.0.0/8. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Checks a provider base URL: https anywhere, plain http only on loopback (the simulator, a local
 * proxy) unless `allowInsecureHttp` is set, since the API key travels in a header.
 * Returns the URL without trailing slashes.
 */
export function checkBaseUrl(baseUrl: string, options: { allowInsecureHttp?: boolean } = {}): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new WankitError({
      kind: 'invalid_request',
      message: `the base URL "${redactSecrets(baseUrl)}" is not an absolute URL`,
      field: 'baseUrl',
      value: redactSecrets(baseUrl),
      allowed: ['an absolute https:// URL', 'http:// on loopback'],
    });
  }
  // Credentials in a URL end up in journals, refs, logs and error messages: refuse them outright.
  if (url.username !== '' || url.password !== '') {
    throw new WankitError({
      kind: 'invalid_request',
      message:
        `the base URL ${redactSecrets(baseUrl)} carries credentials (user:password@), which would be stored in ` +
        'the journal and task refs: remove them and give the key separately',
      field: 'baseUrl',
      value: redactSecrets(baseUrl),
      allowed: ['a URL without user:password@'],
      hint: { option: 'apiKey' },
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new WankitError({
      kind: 'invalid_request',
      message: `the base URL must use https: (${redactSecrets(baseUrl)} uses ${url.protocol})`,
      field: 'baseUrl',
      value: baseUrl,
      allowed: ['https:', 'http: on loopback'],
    });
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !options.allowInsecureHttp) {
    throw new WankitError({
      kind: 'invalid_request',
      message: `the base URL ${redactSecrets(baseUrl)} uses plain http:, which would send the API key unencrypted`,
      field: 'baseUrl',
      value: redactSecrets(baseUrl),
      allowed: ['https:', 'http: on loopback'],
      hint: { option: 'allowInsecureHttp' },
    });
  }
  return baseUrl.replace(/\/+$/, '');
}

/** Joins a base URL and a request path (with or without a leading slash) plus a query. */
export function joinUrl(baseUrl: string, path: string, query?: Readonly<Record<string, string>>): string {
  const url = `${baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
  if (!query) return url;
  const search = new URLSearchParams(query).toString();
  if (search === '') return url;
  return `${url}${url.includes('?') ? '&' : '?'}${search}`;
}
