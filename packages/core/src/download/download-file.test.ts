import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WankitError } from '../errors/index.js';
import { downloadFile } from './download-file.js';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wankit-download-'));
});
afterEach(async () => {
  nock.cleanAll();
  await rm(dir, { recursive: true, force: true });
});
beforeAll(() => nock.disableNetConnect());
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

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

describe('downloadFile with nock', () => {
  it('streams the body to the destination with bytes and sha256', async () => {
    const body = randomBytes(300_000);
    nock('https://cdn.example.com')
      .get('/out/a.mp4')
      .query({ Expires: '1', Signature: 'sig' })
      .reply(200, body, { 'Content-Type': 'video/mp4', 'Content-Length': String(body.length) });
    const progress: [number, number | undefined][] = [];
    const destination = join(dir, 'nested', 'a.mp4');
    const result = await downloadFile({
      url: 'https://cdn.example.com/out/a.mp4?Expires=1&Signature=sig',
      destination,
      onProgress: (bytes, total) => progress.push([bytes, total]),
    });
    expect(result).toEqual({
      path: destination,
      bytes: body.length,
      sha256: sha256(body),
      url: 'https://cdn.example.com/out/a.mp4?Expires=1&Signature=sig',
      resumed: false,
      contentType: 'video/mp4',
    });
    expect(readFileSync(destination).equals(body)).toBe(true);
    expect(progress.at(-1)).toEqual([body.length, body.length]);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['a.mp4']);
  });

  it('refuses to overwrite an existing file, before any request', async () => {
    const destination = join(dir, 'a.png');
    writeFileSync(destination, 'old');
    const scope = nock('https://cdn.example.com').get('/a.png').reply(200, 'new');
    const error = await rejection(downloadFile({ url: 'https://cdn.example.com/a.png', destination }));
    expect(error.kind).toBe('invalid_request');
    expect(error.field).toBe('destination');
    expect(error.value).toBe(destination);
    expect(error.message).toBe(`${destination} already exists; pass overwrite to replace it`);
    expect(readFileSync(destination, 'utf8')).toBe('old');
    expect(scope.isDone()).toBe(false);
  });

  it('replaces an existing file when overwrite is set', async () => {
    const destination = join(dir, 'a.png');
    writeFileSync(destination, 'old');
    nock('https://cdn.example.com').get('/a.png').reply(200, 'new content', { 'Content-Length': '11' });
    const result = await downloadFile({ url: 'https://cdn.example.com/a.png', destination, overwrite: true });
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
      nock('https://cdn.example.com').get('/a.mp4').query(true).reply(status, 'AccessDenied');
      const error = await rejection(
        downloadFile({
          url: 'https://cdn.example.com/a.mp4?Signature=secret-sig',
          destination: join(dir, 'a.mp4'),
        }),
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
    const error = await rejection(downloadFile({ url: 'https://cdn.example.com/clip.mp4', destination }));
    expect([error.kind, error.field, error.value]).toStrictEqual([
      'invalid_request',
      'destination',
      destination,
    ]);
    expect(error.message).toMatch(/^cannot save the download to .*clip\.mp4: E(NOTDIR|EXIST)/);
    expect(partFiles()).toEqual([]);
  });

  it('reports a server error as a retryable provider_error', async () => {
    nock('https://cdn.example.com').get('/a.mp4').reply(503, 'busy');
    const error = await rejection(
      downloadFile({ url: 'https://cdn.example.com/a.mp4', destination: join(dir, 'a.mp4') }),
    );
    expect(error.kind).toBe('provider_error');
    expect(error.retryable).toBe(true);
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
