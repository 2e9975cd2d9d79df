// Connection drops, resumes and aborts need a real socket: a loopback server on port 0 (no nock here).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WankitError } from '../errors/wankit-error.js';
import { downloadFile } from './download-file.js';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wankit-resume-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
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

interface Recorded {
  range?: string;
  ifRange?: string;
  acceptEncoding?: string;
}

/** A loopback server whose handler sees the request number (0-based). */
async function startServer(
  handler: (request: IncomingMessage, response: ServerResponse, index: number) => void,
) {
  const requests: Recorded[] = [];
  const server: Server = createServer((request, response) => {
    requests.push({
      range: request.headers.range,
      ifRange: request.headers['if-range'] as string | undefined,
      acceptEncoding: request.headers['accept-encoding'],
    });
    handler(request, response, requests.length - 1);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/video.mp4`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Sends headers for the whole body, then `cut` bytes, then drops the connection. */
function sendAndDrop(response: ServerResponse, body: Buffer, cut: number) {
  response.writeHead(200, {
    'Content-Length': String(body.length),
    ETag: '"v1"',
    'Content-Type': 'video/mp4',
  });
  response.write(body.subarray(0, cut), () => setImmediate(() => response.socket?.destroy()));
}

describe('downloadFile over a real connection', () => {
  const body = randomBytes(8 * 1024 * 1024 + 123);

  it('resumes after a dropped connection with Range and If-Range (206)', async () => {
    const cut = 3 * 1024 * 1024;
    const server = await startServer((request, response, index) => {
      if (index === 0) return sendAndDrop(response, body, cut);
      const start = Number(/bytes=(\d+)-/.exec(request.headers.range ?? '')?.[1]);
      response.writeHead(206, {
        'Content-Length': String(body.length - start),
        'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}`,
        ETag: '"v1"',
      });
      response.end(body.subarray(start));
    });
    try {
      const result = await downloadFile({ url: server.url, destination: join(dir, 'v.mp4') });
      expect(result).toMatchObject({
        bytes: body.length,
        sha256: sha256(body),
        resumed: true,
        contentType: 'video/mp4',
      });
      expect(readFileSync(join(dir, 'v.mp4')).equals(body)).toBe(true);
      expect(server.requests).toHaveLength(2);
      expect(server.requests[0]).toEqual({ acceptEncoding: 'identity' });
      const resumedAt = Number(/bytes=(\d+)-$/.exec(server.requests[1]?.range ?? '')?.[1]);
      expect(resumedAt).toBeGreaterThan(0);
      expect(resumedAt).toBeLessThanOrEqual(cut);
      expect(server.requests[1]?.ifRange).toBe('"v1"');
      expect(partFiles()).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('restarts from zero when the server ignores Range (200)', async () => {
    const server = await startServer((_request, response, index) => {
      if (index === 0) return sendAndDrop(response, body, 2 * 1024 * 1024);
      response.writeHead(200, { 'Content-Length': String(body.length), ETag: '"v1"' });
      response.end(body);
    });
    try {
      const result = await downloadFile({ url: server.url, destination: join(dir, 'v.mp4') });
      expect(result).toMatchObject({ bytes: body.length, sha256: sha256(body), resumed: true });
      expect(readFileSync(join(dir, 'v.mp4')).equals(body)).toBe(true);
      expect(server.requests[1]?.range).toMatch(/^bytes=\d+-$/);
    } finally {
      await server.close();
    }
  });

  it('a body shorter than its Content-Length is a drop: resumed, else a network error', async () => {
    const server = await startServer((request, response) => {
      if (!request.headers.range) {
        response.writeHead(200, { 'Content-Length': String(body.length), ETag: '"v1"' });
        response.end(body.subarray(0, 1000)); // a proxy that lost the rest
        setImmediate(() => response.socket?.destroy());
        return;
      }
      const start = Number(/bytes=(\d+)-/.exec(request.headers.range ?? '')?.[1]);
      response.writeHead(206, {
        'Content-Length': String(body.length - start),
        'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}`,
      });
      response.end(body.subarray(start));
    });
    try {
      const result = await downloadFile({ url: server.url, destination: join(dir, 'v.mp4') });
      expect([result.bytes, result.sha256, result.resumed]).toEqual([body.length, sha256(body), true]);
      expect(server.requests[1]?.range).toBe('bytes=1000-');
      const error = await rejection(
        downloadFile({
          url: server.url.replace('video', 'again'),
          destination: join(dir, 'w.mp4'),
          maxResumes: 0,
        }),
      );
      expect(error.kind).toBe('network');
      expect(error.message).toContain('failed after 1000 bytes and 0 resume(s)');
      expect(partFiles()).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('gives up after maxResumes drops and removes the temp file', async () => {
    const server = await startServer((_request, response) => sendAndDrop(response, body, 1024 * 1024));
    try {
      const error = await rejection(
        downloadFile({ url: server.url, destination: join(dir, 'v.mp4'), maxResumes: 2 }),
      );
      expect(error.kind).toBe('network');
      expect(error.retryable).toBe(true);
      expect(server.requests).toHaveLength(3);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('on abort, leaves neither a temp file nor a destination', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'Content-Length': String(body.length) });
      response.write(body.subarray(0, 1024 * 1024)); // then stall
    });
    const controller = new AbortController();
    try {
      const error = await rejection(
        downloadFile({
          url: server.url,
          destination: join(dir, 'v.mp4'),
          signal: controller.signal,
          onProgress: () => controller.abort(),
        }),
      );
      expect(error.kind).toBe('aborted');
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('never exposes a half-written destination: the old file stays whole until the rename', async () => {
    const destination = join(dir, 'v.mp4');
    writeFileSync(destination, 'previous version');
    const seenDuringTransfer = new Set<string>();
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'Content-Length': String(body.length) });
      response.end(body);
    });
    try {
      await downloadFile({
        url: server.url,
        destination,
        overwrite: true,
        onProgress: () => {
          seenDuringTransfer.add(readFileSync(destination, 'utf8'));
          expect(partFiles()).toHaveLength(1);
        },
      });
      expect([...seenDuringTransfer]).toEqual(['previous version']);
      expect(readFileSync(destination).equals(body)).toBe(true);
      expect(partFiles()).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('does not create the destination until the download is complete', async () => {
    const destination = join(dir, 'fresh.mp4');
    let existedDuringTransfer = false;
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'Content-Length': String(body.length) });
      response.end(body);
    });
    try {
      await downloadFile({
        url: server.url,
        destination,
        onProgress: () => {
          existedDuringTransfer ||= existsSync(destination);
        },
      });
      expect(existedDuringTransfer).toBe(false);
      expect(existsSync(destination)).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('downloadFile progress callback', () => {
  it('fails (without resuming) when onProgress throws, and cleans up', async () => {
    const body = randomBytes(1024 * 1024);
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'Content-Length': String(body.length) });
      response.end(body);
    });
    try {
      const failure = new Error('progress display broke');
      await expect(
        downloadFile({
          url: server.url,
          destination: join(dir, 'v.mp4'),
          onProgress: () => {
            throw failure;
          },
        }),
      ).rejects.toBe(failure);
      expect(server.requests).toHaveLength(1);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
