import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WankitError } from '../errors/wankit-error.js';
import { createHttpTransport } from './create-transport.js';
import type { Logger } from './logger.js';

const apiKey = 'sk-transport-test-0123456789';
const base = 'https://api.example.test';

function recordingLogger() {
  const lines: { message: string; data?: Record<string, unknown> }[] = [];
  const logger: Logger = { debug: (message, data) => lines.push({ message, data }) };
  return { logger, lines };
}

async function caught(promise: Promise<unknown>): Promise<WankitError> {
  try {
    await promise;
  } catch (error) {
    if (WankitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('createHttpTransport', () => {
  it('sends the JSON body with a bearer key and returns the answer as is', async () => {
    const scope = nock(base, {
      reqheaders: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    })
      .post('/v1/tasks', { model: 'wan2_5', prompt: 'a cat' })
      .query({ mode: 'async' })
      .reply(200, { task_id: 't1' }, { 'x-request-id': 'r1' });
    const transport = createHttpTransport({ baseUrl: `${base}/`, apiKey });
    const response = await transport.send({
      method: 'POST',
      path: 'v1/tasks',
      query: { mode: 'async' },
      json: { model: 'wan2_5', prompt: 'a cat' },
      purpose: 'create',
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ task_id: 't1' });
    expect(response.headers.get('x-request-id')).toBe('r1');
    expect(response.url).toBe(`${base}/v1/tasks?mode=async`);
    expect(scope.isDone()).toBe(true);
  });

  it.each([400, 401, 404, 429, 500, 503])('returns HTTP %i instead of throwing', async (status) => {
    nock(base).get('/v1/tasks/t1').reply(status, '<html>error</html>', { 'content-type': 'text/html' });
    const transport = createHttpTransport({ baseUrl: base, apiKey });
    const response = await transport.send({ method: 'GET', path: '/v1/tasks/t1', purpose: 'read' });
    expect(response.status).toBe(status);
    expect(response.text).toBe('<html>error</html>');
  });

  it('sends no Authorization header without a key', async () => {
    nock(base, { badheaders: ['authorization'] })
      .get('/v1/ping')
      .reply(204);
    const transport = createHttpTransport({ baseUrl: base });
    const response = await transport.send({ method: 'GET', path: '/v1/ping', purpose: 'read' });
    expect(response).toMatchObject({ status: 204, text: '' });
  });

  it('logs requests and responses with the key, bearer tokens and callback tokens redacted', async () => {
    nock(base)
      .post('/v1/tasks')
      .reply(400, { message: `bad key ${apiKey}` });
    const { logger, lines } = recordingLogger();
    const transport = createHttpTransport({
      baseUrl: base,
      apiKey,
      logger,
      headers: { 'x-api-key': apiKey },
    });
    await transport.send({
      method: 'POST',
      path: '/v1/tasks',
      json: {
        callback_url: 'https://me.example/cb?wankit_task=k1&wankit_token=SECRETTOKEN',
        note: `Bearer ${apiKey}`,
      },
      purpose: 'create',
    });
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(apiKey);
    expect(logged).not.toContain('SECRETTOKEN');
    expect(lines.map((line) => line.message)).toEqual(['http request', 'http response']);
    expect(lines[0]?.data).toMatchObject({
      method: 'POST',
      url: `${base}/v1/tasks`,
      headers: { authorization: '[redacted]', 'x-api-key': '[redacted]' },
    });
    expect(lines[0]?.data?.body).toBe(
      '{"callback_url":"https://me.example/cb?wankit_task=k1&wankit_token=[redacted]","note":"Bearer [redacted]"}',
    );
    expect(lines[1]?.data).toMatchObject({ status: 400, body: '{"message":"bad key [redacted]"}' });
  });

  describe('base URL', () => {
    it('refuses http:// on a public host', () => {
      expect(() => createHttpTransport({ baseUrl: 'http://api.example.test', apiKey })).toThrow(
        expect.objectContaining({ kind: 'invalid_request', field: 'baseUrl' }),
      );
    });

    it.each(['http://127.0.0.1:8080', 'http://localhost:3000/api', 'http://[::1]:9000', 'http://127.5.6.7'])(
      'accepts loopback %s',
      (baseUrl) => {
        expect(createHttpTransport({ baseUrl, apiKey }).baseUrl).toBe(baseUrl);
      },
    );

    it('accepts http:// elsewhere only when allowed explicitly', () => {
      expect(createHttpTransport({ baseUrl: 'http://gateway.lan', allowInsecureHttp: true }).baseUrl).toBe(
        'http://gateway.lan',
      );
    });

    it.each([
      'https://user:hunter2pass@api.example.test',
      'https://user@api.example.test',
      'http://:hunter2pass@127.0.0.1:8080',
    ])('refuses credentials in the URL (%s) without echoing them', (baseUrl) => {
      let error: unknown;
      try {
        createHttpTransport({ baseUrl, apiKey });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toMatchObject({ kind: 'invalid_request', field: 'baseUrl' });
      expect(JSON.stringify(error)).not.toContain('hunter2pass');
      expect((error as Error).message).not.toContain('hunter2pass');
      expect((error as Error).message).toContain('user:password@');
    });

    it('refuses a relative URL and other schemes', () => {
      expect(() => createHttpTransport({ baseUrl: '/api' })).toThrow(
        expect.objectContaining({ kind: 'invalid_request' }),
      );
      expect(() => createHttpTransport({ baseUrl: 'ftp://x.test' })).toThrow(
        expect.objectContaining({ kind: 'invalid_request' }),
      );
    });
  });

  describe('failures', () => {
    it('turns a per-request timeout into `timeout` with an unknown send state', async () => {
      nock(base).post('/v1/tasks').delay(300).reply(200, { task_id: 't1' });
      const transport = createHttpTransport({ baseUrl: base, apiKey, timeoutMs: 40 });
      const error = await caught(
        transport.send({ method: 'POST', path: '/v1/tasks', json: {}, purpose: 'create' }),
      );
      expect(error).toMatchObject({ kind: 'timeout', requestSent: 'unknown', retryable: true });
      expect(error.message).toBe(`POST ${base}/v1/tasks got no response within 40 ms`);
    });

    it('turns an abort into `aborted`', async () => {
      nock(base).get('/v1/tasks/t1').delay(300).reply(200, {});
      const transport = createHttpTransport({ baseUrl: base, apiKey });
      const controller = new AbortController();
      const pending = transport.send(
        { method: 'GET', path: '/v1/tasks/t1', purpose: 'read' },
        { signal: controller.signal },
      );
      setTimeout(() => controller.abort(), 10);
      expect(await caught(pending)).toMatchObject({ kind: 'aborted', retryable: false });
    });

    it('sends nothing when the signal was aborted before the call, and says so', async () => {
      const scope = nock(base).post('/v1/tasks').reply(200, { task_id: 't1' });
      const transport = createHttpTransport({ baseUrl: base, apiKey });
      const controller = new AbortController();
      controller.abort();
      const error = await caught(
        transport.send(
          { method: 'POST', path: '/v1/tasks', json: {}, purpose: 'create' },
          { signal: controller.signal },
        ),
      );
      expect(error).toMatchObject({ kind: 'aborted', requestSent: false });
      expect(scope.isDone()).toBe(false);
    });

    it('marks a blocked connection (nock disallowed net connect) as not sent', async () => {
      const transport = createHttpTransport({ baseUrl: 'https://nowhere.example.test', apiKey });
      const error = await caught(
        transport.send({ method: 'POST', path: '/v1/tasks', json: {}, purpose: 'create' }),
      );
      expect(error).toMatchObject({ kind: 'network', requestSent: false, retryable: true });
    });

    describe('against real sockets on loopback', () => {
      let server: Server;
      let port: number;
      beforeAll(async () => {
        nock.enableNetConnect('127.0.0.1');
        // Accepts the request, then drops the connection without answering (the outcome is unknown).
        server = createServer((request) => request.socket.destroy());
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        port = (server.address() as AddressInfo).port;
      });
      afterAll(async () => {
        await new Promise((resolve) => server.close(resolve));
        nock.disableNetConnect();
      });

      it('marks connection refused as not sent', async () => {
        const closed = createServer();
        await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
        const closedPort = (closed.address() as AddressInfo).port;
        await new Promise((resolve) => closed.close(resolve));
        const transport = createHttpTransport({ baseUrl: `http://127.0.0.1:${closedPort}`, apiKey });
        const error = await caught(
          transport.send({ method: 'POST', path: '/v1/tasks', json: {}, purpose: 'create' }),
        );
        expect(error).toMatchObject({ kind: 'network', requestSent: false });
        expect(error.message).toContain('ECONNREFUSED');
      });

      it('logs an exchange that got no answer as an `http failure` event, redacted', async () => {
        const { logger, lines } = recordingLogger();
        const transport = createHttpTransport({ baseUrl: `http://127.0.0.1:${port}`, apiKey, logger });
        const error = await caught(
          transport.send({ method: 'POST', path: '/v1/tasks', json: { key: apiKey }, purpose: 'create' }),
        );
        expect(lines.map((line) => line.message)).toStrictEqual(['http request', 'http failure']);
        const failure = lines[1]?.data ?? {};
        expect(failure).toMatchObject({
          method: 'POST',
          url: `http://127.0.0.1:${port}/v1/tasks`,
          kind: error.kind,
        });
        expect(typeof failure.durationMs).toBe('number');
        expect(JSON.stringify(lines)).not.toContain(apiKey);
      });

      it('marks a TLS handshake failure (https to a plain http server) as not sent, and not worth retrying', async () => {
        const transport = createHttpTransport({ baseUrl: `https://127.0.0.1:${port}`, apiKey });
        const error = await caught(
          transport.send({ method: 'POST', path: '/v1/tasks', json: {}, purpose: 'create' }),
        );
        expect(error).toMatchObject({ kind: 'network', requestSent: false, retryable: false });
        expect(error.message).toContain('ERR_SSL_WRONG_VERSION_NUMBER');
      });

      it("marks a port fetch refuses to use (fetch's bad-port list) as not sent", async () => {
        const transport = createHttpTransport({ baseUrl: 'http://127.0.0.1:6000', apiKey });
        const error = await caught(
          transport.send({ method: 'POST', path: '/v1/tasks', json: {}, purpose: 'create' }),
        );
        expect(error).toMatchObject({ kind: 'network', requestSent: false, retryable: false });
        expect(error.message).toContain('bad port');
      });

      it('marks a request fetch cannot even build (credentials in the URL, an invalid URL) as not sent', async () => {
        const credentials = Object.assign(
          new TypeError('Request cannot be constructed from a URL that includes credentials: http://u:p@h/'),
          {},
        );
        const invalid = new TypeError('Failed to parse URL from http://exa mple.test', {
          cause: Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' }),
        });
        for (const thrown of [credentials, invalid]) {
          const transport = createHttpTransport({
            baseUrl: `http://127.0.0.1:${port}`,
            apiKey,
            fetch: async () => {
              throw thrown;
            },
          });
          const error = await caught(
            transport.send({ method: 'POST', path: '/v1/tasks', json: {}, purpose: 'create' }),
          );
          expect(error).toMatchObject({ kind: 'network', requestSent: false, retryable: false });
          expect(error.message).not.toContain('u:p@');
        }
      });

      it('marks a connection dropped after sending as unknown', async () => {
        const transport = createHttpTransport({ baseUrl: `http://127.0.0.1:${port}`, apiKey });
        const error = await caught(
          transport.send({ method: 'POST', path: '/v1/tasks', json: {}, purpose: 'create' }),
        );
        expect(error).toMatchObject({ kind: 'network', requestSent: 'unknown' });
        expect(error.message).not.toContain(apiKey);
      });
    });
  });
});
