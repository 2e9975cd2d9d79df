import { redactHeaders, redactSecrets } from '../errors/redact.js';

/** A minimal logging hook; every method is optional. `console` fits. */
export interface Logger {
  debug?(message: string, data?: Record<string, unknown>): void;
  info?(message: string, data?: Record<string, unknown>): void;
  warn?(message: string, data?: Record<string, unknown>): void;
  error?(message: string, data?: Record<string, unknown>): void;
}

const maxLoggedBody = 2_000;

// Redact before clipping: a secret cut in two at the clip point would no longer match.
function bodyForLog(body: string): string {
  const redacted = redactSecrets(body);
  return redacted.length > maxLoggedBody
    ? `${redacted.slice(0, maxLoggedBody)}…(${redacted.length} chars)`
    : redacted;
}

export function logRequest(
  logger: Logger | undefined,
  data: { method: string; url: string; headers: Record<string, string>; body?: string },
): void {
  if (!logger?.debug) return;
  logger.debug('http request', {
    method: data.method,
    url: redactSecrets(data.url),
    headers: redactHeaders(data.headers),
    ...(data.body === undefined ? {} : { body: bodyForLog(data.body) }),
  });
}

export function logResponse(
  logger: Logger | undefined,
  data: { method: string; url: string; status: number; headers: Headers; body: string; durationMs: number },
): void {
  if (!logger?.debug) return;
  const headers: Record<string, string> = {};
  data.headers.forEach((value, name) => {
    headers[name] = value;
  });
  logger.debug('http response', {
    method: data.method,
    url: redactSecrets(data.url),
    status: data.status,
    durationMs: data.durationMs,
    headers: redactHeaders(headers),
    body: bodyForLog(data.body),
  });
}

/** An exchange that got no HTTP answer (refused, reset, timed out): the same event stream sees it. */
export function logFailure(
  logger: Logger | undefined,
  data: { method: string; url: string; durationMs: number; kind: string; message: string },
): void {
  if (!logger?.debug) return;
  logger.debug('http failure', {
    method: data.method,
    url: redactSecrets(data.url),
    durationMs: data.durationMs,
    kind: data.kind,
    message: redactSecrets(data.message),
  });
}
