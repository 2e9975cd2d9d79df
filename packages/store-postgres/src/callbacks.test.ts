import {
  createCallbackHandler,
  createCallbackRegistry,
  type TaskRef,
  type TaskSnapshot,
  type WanAdapter,
} from '@wankit/core';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresAvailable, testDatabaseUrl, testStore } from './test-support/test-database.js';

const publicBaseUrl = 'https://app.example.test/wankit/callback';
const ref: TaskRef = {
  spec: 'wankit.task/v1',
  adapter: 'echo',
  taskId: 't1',
  model: 'wan2.6-t2v',
  providerModel: 'wan26_t2v',
  kind: 'text-to-video',
  submittedAt: '2026-01-01T00:00:00.000Z',
};
// The handler needs only an id, capabilities and a callback reader: this one reads `{ status }` bodies.
const adapter = {
  id: 'echo',
  capabilities: { callbacks: true },
  readCallback: (body: { status: TaskSnapshot['status'] }) => ({ status: body.status, outputs: [] }),
} as unknown as WanAdapter;
const post = (url: string, body: unknown) => new Request(url, { method: 'POST', body: JSON.stringify(body) });

let dispose: (() => Promise<void>) | undefined;
afterEach(async () => {
  await dispose?.();
  dispose = undefined;
});

describe.skipIf(!postgresAvailable)('callbacks on any instance', () => {
  it('the instance that receives a delivery records it; the waiting instance is woken by NOTIFY', async () => {
    const setup = await testStore();
    dispose = setup.dispose;
    // Polling would take 60 s here: the wake-up can only come from the notification.
    const waiting = createCallbackRegistry({
      publicBaseUrl,
      shared: setup.store.callbacks({ recheckMs: 60_000 }),
    });
    const receiving = createCallbackRegistry({ publicBaseUrl, shared: setup.open().callbacks() });
    const handler = createCallbackHandler({ adapter, registry: receiving });

    const registration = waiting.register({ key: 'job-1' });
    await waiting.bind('job-1', ref);
    const delivered = waiting.delivered('job-1');
    // Let the waiter's first read and its LISTEN settle, so that only the notification can wake it.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const answer = await handler(post(registration.url, { status: 'succeeded' }));
    expect(await answer.json()).toEqual({ ok: true, outcome: 'applied' });
    expect(await delivered).toMatchObject({ status: 'succeeded', ref: { taskId: 't1' } });
    expect(await (await handler(post(registration.url, { status: 'succeeded' }))).json()).toEqual({
      ok: true,
      outcome: 'duplicate',
    });
    const forged = new URL(registration.url);
    forged.searchParams.set('wankit_token', 'x');
    expect((await handler(post(forged.toString(), { status: 'failed' }))).status).toBe(401);
  });

  it('falls back to polling the store when no notification arrives', async () => {
    const setup = await testStore();
    dispose = setup.dispose;
    const shared = setup.store.callbacks({ recheckMs: 100 });
    const waiting = createCallbackRegistry({ publicBaseUrl, shared });
    waiting.register({ key: 'job-2' });
    await waiting.bind('job-2', ref);
    const delivered = waiting.delivered('job-2');
    // Recorded behind the store's back (no NOTIFY), as a delivery whose notification was lost.
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    await client.query(`UPDATE "${setup.schema}".callbacks SET terminal = $1 WHERE key = 'job-2'`, [
      JSON.stringify({ ref, status: 'failed', outputs: [], timings: { observedAt: ref.submittedAt } }),
    ]);
    await client.end();
    expect(await delivered).toMatchObject({ status: 'failed' });
  });
});
