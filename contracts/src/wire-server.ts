import nock from 'nock';
import type { FixtureRequest, FixtureResponse } from './fixture-format.js';

/** One request the adapter sent, as the server saw it. */
export interface CapturedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly bodyText: string;
}

export interface WireServer {
  /** Every request received, in order (including unexpected extra ones, answered 599). */
  readonly captured: CapturedRequest[];
}

/**
 * Answers the next requests to `baseUrl` with `responses`, in order, whatever their method and path, and
 * records each request. Matching nothing loosely lets the suite compare the exact request itself and say
 * what differed, instead of nock's bare "no match".
 */
export function serveWire(baseUrl: string, responses: readonly FixtureResponse[]): WireServer {
  const captured: CapturedRequest[] = [];
  const queue = [...responses];
  const reply = function (this: nock.ReplyFnContext, uri: string, body: nock.Body): nock.ReplyFnResult {
    const url = new URL(uri, baseUrl);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(this.req.headers)) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    captured.push({
      method: this.req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      bodyText: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const next = queue.shift();
    if (!next) return [599, 'contract suite: no response planned for this request'];
    return toReply(next);
  };
  const scope = nock(baseUrl).persist();
  scope.intercept(() => true, 'GET').reply(reply);
  scope.intercept(() => true, 'POST').reply(reply);
  return { captured };
}

function toReply(response: FixtureResponse): nock.ReplyFnResult {
  const headers: Record<string, string> = { ...response.headers };
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  if (response.body !== undefined) {
    if (!hasContentType) headers['content-type'] = 'application/json';
    return [response.status, JSON.stringify(response.body), headers];
  }
  return [response.status, response.bodyText ?? '', headers];
}

/** Compares a captured request with the fixture's expected request: method, path, query and (when given) body. */
export function describeRequest(request: CapturedRequest): {
  method: string;
  path: string;
  query: Record<string, string>;
} {
  return { method: request.method, path: request.path, query: request.query };
}

export function expectedRequestLine(expected: FixtureRequest): {
  method: string;
  path: string;
  query: Record<string, string>;
} {
  return { method: expected.method, path: expected.path, query: { ...expected.query } };
}

/** Parses a captured JSON body; `undefined` for an empty body, the raw text when it is not JSON. */
export function capturedJson(request: CapturedRequest): unknown {
  if (request.bodyText === '') return undefined;
  try {
    return JSON.parse(request.bodyText) as unknown;
  } catch {
    return request.bodyText;
  }
}

/** Paths (like `input.seed`) of every `null` inside a wire body: left-out fields must be left out. */
export function nullPaths(value: unknown, path = ''): string[] {
  if (value === null) return [path || '(root)'];
  if (Array.isArray(value)) return value.flatMap((item, index) => nullPaths(item, `${path}[${index}]`));
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
      nullPaths(item, path ? `${path}.${key}` : key),
    );
  }
  return [];
}

export function resetWire(): void {
  nock.cleanAll();
}

export function blockNetwork(): void {
  nock.disableNetConnect();
}

export function allowNetwork(): void {
  nock.enableNetConnect();
}
