import ky from 'ky';
import { redactHeaders, registerSecret } from '../errors/redact.js';
import { WankitError } from '../errors/wankit-error.js';
import { checkBaseUrl, joinUrl } from './base-url.js';
import { classifyNetworkError } from './classify-network-error.js';
import { type Logger, logFailure, logRequest, logResponse } from './logger.js';
import type { HttpTransport, WireRequest, WireResponse } from './transport.js';

export interface HttpTransportOptions {
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>` and registered as a secret (never logged). */
  apiKey?: string;
  /** A fetch implementation; defaults to the global one (which nock intercepts in tests). */
  fetch?: typeof fetch;
  /** Per-request timeout covering the response headers and the body, default 30 000 ms. */
  timeoutMs?: number;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Allow `http://` on a non-loopback host. Default false. */
  allowInsecureHttp?: boolean;
  logger?: Logger;
  userAgent?: string;
}

export interface SendOptions {
  signal?: AbortSignal;
}

/** A transport that also takes a per-call abort signal. */
export interface CoreHttpTransport extends HttpTransport {
  readonly baseUrl: string;
  send(request: WireRequest, options?: SendOptions): Promise<WireResponse>;
  /** What `send` would put on the wire for `request`, with the key redacted: a dry run. */
  describe(request: WireRequest): {
    method: WireRequest['method'];
    url: string;
    headers: Record<string, string>;
    body: unknown;
  };
}

export const defaultRequestTimeoutMs = 30_000;

/**
 * The one place wankit talks HTTP. ky does the request with its own retries off (core retries on the
 * client clock) and HTTP errors returned, not thrown; everything ky or fetch throws becomes a
 * WankitError here.
 */
export function createHttpTransport(options: HttpTransportOptions): CoreHttpTransport {
  const baseUrl = checkBaseUrl(options.baseUrl, { allowInsecureHttp: options.allowInsecureHttp });
  const timeoutMs = options.timeoutMs ?? defaultRequestTimeoutMs;
  registerSecret(options.apiKey);
  const http = ky.create({
    retry: 0,
    throwHttpErrors: false,
    timeout: boundsHeadersWithin(options.fetch, timeoutMs) ? false : timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const fixedHeaders: Record<string, string> = {
    accept: 'application/json',
    'user-agent': options.userAgent ?? 'wankit',
    ...options.headers,
  };

  const headersOf = (request: WireRequest, hasBody: boolean): Record<string, string> => {
    const headers: Record<string, string> = { ...fixedHeaders, ...request.headers };
    if (hasBody) headers['content-type'] = 'application/json';
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    return headers;
  };

  return {
    baseUrl,
    describe(request) {
      return {
        method: request.method,
        url: joinUrl(baseUrl, request.path, request.query),
        headers: redactHeaders(headersOf(request, request.json !== undefined)),
        body: request.json,
      };
    },
    async send(request, sendOptions = {}) {
      const { signal } = sendOptions;
      const url = joinUrl(baseUrl, request.path, request.query);
      const body = request.json === undefined ? undefined : JSON.stringify(request.json);
      const headers = headersOf(request, body !== undefined);
      logRequest(options.logger, { method: request.method, url, headers, body });

      // Aborted before anything left: provably not sent, so a create stays safe to send again.
      if (signal?.aborted) {
        throw new WankitError({
          kind: 'aborted',
          message: `${request.method} ${url} was aborted before it was sent`,
          requestSent: false,
          cause: signal.reason,
        });
      }
      const started = performance.now();
      const context = { method: request.method, url, signal, timeoutMs };
      const failed = (error: unknown) => {
        logFailure(options.logger, {
          method: request.method,
          url,
          durationMs: Math.round(performance.now() - started),
          kind: WankitError.isInstance(error) ? error.kind : 'network',
          message: error instanceof Error ? error.message : String(error),
        });
        return error;
      };
      let response: Response;
      try {
        response = await http(url, { method: request.method, headers, body, signal });
      } catch (error) {
        throw failed(classifyNetworkError(error, context));
      }
      let text: string;
      try {
        text = await readBody(response, timeoutMs - (performance.now() - started), context);
      } catch (error) {
        throw failed(error);
      }
      const durationMs = Math.round(performance.now() - started);
      logResponse(options.logger, {
        method: request.method,
        url,
        status: response.status,
        headers: response.headers,
        body: text,
        durationMs,
      });
      return { status: response.status, headers: response.headers, text, url };
    },
  };
}

/**
 * Whether `fetch` times the response headers itself within `timeoutMs` (`createUndiciFetch` says so
 * with `headersTimeoutMs`): ky's own timer, a Promise and a setTimeout per request, is then redundant.
 */
function boundsHeadersWithin(fetchImpl: typeof fetch | undefined, timeoutMs: number): boolean {
  const bound = (fetchImpl as { headersTimeoutMs?: unknown } | undefined)?.headersTimeoutMs;
  return typeof bound === 'number' && bound > 0 && bound <= timeoutMs;
}

// ky's timeout ends when the headers arrive; a body that stalls afterwards is bounded here.
async function readBody(
  response: Response,
  remainingMs: number,
  context: { method: string; url: string; signal?: AbortSignal; timeoutMs: number },
): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        void response.body?.cancel().catch(() => undefined);
        reject(
          new WankitError({
            kind: 'timeout',
            message: `${context.method} ${context.url} sent HTTP ${response.status} but its body did not arrive within ${context.timeoutMs} ms`,
            httpStatus: response.status,
            requestSent: true,
          }),
        );
      },
      Math.max(1, remainingMs),
    );
  });
  try {
    return await Promise.race([response.text(), stalled]);
  } catch (error) {
    if (WankitError.isInstance(error)) throw error;
    const classified = classifyNetworkError(error, context);
    // The server answered, so the request was certainly sent.
    throw classified.with({ requestSent: true, httpStatus: response.status });
  } finally {
    clearTimeout(timer);
  }
}
