import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { advanceTo, call, startTestSimulator } from '../../test/sim-test-kit.js';
import { SAMPLE_MP4 } from '../media/sample-mp4.js';
import { parseRange } from './serve-file.js';

const HOUR = 3_600_000;

async function finishedTask(
  format: 'native' | 'v2' | 'generateTask',
  options: Parameters<typeof startTestSimulator>[0] = {},
) {
  const { sim, clock } = await startTestSimulator(options);
  const [path, body] = {
    native: ['/model/v1/generation', { model: 'wan26_t2v', input: { prompt: 'x' } }],
    v2: ['/v2/videos/generations', { model: 'wan2.2-t2v-plus', prompt: 'x' }],
    generateTask: ['/api/v1/generateTask/wan-2-5', { input: { prompt: 'x' } }],
  }[format] as [string, unknown];
  await call(sim, 'POST', path, body);
  const task = sim.tasks.list()[0]!;
  advanceTo(clock, task.endAt);
  return { sim, clock, task, url: task.resultUrls[0]! };
}

describe('result files', () => {
  it('serves the MP4 with its length, type and ranges advertised', async () => {
    const { url } = await finishedTask('native');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-length')).toBe(String(SAMPLE_MP4.length));
    expect(Buffer.from(await response.arrayBuffer())).toEqual(SAMPLE_MP4);
  });

  it('answers 404 before the task has finished', async () => {
    const { sim } = await startTestSimulator();
    await call(sim, 'POST', '/model/v1/generation', { model: 'wan26_t2v', input: { prompt: 'x' } });
    const response = await fetch(sim.tasks.list()[0]!.resultUrls[0]!);
    expect(response.status).toBe(404);
    expect(sim.stats().files.notFound).toBe(1);
  });

  it('serves byte ranges with 206 and Content-Range, suffix ranges included', async () => {
    const { sim, url } = await finishedTask('generateTask');
    const part = await fetch(url, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${SAMPLE_MP4.length}`);
    expect(part.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await part.arrayBuffer())).toEqual(SAMPLE_MP4.subarray(100, 200));

    const open = await fetch(url, { headers: { range: 'bytes=6000-' } });
    expect(Buffer.from(await open.arrayBuffer())).toEqual(SAMPLE_MP4.subarray(6000));
    const suffix = await fetch(url, { headers: { range: 'bytes=-10' } });
    expect(Buffer.from(await suffix.arrayBuffer())).toEqual(SAMPLE_MP4.subarray(-10));

    const beyond = await fetch(url, { headers: { range: `bytes=${SAMPLE_MP4.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${SAMPLE_MP4.length}`);
    expect(sim.stats().files).toMatchObject({ requests: 4, partial: 3 });
  });

  it('ignores the range when If-Range names another version', async () => {
    const { url } = await finishedTask('native');
    const response = await fetch(url, { headers: { range: 'bytes=0-9', 'if-range': '"other"' } });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
  });

  it('answers HEAD with headers only', async () => {
    const { url } = await finishedTask('native');
    const response = await fetch(url, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(SAMPLE_MP4.length));
  });

  it('expires v2 URLs after 24 h (scaled) with an OSS-style 403', async () => {
    const { clock, task, url } = await finishedTask('v2', { timeScale: 0.5 });
    advanceTo(clock, task.endAt + 12 * HOUR - 1);
    expect((await fetch(url)).status).toBe(200);
    clock.advance(1);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(expired.headers.get('content-type')).toBe('application/xml');
    const xml = await expired.text();
    expect(xml).toContain('<Code>AccessDenied</Code>');
    expect(xml).toContain('<Message>Request has expired.</Message>');
  });

  it('expires generateTask URLs after 15 days and native ones after 24 h with 404', async () => {
    const gt = await finishedTask('generateTask');
    advanceTo(gt.clock, gt.task.endAt + 15 * 24 * HOUR - 1);
    expect((await fetch(gt.url)).status).toBe(200);
    gt.clock.advance(1);
    expect((await fetch(gt.url)).status).toBe(404);
    expect(gt.sim.stats().files.expired).toBe(1);

    const native = await finishedTask('native', { resultTtlMs: { native: 1000 } });
    native.clock.advance(1000);
    expect((await fetch(native.url)).status).toBe(404);
  });

  it('streams ?bytes=N as a valid padded file, in full and from an offset', async () => {
    const { sim, url } = await finishedTask('native');
    const size = 8 * 1024 * 1024;
    const response = await fetch(`${url}?bytes=${size}`);
    expect(response.headers.get('content-length')).toBe(String(size));
    const hash = createHash('sha256');
    let received = 0;
    let head: Buffer | undefined;
    for await (const chunk of response.body!) {
      const bytes = Buffer.from(chunk);
      head ??= bytes;
      received += bytes.length;
      hash.update(bytes);
    }
    expect(received).toBe(size);
    expect(head!.subarray(4, 8).toString('latin1')).toBe('ftyp');

    const tail = await fetch(`${url}?bytes=${size}`, { headers: { range: `bytes=${SAMPLE_MP4.length}-` } });
    const free = Buffer.from(await tail.arrayBuffer());
    expect(free.readUInt32BE(0)).toBe(size - SAMPLE_MP4.length);
    expect(free.toString('latin1', 4, 8)).toBe('free');
    expect(sim.stats().files.bytesSent).toBe(size + free.length);
  });

  it('pads every result when resultBytes is set, and says so in the URL', async () => {
    const { url } = await finishedTask('generateTask', { resultBytes: { video: 100_000 } });
    expect(new URL(url).searchParams.get('bytes')).toBe('100000');
    const response = await fetch(url, { method: 'HEAD' });
    expect(response.headers.get('content-length')).toBe('100000');
  });

  it('stops streaming when the client goes away mid-download', async () => {
    const { sim, url } = await finishedTask('native');
    await new Promise<void>((resolve, reject) => {
      const req = request(`${url}?bytes=${64 * 1024 * 1024}`, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      req.end();
    });
    // the server is still healthy and did not push all 64 MB
    expect((await call(sim, 'GET', '/__sim/health')).json).toEqual({ ok: true });
    expect(sim.stats().files.bytesSent).toBeLessThan(64 * 1024 * 1024);
  });

  it('rejects a malformed bytes parameter and unknown files', async () => {
    const { sim, url } = await finishedTask('native');
    expect((await fetch(`${url}?bytes=-5`)).status).toBe(400);
    expect((await fetch(sim.url('/__sim/files/0123456789abcdef.mp4'))).status).toBe(404);
    expect((await fetch(url.replace('.mp4', '.png'))).status).toBe(404);
  });

  it('parses ranges the way RFC 9110 describes', () => {
    expect(parseRange(undefined, 100)).toBeUndefined();
    expect(parseRange('bytes=0-0', 100)).toEqual({ start: 0, end: 1 });
    expect(parseRange('bytes=90-200', 100)).toEqual({ start: 90, end: 100 });
    expect(parseRange('bytes=-200', 100)).toEqual({ start: 0, end: 100 });
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-2', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeUndefined();
  });
});
