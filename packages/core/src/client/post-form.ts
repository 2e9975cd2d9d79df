import { checkBaseUrl } from '../http/base-url.js';
import { classifyNetworkError } from '../http/classify-network-error.js';
import type { WireResponse } from '../http/transport.js';

export interface PostFormOptions {
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/**
 * A `multipart/form-data` POST to a host the provider named (e.g. an object-storage upload URL from an
 * upload policy): https only (http on loopback), no API key and no client headers — the form carries its own
 * signed policy. Network failures become typed `WankitError`s; every HTTP status is returned.
 */
export async function postForm(url: string, form: FormData, options: PostFormOptions): Promise<WireResponse> {
  const target = checkBaseUrl(url);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await options.fetch(target, { method: 'POST', body: form, signal });
  } catch (error) {
    throw classifyNetworkError(error, {
      method: 'POST',
      url: target,
      ...(options.signal ? { signal: options.signal } : {}),
      timeoutMs: options.timeoutMs,
    });
  }
  return { status: response.status, headers: response.headers, text: await response.text(), url: target };
}
