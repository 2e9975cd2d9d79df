import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WankitError } from '../errors/wankit-error.js';
import { downloadFile } from './download-file.js';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wankit-download-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// The download reader talks to sockets directly: a loopback server stands in for the CDN.
type Handler = (request: IncomingMessage, response: ServerResponse) => void;
let handler: Handler = (_request, response) => response.end();
let seen: { url: string; headers: IncomingMessage['headers'] }[] = [];
let server: Server;
let cdn: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers });
    handler(request, response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  cdn = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  seen = [];
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
});

const reply =
  (status: number, body: string | Uint8Array, headers: Record<string, string> = {}): Handler =>
  (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };

async function rejection(promise: Promise<unknown>): Promise<WankitError> {
  try {
    await promise;
  } catch (error) {
    if (WankitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const partFiles = () => readdirSync(dir).filter((name) => name.endsWith('.part'));

describe('downloadFile', () => {
  it('streams the body to the destination with bytes and sha256', async () => {
    const body = randomBytes(300_000);
    handler = reply(200, body, { 'Content-Type': 'video/mp4', 'Content-Length': String(body.length) });
    const progress: [number, number | undefined][] = [];
    const destination = join(dir, 'nested', 'a.mp4');
    const url = `${cdn}/out/a.mp4?Expires=1&Signature=sig`;
    const result = await downloadFile({
      url,
      destination,
      onProgress: (bytes, total) => progress.push([bytes, total]),
    });
    expect(result).toEqual({
      path: destination,
      bytes: body.length,
      sha256: sha256(body),
      url,
      resumed: false,
      contentType: 'video/mp4',
    });
    expect(seen.map((request) => request.url)).toEqual(['/out/a.mp4?Expires=1&Signature=sig']);
    expect(readFileSync(destination).equals(body)).toBe(true);
    expect(progress.at(-1)).toEqual([body.length, body.length]);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['a.mp4']);
  });

  it('reads a chunked body, and follows a redirect', async () => {
    const body = randomBytes(200_000);
    handler = (request, response) => {
      if (request.url === '/old.mp4') {
        response.writeHead(302, { location: '/new.mp4' });
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'video/mp4' }); // no length: chunked
      response.write(body.subarray(0, 70_001));
      setImmediate(() => response.end(body.subarray(70_001)));
    };
    const result = await downloadFile({ url: `${cdn}/old.mp4`, destination: join(dir, 'c.mp4') });
    expect([result.bytes, result.sha256]).toEqual([body.length, sha256(body)]);
    expect(seen.map((request) => request.url)).toEqual(['/old.mp4', '/new.mp4']);
    expect(readFileSync(join(dir, 'c.mp4')).equals(body)).toBe(true);
  });

  it('refuses to overwrite an existing file, before any request', async () => {
    const destination = join(dir, 'a.png');
    writeFileSync(destination, 'old');
    handler = reply(200, 'new');
    const error = await rejection(downloadFile({ url: `${cdn}/a.png`, destination }));
    expect(error.kind).toBe('invalid_request');
    expect(error.field).toBe('destination');
    expect(error.value).toBe(destination);
    expect(error.message).toBe(`${destination} already exists; pass overwrite: true to replace it`);
    expect(readFileSync(destination, 'utf8')).toBe('old');
    expect(seen).toEqual([]);
  });

  it('replaces an existing file when overwrite is set', async () => {
    const destination = join(dir, 'a.png');
    writeFileSync(destination, 'old');
    handler = reply(200, 'new content', { 'Content-Length': '11' });
    const result = await downloadFile({ url: `${cdn}/a.png`, destination, overwrite: true });
    expect(result.bytes).toBe(11);
    expect(readFileSync(destination, 'utf8')).toBe('new content');
    expect(partFiles()).toEqual([]);
  });

  it.each(['ftp://cdn.example.com/a.mp4', 'file:///etc/passwd', 'not a url'])('refuses %s', async (url) => {
    const error = await rejection(downloadFile({ url, destination: join(dir, 'x') }));
    expect(error.kind).toBe('invalid_request');
    expect(error.field).toBe('url');
    expect(error.allowed).toEqual(['http:', 'https:']);
  });

  it.each([403, 404, 410])(
    'reports an expired result URL (HTTP %i) as not_found, without its signature',
    async (status) => {
      handler = reply(status, 'AccessDenied');
      const error = await rejection(
        downloadFile({ url: `${cdn}/a.mp4?Signature=secret-sig`, destination: join(dir, 'a.mp4') }),
      );
      expect(error.kind).toBe('not_found');
      expect(error.httpStatus).toBe(status);
      expect(error.retryable).toBe(false);
      expect(error.message).toContain(
        `the result URL has expired or is no longer available (HTTP ${status})`,
      );
      expect(error.message).not.toContain('secret-sig');
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it('reports a destination it cannot write as a typed error naming it, with no temp file left', async () => {
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const destination = join(dir, 'not-a-folder', 'clip.mp4');
    const error = await rejection(downloadFile({ url: `${cdn}/clip.mp4`, destination }));
    expect([error.kind, error.field, error.value]).toStrictEqual([
      'invalid_request',
      'destination',
      destination,
    ]);
    expect(error.message).toMatch(/^cannot save the download to .*clip\.mp4: E(NOTDIR|EXIST)/);
    expect(partFiles()).toEqual([]);
  });

  it('reports a server error as a retryable provider_error', async () => {
    handler = reply(503, 'busy');
    const error = await rejection(downloadFile({ url: `${cdn}/a.mp4`, destination: join(dir, 'a.mp4') }));
    expect(error.kind).toBe('provider_error');
    expect(error.retryable).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a refused connection is a network error', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((done) => closed.close(() => done()));
    const error = await rejection(
      downloadFile({ url: `http://127.0.0.1:${port}/a.mp4`, destination: join(dir, 'a.mp4') }),
    );
    expect(error.kind).toBe('network');
    expect(error.message).toContain('ECONNREFUSED');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('downloadFile length checks', () => {
  const fakeFetch = (body: Uint8Array, length: number): typeof fetch =>
    (async () =>
      new Response(body, { status: 200, headers: { 'content-length': String(length) } })) as typeof fetch;

  it('rejects a body shorter than Content-Length when it cannot resume', async () => {
    const error = await rejection(
      downloadFile({
        url: 'https://cdn.example.com/a.mp4',
        destination: join(dir, 'a.mp4'),
        fetch: fakeFetch(new Uint8Array(50), 100),
        maxResumes: 0,
      }),
    );
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toBe(
      'download of https://cdn.example.com/a.mp4 has the wrong length: expected 100 bytes (Content-Length), got 50',
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('rejects a body longer than Content-Length', async () => {
    const error = await rejection(
      downloadFile({
        url: 'https://cdn.example.com/a.mp4',
        destination: join(dir, 'a.mp4'),
        fetch: fakeFetch(new Uint8Array(120), 100),
      }),
    );
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toContain('expected 100 bytes (Content-Length), got 120');
    expect(readdirSync(dir)).toEqual([]);
  });
});
