import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../client/create-client.js';
import { createFakeClock } from '../clock/fake-clock.js';
import { toNodeListener } from '../node/node-listener.js';
import type { TaskRef, TaskSnapshot } from '../spec/task.js';
import { createFakeAdapter } from '../testing/fake-adapter.js';
import { createCallbackHandler } from './callback-handler.js';
import { type CallbackRegistration, createCallbackRegistry } from './callback-registry.js';

const start = Date.UTC(2026, 0, 1);
const publicBaseUrl = 'https://app.example.test/wankit/callback';
const ref: TaskRef = {
  spec: 'wankit.task/v1',
  adapter: 'fake',
  taskId: 't1',
  model: 'wan2.5-t2v-preview',
  providerModel: 'wan2_5-t2v-preview',
  kind: 'text-to-video',
  submittedAt: new Date(start).toISOString(),
  resolution: '720p',
};
const succeeded = { task_id: 't1', status: 'SUCCEEDED', video_url: 'https://cdn.fake.test/t1.mp4' };

function setup(options: { maxBodyBytes?: number } = {}) {
  const clock = createFakeClock(start);
  const registry = createCallbackRegistry({ publicBaseUrl, clock });
  const applied: TaskSnapshot[] = [];
  const handler = createCallbackHandler({
    adapter: createFakeAdapter(),
    registry,
    clock,
    onSnapshot: (snapshot) => {
      applied.push(snapshot);
    },
    ...options,
  });
  return { clock, registry, handler, applied };
}

const post = (url: string, body: unknown, init: RequestInit = {}) =>
  new Request(url, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    ...init,
  });

async function answer(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function bound(registry: ReturnType<typeof createCallbackRegistry>): CallbackRegistration {
  const registration = registry.register({ key: 'job-1' });
  registry.bind(registration.key, ref);
  return registration;
}

describe('callback registry', () => {
  it('issues a per-task URL with an unguessable token and keeps only its hash', () => {
    const { registry } = setup();
    const registration = registry.register({ key: 'job 1' });
    const url = new URL(registration.url);
    expect(`${url.origin}${url.pathname}`).toBe(publicBaseUrl);
    expect(url.searchParams.get('wankit_task')).toBe('job 1');
    const token = url.searchParams.get('wankit_token')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(registration.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(registration.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    // Plain data: it survives JSON (the registry link is not enumerable).
    expect(JSON.parse(JSON.stringify(registration))).toEqual({
      key: 'job 1',
      url: registration.url,
      tokenHash: registration.tokenHash,
    });
    expect(registry.register().url).not.toContain(token);
  });

  it('appends to a public URL that already has a query', () => {
    const registry = createCallbackRegistry({ publicBaseUrl: 'https://app.example.test/cb?tenant=7' });
    expect(registry.register({ key: 'k' }).url).toMatch(
      /^https:\/\/app\.example\.test\/cb\?tenant=7&wankit_task=k&wankit_token=/,
    );
  });
});

describe('callback handler', () => {
  it('applies a good delivery once and answers 200', async () => {
    const { registry, handler, applied } = setup();
    const registration = bound(registry);
    const delivered = registry.delivered('job-1');
    expect(await answer(await handler(post(registration.url, succeeded)))).toEqual({
      status: 200,
      body: { ok: true, outcome: 'applied' },
    });
    expect(await delivered).toMatchObject({ status: 'succeeded', ref: { taskId: 't1' } });
    await Promise.resolve();
    expect(applied).toHaveLength(1);
  });

  it('answers a replayed delivery 200 without touching the task (provider retries)', async () => {
    const { registry, handler, applied } = setup();
    const registration = bound(registry);
    await handler(post(registration.url, succeeded));
    for (let retry = 0; retry < 3; retry++) {
      const replay = await answer(
        await handler(post(registration.url, { task_id: 't1', status: 'FAILED', error_code: 'X' })),
      );
      expect(replay).toEqual({ status: 200, body: { ok: true, outcome: 'duplicate' } });
    }
    await Promise.resolve();
    expect(registry.result('job-1')).toMatchObject({ status: 'succeeded' });
    expect(applied).toHaveLength(1);
  });

  it('rejects a forged token with 401', async () => {
    const { registry, handler } = setup();
    const registration = bound(registry);
    const forged = registration.url.replace(/wankit_token=[^&]+/, 'wankit_token=forged');
    expect((await handler(post(forged, succeeded))).status).toBe(401);
    const missing = registration.url.replace(/&wankit_token=[^&]+/, '');
    expect((await handler(post(missing, succeeded))).status).toBe(401);
    expect(registry.result('job-1')).toBeUndefined();
  });

  it('rejects an unknown or forgotten task with 404', async () => {
    const { registry, handler } = setup();
    const registration = bound(registry);
    expect((await handler(post(registration.url.replace('job-1', 'job-2'), succeeded))).status).toBe(404);
    registry.forget('job-1');
    expect((await handler(post(registration.url, succeeded))).status).toBe(404);
  });

  it('rejects an oversized body with 413, declared or streamed', async () => {
    const { registry, handler } = setup({ maxBodyBytes: 100 });
    const registration = bound(registry);
    const big = { ...succeeded, padding: 'x'.repeat(500) };
    expect((await handler(post(registration.url, big))).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(50)));
        controller.close();
      },
    });
    const chunked = new Request(registration.url, {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect((await handler(chunked)).status).toBe(413);
    expect(registry.result('job-1')).toBeUndefined();
  });

  it('rejects malformed JSON and a body the adapter cannot read with 400', async () => {
    const { registry, handler } = setup();
    const registration = bound(registry);
    expect((await handler(post(registration.url, '{"task_id":'))).status).toBe(400);
    expect((await handler(post(registration.url, { hello: 'world' }))).status).toBe(400);
    expect(registry.result('job-1')).toBeUndefined();
  });

  it('rejects a delivery for another task id with 400', async () => {
    const { registry, handler } = setup();
    const registration = bound(registry);
    expect((await handler(post(registration.url, { ...succeeded, task_id: 't2' }))).status).toBe(400);
    expect(registry.result('job-1')).toBeUndefined();
  });

  it('asks for a retry when the task is not bound yet, and refuses other methods', async () => {
    const { registry, handler } = setup();
    const registration = registry.register({ key: 'job-1' });
    const early = await handler(post(registration.url, succeeded));
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toBe('5');
    expect((await handler(new Request(registration.url))).status).toBe(405);
  });

  it('passes non-terminal deliveries to progress listeners only', async () => {
    const { registry, handler } = setup();
    const registration = bound(registry);
    const seen: string[] = [];
    registry.onProgress('job-1', (snapshot) => seen.push(snapshot.status));
    expect(await answer(await handler(post(registration.url, { task_id: 't1', status: 'RUNNING' })))).toEqual(
      {
        status: 200,
        body: { ok: true, outcome: 'progress' },
      },
    );
    expect(seen).toEqual(['running']);
    expect(registry.result('job-1')).toBeUndefined();
  });
});

describe('callback handler behind node:http (toNodeListener)', () => {
  beforeAll(() => nock.enableNetConnect('127.0.0.1'));
  afterAll(() => nock.disableNetConnect());

  it('reads a streamed body from a real socket and answers', async () => {
    const { registry, handler } = setup({ maxBodyBytes: 1_000 });
    const registration = bound(registry);
    const server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const path = registration.url.slice(publicBaseUrl.length);
      const target = `http://127.0.0.1:${port}/wankit/callback${path}`;
      const headers = { 'content-type': 'application/json' };
      const big = await fetch(target, {
        method: 'POST',
        headers,
        body: JSON.stringify({ ...succeeded, pad: 'x'.repeat(5_000) }),
      });
      expect(big.status).toBe(413);
      const good = await fetch(target, { method: 'POST', headers, body: JSON.stringify(succeeded) });
      expect(await good.json()).toEqual({ ok: true, outcome: 'applied' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('wait with a callback', () => {
  const base = 'https://api.fake.test';
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  function clientSetup() {
    const clock = createFakeClock(start);
    const adapter = createFakeAdapter();
    const registry = createCallbackRegistry({ publicBaseUrl, clock });
    const handler = createCallbackHandler({ adapter, registry, clock });
    const client = createClient({ adapter, apiKey: 'sk-callback-test-123456', clock });
    return { clock, registry, handler, client };
  }

  it('sends the callback URL and resolves from the delivery without polling', async () => {
    const { clock, registry, handler, client } = clientSetup();
    const registration = registry.register();
    nock(base)
      .post('/v1/tasks', (body) => body.callback_url === registration.url)
      .reply(200, { task_id: 't1' });
    const { ref } = await client.submit(
      { kind: 'text-to-video', model: 'wan2.5-t2v-preview', prompt: 'a cat', resolution: '720p' },
      {
        callback: registration,
      },
    );
    const waiting = client.wait(ref, { callback: registration });
    await clock.advance(40_000);
    expect((await handler(post(registration.url, succeeded))).status).toBe(200);
    expect(await waiting).toMatchObject({ status: 'succeeded', ref: { taskId: 't1' } });
    expect(clock.now() - start).toBe(40_000);
  });

  it('binds a ref submitted by another client, so its delivery resolves this wait', async () => {
    const { clock, registry, handler, client } = clientSetup();
    const registration = registry.register();
    const elsewhere = createClient({
      adapter: createFakeAdapter(),
      apiKey: 'sk-callback-test-123456',
      clock,
    });
    nock(base).post('/v1/tasks').reply(200, { task_id: 't1' });
    const { ref } = await elsewhere.submit(
      { kind: 'text-to-video', model: 'wan2.5-t2v-preview', prompt: 'a cat', resolution: '720p' },
      { callbackUrl: registration.url },
    );
    const waiting = client.wait(JSON.parse(JSON.stringify(ref)), { callback: registration });
    await clock.advance(30_000);
    expect((await handler(post(registration.url, succeeded))).status).toBe(200);
    expect(await waiting).toMatchObject({ status: 'succeeded', ref: { taskId: 't1' } });
  });

  it('falls back to polling when the callback never comes', async () => {
    const { clock, registry, client } = clientSetup();
    const registration = registry.register();
    nock(base).post('/v1/tasks').reply(200, { task_id: 't1' });
    const reads: number[] = [];
    nock(base)
      .get('/v1/tasks/t1')
      .reply(() => {
        reads.push(clock.now() - start);
        return [200, succeeded];
      });
    const { ref } = await client.submit(
      { kind: 'text-to-video', model: 'wan2.5-t2v-preview', prompt: 'a cat', resolution: '720p' },
      {
        callback: registration,
      },
    );
    const waiting = client.wait(ref, { callback: registration });
    await clock.runUntilIdle();
    expect(await waiting).toMatchObject({ status: 'succeeded' });
    // With a callback expected, the first read waits until the end of the 50–70 s window plus 20 s.
    expect(reads).toEqual([90_000]);
  });

  it('refuses a callback with an adapter that cannot call back', async () => {
    const clock = createFakeClock(start);
    const registry = createCallbackRegistry({ publicBaseUrl, clock });
    const client = createClient({
      adapter: createFakeAdapter({ capabilities: { callbacks: false } }),
      apiKey: 'sk-callback-test-123456',
      clock,
    });
    await expect(
      client.submit(
        { kind: 'text-to-video', model: 'wan2.5-t2v-preview', prompt: 'a cat' },
        { callback: registry.register() },
      ),
    ).rejects.toMatchObject({ kind: 'unsupported', field: 'callback' });
  });
});
