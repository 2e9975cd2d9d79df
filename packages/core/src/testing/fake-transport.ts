// One HTTP double for every test: a `fetch` that records each request and answers from a queue or a
// handler, never touching the network; and `wireResponse()` for feeding an adapter's readers directly.
import type { WireResponse } from '../http/transport.js';

export interface FakeAnswer {
  readonly status: number;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent verbatim (HTML pages, malformed JSON); wins over `body`. */
  readonly text?: string;
  readonly headers?: Record<string, string>;
}

export interface FakeExchange {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  /** The request body parsed as JSON when it is JSON, else the text; `undefined` when there is none. */
  readonly body: unknown;
}

export interface FakeTransport {
  /** Pass as `createClient({ fetch })`. */
  readonly fetch: typeof fetch;
  /** Every request, in order. */
  readonly sent: FakeExchange[];
  /** Queues more answers. */
  answer(...answers: FakeAnswer[]): void;
}

const jsonHeaders = { 'content-type': 'application/json' };

function toResponse(answer: FakeAnswer): Response {
  const text = answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
  // 204/304 may carry no body at all.
  const body = answer.status === 204 || answer.status === 304 ? null : text;
  return new Response(body, { status: answer.status, headers: { ...jsonHeaders, ...answer.headers } });
}

/**
 * A recording `fetch`. Answers come from `handler` when given, else from the queue in order; a request
 * with nothing left to answer it fails the test loudly.
 */
export function createFakeTransport(
  answers: readonly FakeAnswer[] = [],
  handler?: (exchange: FakeExchange) => FakeAnswer | undefined,
): FakeTransport {
  const queue = [...answers];
  const sent: FakeExchange[] = [];
  const fakeFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const text = request.body ? await request.text() : undefined;
    let body: unknown = text;
    if (text !== undefined) {
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text
      }
    }
    const exchange: FakeExchange = {
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body,
    };
    sent.push(exchange);
    const answer = handler?.(exchange) ?? queue.shift();
    if (!answer) throw new Error(`fake transport: no answer left for ${request.method} ${request.url}`);
    return toResponse(answer);
  };
  return { fetch: fakeFetch as typeof fetch, sent, answer: (...more) => queue.push(...more) };
}

/** A wire response as core hands it to an adapter's readers. */
export function wireResponse(
  status: number,
  body?: unknown,
  options: { text?: string; headers?: Record<string, string>; url?: string } = {},
): WireResponse {
  return {
    status,
    headers: new Headers({ ...jsonHeaders, ...options.headers }),
    text: options.text ?? (body === undefined ? '' : JSON.stringify(body)),
    url: options.url ?? 'https://provider.test/',
  };
}
