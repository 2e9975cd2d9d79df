// undici talks to sockets directly (nock does not see it): every test runs a loopback server on port 0.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { WankitError } from '../errors/wankit-error.js';
import { createHttpTransport } from '../http/create-transport.js';
import { createUndiciFetch, type UndiciFetch } from './undici-fetch.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const servers: Server[] = [];
const fetches: UndiciFetch[] = [];

afterEach(async () => {
  for (const f of fetches.splice(0)) await f.close();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
});

async function serve(handler: (request: IncomingMessage, response: ServerResponse, seen: Seen) => void) {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(entry);
      handler(request, response, entry);
    });
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, seen };
}

function undiciFetch(options?: Parameters<typeof createUndiciFetch>[0]): UndiciFetch {
  const created = createUndiciFetch(options);
  fetches.push(created);
  return created;
}

/** A port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function wankitError(promise: Promise<unknown>): Promise<WankitError> {
  const error = await caught(promise);
  if (WankitError.isInstance(error)) return error;
  throw error;
}

describe('createUndiciFetch', () => {
  it('sends a URL + init request and reads status, headers, url and body', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(201, 'Made', { 'content-type': 'application/json', 'x-request-id': 'r1' });
      response.end('{"ok":true}');
    });
    const f = undiciFetch();
    const response = await f(`${server.base}/v1/tasks?x=1`, {
      method: 'post',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: '{"prompt":"a cat"}',
    });
    expect([response.status, response.statusText, response.ok]).toEqual([201, 'Made', true]);
    expect(response.headers.get('x-request-id')).toBe('r1');
    expect(response.url).toBe(`${server.base}/v1/tasks?x=1`);
    expect(response).toBeInstanceOf(Response);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.bodyUsed).toBe(true);
    expect(server.seen).toEqual([
      expect.objectContaining({ method: 'POST', url: '/v1/tasks?x=1', body: '{"prompt":"a cat"}' }),
    ]);
    expect(server.seen[0]?.headers.authorization).toBe('Bearer k');
    expect(server.seen[0]?.headers['content-type']).toBe('application/json');
  });

  it('takes a Request as ky hands it (with an init of unknown options only), body included', async () => {
    const server = await serve((_request, response) => response.end('done'));
    const f = undiciFetch();
    const request = new Request(`${server.base}/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '{"a":1}',
    });
    const response = await f(request, { someVendorOption: true } as RequestInit);
    expect(await response.text()).toBe('done');
    expect(server.seen[0]).toMatchObject({ method: 'POST', url: '/create', body: '{"a":1}' });
    expect(server.seen[0]?.headers.accept).toBe('application/json');
  });

  it('reuses keep-alive connections for sequential requests', async () => {
    const ports = new Set<number>();
    const server = await serve((request, response) => {
      ports.add(request.socket.remotePort ?? 0);
      response.end('x');
    });
    const f = undiciFetch();
    for (let i = 0; i < 6; i++) await (await f(`${server.base}/s`)).text();
    // The next request may start a moment before undici has put the previous socket back: two at most.
    expect(ports.size).toBeLessThanOrEqual(2);
  });

  it('gives a WHATWG body stream when asked, and clones', async () => {
    const server = await serve((_request, response) => response.end('stream me'));
    const f = undiciFetch();
    const response = await f(`${server.base}/s`);
    const copy = response.clone();
    expect(response.body).toBeInstanceOf(ReadableStream);
    expect(await new Response(response.body).text()).toBe('stream me');
    expect(await copy.text()).toBe('stream me');
  });

  it('has no body for 204 and HEAD', async () => {
    const server = await serve((request, response) => {
      response.writeHead(request.method === 'HEAD' ? 200 : 204, { 'content-length': '0' });
      response.end();
    });
    const f = undiciFetch();
    const empty = await f(`${server.base}/a`, { method: 'DELETE' });
    expect([empty.status, empty.body, await empty.text()]).toEqual([204, null, '']);
    const head = await f(`${server.base}/a`, { method: 'HEAD' });
    expect([head.status, head.body]).toEqual([200, null]);
  });

  it('decodes a gzip body the server sent anyway', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-encoding': 'gzip' });
      response.end(gzipSync('{"zipped":1}'));
    });
    const f = undiciFetch();
    expect(server.seen).toEqual([]);
    expect(await (await f(`${server.base}/z`)).json()).toEqual({ zipped: 1 });
    expect(server.seen[0]?.headers['accept-encoding']).toBeUndefined();
  });

  it('follows redirects like fetch, and returns them with redirect: manual', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/old') {
        response.writeHead(302, { location: '/new' });
        response.end();
      } else response.end(`at ${request.url}`);
    });
    const f = undiciFetch();
    expect(await (await f(`${server.base}/old`)).text()).toBe('at /new');
    const manual = await f(`${server.base}/old`, { redirect: 'manual' });
    expect([manual.status, manual.headers.get('location')]).toEqual([302, '/new']);
  });

  it('rejects with the abort reason, before sending or in flight', async () => {
    const server = await serve(() => undefined);
    const f = undiciFetch();
    const early = new AbortController();
    early.abort(new Error('stop early'));
    expect(await caught(f(`${server.base}/a`, { signal: early.signal }))).toBe(early.signal.reason);
    expect(server.seen).toEqual([]);

    const late = new AbortController();
    const pending = f(`${server.base}/b`, { signal: late.signal });
    while (server.seen.length === 0) await new Promise((done) => setTimeout(done, 5));
    late.abort();
    const error = (await caught(pending)) as DOMException;
    expect(error.name).toBe('AbortError');
  });

  it('reports a refused connection as fetch does: TypeError with the socket error as cause', async () => {
    const port = await closedPort();
    const f = undiciFetch();
    const error = (await caught(f(`http://127.0.0.1:${port}/x`))) as TypeError & { cause: { code: string } };
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('fetch failed');
    expect(error.cause.code).toBe('ECONNREFUSED');
  });

  it('times the response headers itself and says so', async () => {
    const server = await serve(() => undefined);
    const f = undiciFetch({ headersTimeoutMs: 50 });
    expect(f.headersTimeoutMs).toBe(50);
    const error = (await caught(f(`${server.base}/slow`))) as TypeError & { cause: { code: string } };
    expect(error.message).toBe('fetch failed');
    expect(error.cause.code).toBe('UND_ERR_HEADERS_TIMEOUT');
  });
});

describe('createHttpTransport over createUndiciFetch', () => {
  const transportOn = (base: string, f: UndiciFetch, timeoutMs?: number) =>
    createHttpTransport({ baseUrl: base, apiKey: 'sk-undici-test', fetch: f, timeoutMs });

  it('sends JSON through ky and reads the answer', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"task_id":"t1"}');
    });
    const transport = transportOn(server.base, undiciFetch());
    const response = await transport.send({
      method: 'POST',
      path: '/v1/tasks',
      query: { mode: 'async' },
      json: { prompt: 'a cat' },
      purpose: 'create',
    });
    expect([response.status, response.text, response.url]).toEqual([
      200,
      '{"task_id":"t1"}',
      `${server.base}/v1/tasks?mode=async`,
    ]);
    expect(server.seen[0]).toMatchObject({ method: 'POST', body: '{"prompt":"a cat"}' });
    expect(server.seen[0]?.headers.authorization).toBe('Bearer sk-undici-test');
  });

  it('a refused connection is a network error with requestSent false', async () => {
    const port = await closedPort();
    const transport = transportOn(`http://127.0.0.1:${port}`, undiciFetch());
    const error = await wankitError(
      transport.send({ method: 'POST', path: '/c', json: {}, purpose: 'create' }),
    );
    expect([error.kind, error.requestSent]).toEqual(['network', false]);
  });

  it('a connection reset after the request was sent is a network error, requestSent unknown', async () => {
    const server = await serve((request) => request.socket.destroy());
    const transport = transportOn(server.base, undiciFetch());
    const error = await wankitError(
      transport.send({ method: 'POST', path: '/c', json: {}, purpose: 'create' }),
    );
    expect([error.kind, error.requestSent]).toEqual(['network', 'unknown']);
  });

  it('a body cut off after the headers is a network error with requestSent true and the status', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.write('{"partial":', () => setImmediate(() => response.socket?.destroy()));
    });
    const transport = transportOn(server.base, undiciFetch());
    const error = await wankitError(transport.send({ method: 'GET', path: '/s', purpose: 'read' }));
    expect([error.kind, error.requestSent, error.httpStatus]).toEqual(['network', true, 200]);
  });

  it.each([
    ['undici', () => undiciFetch()],
    ['global', () => globalThis.fetch],
  ] as const)(
    'a body that stalls after the headers is a timeout with requestSent true (%s fetch)',
    async (_name, make) => {
      const server = await serve((_request, response) => {
        response.writeHead(200, { 'content-length': '100' });
        response.write('{"partial":');
      });
      // Long enough that the headers (sent at once) arrive first even on a busy machine; the body never does.
      const transport = createHttpTransport({ baseUrl: server.base, fetch: make(), timeoutMs: 1_500 });
      const error = await wankitError(transport.send({ method: 'GET', path: '/s', purpose: 'read' }));
      expect([error.kind, error.requestSent, error.httpStatus]).toEqual(['timeout', true, 200]);
      expect(error.message).toBe(
        `GET ${server.base}/s sent HTTP 200 but its body did not arrive within 1500 ms`,
      );
    },
  );

  it("the fetch's own headers timeout is a timeout error, requestSent unknown", async () => {
    const server = await serve(() => undefined);
    const transport = transportOn(server.base, undiciFetch({ headersTimeoutMs: 50 }), 60_000);
    const error = await wankitError(transport.send({ method: 'GET', path: '/s', purpose: 'read' }));
    expect([error.kind, error.requestSent]).toEqual(['timeout', 'unknown']);
  });

  it('ky still times a request when the fetch bounds headers later than the transport timeout', async () => {
    const server = await serve(() => undefined);
    const transport = transportOn(server.base, undiciFetch({ headersTimeoutMs: 60_000 }), 50);
    const error = await wankitError(transport.send({ method: 'GET', path: '/s', purpose: 'read' }));
    expect([error.kind, error.requestSent]).toEqual(['timeout', 'unknown']);
    expect(error.message).toBe(`GET ${server.base}/s got no response within 50 ms`);
  });

  it('an abort in flight is aborted with requestSent unknown; before sending, requestSent false', async () => {
    const server = await serve(() => undefined);
    const transport = transportOn(server.base, undiciFetch());
    const early = new AbortController();
    early.abort();
    const before = await wankitError(
      transport.send({ method: 'POST', path: '/c', json: {}, purpose: 'create' }, { signal: early.signal }),
    );
    expect([before.kind, before.requestSent]).toEqual(['aborted', false]);

    const late = new AbortController();
    const pending = transport.send(
      { method: 'POST', path: '/c', json: {}, purpose: 'create' },
      { signal: late.signal },
    );
    while (server.seen.length === 0) await new Promise((done) => setTimeout(done, 5));
    late.abort();
    const during = await wankitError(pending);
    expect([during.kind, during.requestSent]).toEqual(['aborted', 'unknown']);
  });
});
