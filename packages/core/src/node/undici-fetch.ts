import { Readable } from 'node:stream';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Agent, type Dispatcher, interceptors, request as undiciRequest } from 'undici';

export interface UndiciFetchOptions {
  /** Sockets per origin in this fetch's keep-alive pool. Default 32 (core's `requestsInFlight` default). */
  connections?: number;
  /** How long an idle socket is kept for reuse. Default 4 000 ms (undici's). */
  keepAliveTimeoutMs?: number;
  /**
   * Bound on the wait for the response headers. Undici keeps these timers on one coarse shared
   * clock, so a bound costs no timer per request. Default 300 000 ms (undici's).
   */
  headersTimeoutMs?: number;
  /** Bound on each pause while the body arrives. Default 300 000 ms (undici's). */
  bodyTimeoutMs?: number;
}

/** A `fetch` on one undici keep-alive pool; `close()` ends the pool's sockets. */
export interface UndiciFetch {
  (input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** The bound on the response headers this fetch enforces itself (its caller need not time them). */
  readonly headersTimeoutMs: number;
  readonly dispatcher: Dispatcher;
  close(): Promise<void>;
}

const undiciDefaultTimeoutMs = 300_000;
const maxRedirections = 20;
const nullBodyStatuses = new Set([101, 204, 205, 304]);

type BodyReadable = Dispatcher.ResponseData['body'];
type Decoder = (data: Buffer) => Buffer;

const decoders: Readonly<Record<string, Decoder>> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

const utf8 = new TextDecoder();
const ignore = () => undefined;

/**
 * The response of an `undici.request`: a real `Response` whose body methods read undici's Node
 * stream directly. Global fetch would wrap the body in a WHATWG stream and a second Request; on a
 * status read that bookkeeping costs more CPU than the request itself. `body` still gives a WHATWG
 * stream when asked for one.
 */
// Typed loosely: the DOM typings declare Response's members as fields, which TypeScript will not let
// a subclass redefine as accessors and methods; at run time they are prototype members like any.
const ResponseBase = Response as unknown as new (
  body: null,
  init: ResponseInit,
) => { readonly headers: Headers; readonly status: number; readonly statusText: string };

class UndiciResponse extends ResponseBase {
  readonly #source: BodyReadable | undefined;
  readonly #url: string;
  readonly #decode: Decoder | undefined;
  readonly #signal: AbortSignal | undefined;
  #web: ReadableStream<Uint8Array> | null | undefined;

  constructor(
    source: BodyReadable | undefined,
    init: ResponseInit,
    url: string,
    decode?: Decoder,
    signal?: AbortSignal,
  ) {
    super(null, init);
    this.#source = source;
    this.#url = url;
    this.#decode = decode;
    this.#signal = signal;
  }

  /** Failures while reading the body reject like fetch's: the abort reason, or `fetch failed`. */
  async #read<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (this.#signal?.aborted) throw abortReason(this.#signal);
      throw error instanceof TypeError ? error : fetchFailed(error);
    }
  }

  get url(): string {
    return this.#url;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#web === undefined) {
      const source = this.#source;
      if (!source) this.#web = null;
      else if (source.bodyUsed) {
        // Already being read through text() & co: a handle whose cancel() ends that read, so a
        // caller bounding the body (core's readBody) can stop it.
        return new ReadableStream<Uint8Array>({ cancel: (reason) => void source.destroy(reason) });
      } else if (!this.#decode) this.#web = source.body as unknown as ReadableStream<Uint8Array>;
      else {
        const decode = this.#decode;
        const decoded = Readable.from(
          (async function* () {
            yield decode(Buffer.from(await source.arrayBuffer()));
          })(),
        );
        this.#web = Readable.toWeb(decoded) as unknown as ReadableStream<Uint8Array>;
      }
    }
    return this.#web;
  }

  get bodyUsed(): boolean {
    if (this.#web) return this.#web.locked || (this.#source?.bodyUsed ?? false);
    return this.#source?.bodyUsed ?? false;
  }

  /** The whole body as bytes, decoded if the server compressed it. */
  #bytes(): Promise<Uint8Array> {
    return this.#read(() => this.#readBytes());
  }

  async #readBytes(): Promise<Uint8Array> {
    if (this.#web !== undefined) {
      // The stream was handed out (or teed by clone()): read through it like any Response.
      return new Uint8Array(await new Response(this.#web).arrayBuffer());
    }
    const source = this.#source;
    if (!source) return new Uint8Array(0);
    if (!this.#decode) return source.bytes();
    return this.#decode(Buffer.from(await source.arrayBuffer()));
  }

  async text(): Promise<string> {
    const source = this.#source;
    if (this.#web === undefined && source && !this.#decode) return this.#read(() => source.text());
    return utf8.decode(await this.#bytes());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#bytes();
    return bytes.buffer.byteLength === bytes.byteLength
      ? (bytes.buffer as ArrayBuffer)
      : (bytes.slice().buffer as ArrayBuffer);
  }

  bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#bytes() as Promise<Uint8Array<ArrayBuffer>>;
  }

  async blob(): Promise<Blob> {
    const type = this.headers.get('content-type') ?? '';
    return new Blob([(await this.#bytes()) as Uint8Array<ArrayBuffer>], { type });
  }

  async formData(): Promise<FormData> {
    const bytes = (await this.#bytes()) as Uint8Array<ArrayBuffer>;
    return new Response(bytes, { headers: this.headers }).formData();
  }

  clone(): Response {
    const stream = this.body;
    const init = { status: this.status, statusText: this.statusText, headers: this.headers };
    if (!stream) return new UndiciResponse(undefined, init, this.#url) as unknown as Response;
    const [mine, theirs] = stream.tee();
    this.#web = mine;
    return new UndiciResponse(undefined, init, this.#url).#adopt(theirs) as unknown as Response;
  }

  #adopt(stream: ReadableStream<Uint8Array>): this {
    this.#web = stream;
    return this;
  }
}

interface Outgoing {
  url: string;
  method: string;
  headers: string[];
  body: string | Uint8Array | undefined;
  signal: AbortSignal | undefined;
  redirect: RequestInit['redirect'];
}

function flatHeaders(headers: Headers): string[] {
  const flat: string[] = [];
  for (const [name, value] of headers) flat.push(name, value);
  return flat;
}

function isSimpleBody(body: unknown): body is string | Uint8Array | ArrayBuffer | null | undefined {
  return (
    body === undefined ||
    body === null ||
    typeof body === 'string' ||
    body instanceof Uint8Array ||
    body instanceof ArrayBuffer
  );
}

/** The request as undici wants it, from whatever a `fetch` caller passed (ky passes a `Request`). */
async function outgoing(input: string | URL | Request, init: RequestInit | undefined): Promise<Outgoing> {
  if (!(input instanceof Request) && isSimpleBody(init?.body)) {
    const given = new Headers(init?.headers);
    const raw = init?.body ?? undefined;
    const body = raw instanceof ArrayBuffer ? new Uint8Array(raw) : raw;
    if (typeof body === 'string' && !given.has('content-type')) {
      given.set('content-type', 'text/plain;charset=UTF-8');
    }
    const headers = flatHeaders(given);
    return {
      url: input instanceof URL ? input.href : String(input),
      method: (init?.method ?? 'GET').toUpperCase(),
      headers,
      body,
      signal: init?.signal ?? undefined,
      redirect: init?.redirect ?? 'follow',
    };
  }
  // Anything else (a Request, a stream, form data): let the platform's Request normalise it once.
  // ky passes its Request plus an init holding only options fetch does not know (usually `{}`).
  const request = input instanceof Request && !overridesRequest(init) ? input : new Request(input, init);
  return {
    url: request.url,
    method: request.method,
    headers: flatHeaders(request.headers),
    body: request.body === null ? undefined : await readRequestBody(request.body),
    signal: request.signal,
    redirect: request.redirect,
  };
}

const requestInitKeys = new Set([
  'method',
  'headers',
  'body',
  'signal',
  'redirect',
  'referrer',
  'referrerPolicy',
  'mode',
  'credentials',
  'cache',
  'integrity',
  'keepalive',
  'duplex',
  'priority',
  'window',
]);

function overridesRequest(init: RequestInit | undefined): boolean {
  if (!init) return false;
  for (const key in init) if (requestInitKeys.has(key)) return true;
  return false;
}

/**
 * Reads a request body and leaves its stream closed and unlocked, unlike `request.arrayBuffer()`
 * (locked): ky cancels the body of every request it sent, and cancelling a locked stream throws a
 * fresh error, with a stack, per call.
 */
async function readRequestBody(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.length;
    }
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Like global fetch: a network failure is `TypeError('fetch failed')` with the cause underneath. */
function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

/**
 * A `fetch` backed by `undici.request` on its own keep-alive pool, for API calls under ky. It keeps
 * fetch's contract where core relies on it (redirects followed, abort rejects with the signal's
 * reason, network failures as `TypeError('fetch failed')` with the socket error as `cause`) and skips
 * the WHATWG stream and Request bookkeeping global fetch does per call. It does not send
 * `accept-encoding`; a compressed answer is still decoded. Node only.
 */
export function createUndiciFetch(options: UndiciFetchOptions = {}): UndiciFetch {
  const headersTimeoutMs = options.headersTimeoutMs ?? undiciDefaultTimeoutMs;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? undiciDefaultTimeoutMs;
  const agent = new Agent({
    connections: options.connections ?? 32,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 4_000,
    pipelining: 1,
  });
  const dispatcher = agent.compose(interceptors.redirect());

  const undiciFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = await outgoing(input, init);
    const { signal } = request;
    if (signal?.aborted) throw abortReason(signal);
    let answer: Dispatcher.ResponseData<unknown>;
    try {
      answer = await undiciRequest(request.url, {
        method: request.method as Dispatcher.HttpMethod,
        headers: request.headers,
        body: request.body,
        dispatcher,
        headersTimeout: headersTimeoutMs,
        bodyTimeout: bodyTimeoutMs,
        ...(signal ? { signal } : {}),
        ...(request.redirect === 'follow' ? { maxRedirections } : {}),
      } as Parameters<typeof undiciRequest>[1]);
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      throw fetchFailed(error);
    }
    const status = answer.statusCode;
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      else if (value !== undefined) headers.append(name, value);
    }
    const noBody = nullBodyStatuses.has(status) || request.method === 'HEAD';
    if (noBody) answer.body.resume();
    const encoding = headers.get('content-encoding')?.trim().toLowerCase();
    const decode = encoding && encoding !== 'identity' ? decoders[encoding] : undefined;
    if (encoding && encoding !== 'identity' && !decode) {
      answer.body.destroy();
      throw fetchFailed(new Error(`unsupported content-encoding ${encoding}`));
    }
    const body = noBody ? undefined : answer.body;
    // A body nobody reads may still fail (a dropped socket): that must not be an unhandled 'error'.
    body?.on('error', ignore);
    const responseInit = { status, statusText: answer.statusText, headers };
    return new UndiciResponse(body, responseInit, request.url, decode, signal) as unknown as Response;
  };

  return Object.assign(undiciFetch, {
    headersTimeoutMs,
    dispatcher,
    close: () => agent.close(),
  });
}
