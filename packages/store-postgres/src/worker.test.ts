import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNativeAdapter } from '@wankit/adapter-native';
import { createClient } from '@wankit/core';
import { type Simulator, startSimulator } from '@wankit/simulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresStore } from './store.js';
import { postgresAvailable, testStore } from './test-support/test-database.js';
import { startWorker, type Worker } from './worker.js';

const timeScale = 0.01;
let sim: Simulator;
let out: string;
beforeAll(async () => {
  if (!postgresAvailable) return;
  sim = await startSimulator({ timeScale, seed: 15 });
});
afterAll(async () => {
  await sim?.close();
});

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const queue = {
  jobTimeoutSeconds: 20,
  retryDelaySeconds: 1,
  maintenanceIntervalSeconds: 1,
  pollingIntervalSeconds: 0.5,
};

function clientFor(store: PostgresStore, requestsPerMinute?: number) {
  const adapter = createNativeAdapter({ baseUrl: sim.baseUrl });
  return createClient({
    adapter,
    apiKey: 'sk-store-worker-test',
    baseUrl: sim.baseUrl,
    schedule: { timeScale },
    ...store.clientOptions({
      account: 'sim',
      ...(requestsPerMinute ? { requestsPerMinute } : {}),
    }),
  });
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const request = (i: number) =>
  ({ kind: 'text-to-video', model: 'wan2.6-t2v', prompt: `line ${i}`, size: '1280*720' }) as const;

describe.skipIf(!postgresAvailable)('the worker pool', () => {
  it('two workers finish every queued line once: one create per line, every file downloaded', async () => {
    const setup = await testStore({ queue });
    cleanup.push(setup.dispose);
    out = await mkdtemp(join(tmpdir(), 'wankit-pool-'));
    cleanup.push(() => rm(out, { recursive: true, force: true }));
    const createsBefore = sim.stats().formats.native.creates;
    const lines = 24;
    const items = Array.from({ length: lines }, (_, i) => ({
      request: request(i),
      key: `line-${i}`,
      batch: 'b',
    }));
    expect((await setup.store.enqueueMany(items)).enqueued).toHaveLength(lines);
    // Enqueueing again, from another process, queues nothing.
    const again = await setup.open().enqueueMany(items);
    expect(again).toEqual({ enqueued: [], requeued: [], existing: items.map((item) => item.key) });

    const workers: Worker[] = [];
    for (let i = 0; i < 2; i++) {
      const store = i === 0 ? setup.store : setup.open();
      workers.push(
        await startWorker({ client: clientFor(store), store, concurrency: 3, out, schedule: { timeScale } }),
      );
    }
    cleanup.push(async () => {
      for (const worker of workers) await worker.stop();
    });
    await until(
      async () => (await setup.store.countByState('b')).downloaded === lines,
      'every line downloaded',
    );
    expect(sim.stats().formats.native.creates - createsBefore).toBe(lines);
    const files = (await readdir(out)).filter((name) => name.endsWith('.mp4'));
    expect(files).toHaveLength(lines);
    const first = await readFile(join(out, files[0]!));
    expect(first.subarray(4, 8).toString('latin1')).toBe('ftyp');
    const tasks = await setup.store.listTasks({ batch: 'b' });
    expect(tasks.every((task) => task.files.length === 1 && task.attempts === 1)).toBe(true);
    expect(new Set(tasks.map((task) => task.taskId)).size).toBe(lines);
    expect(workers.reduce((sum, worker) => sum + worker.steps, 0)).toBeGreaterThanOrEqual(lines * 2);
  }, 120_000);

  it('never re-sends a create whose holder died mid-create: the line ends uncertain', async () => {
    const setup = await testStore({ queue, leaseMs: 400 });
    cleanup.push(setup.dispose);
    const createsBefore = sim.stats().formats.native.creates;
    const dying = setup.open();
    // The dying process's client claims the line (right before its POST) and the process dies there.
    const journal = dying.journal();
    const dyingClient = createClient({
      adapter: createNativeAdapter({ baseUrl: sim.baseUrl }),
      apiKey: 'sk-store-worker-test',
      baseUrl: sim.baseUrl,
      journal: {
        append: (record) => journal.append(record),
        read: () => journal.read(),
        claim: async (intent, options) => {
          expect(await journal.claim(intent, options)).toEqual({ status: 'claimed' });
          throw new Error('killed');
        },
      },
    });
    await setup.store.enqueue(request(7), { key: 'k' });
    await expect(dyingClient.submit(request(7), { key: 'k' })).rejects.toThrow('killed');
    await dying.close();
    const store = setup.open();
    const worker = await startWorker({
      client: clientFor(store),
      store,
      concurrency: 1,
      schedule: { timeScale },
    });
    cleanup.push(() => worker.stop());
    await until(
      async () => (await setup.store.findTask('k'))?.state === 'uncertain',
      'the line reported uncertain',
    );
    expect(sim.stats().formats.native.creates - createsBefore).toBe(0);
    expect((await setup.store.listTasks({ status: ['uncertain'] })).map((t) => t.key)).toEqual(['k']);
  }, 60_000);

  it('a refused line is queued again by a later enqueue, and only then', async () => {
    const setup = await testStore({ queue });
    cleanup.push(setup.dispose);
    const journal = setup.store.journal();
    await setup.store.enqueue(request(1), { key: 'k' });
    // As if a worker's create had been refused for good (nothing created).
    await journal.claim(
      {
        type: 'intent',
        key: 'k',
        at: new Date().toISOString(),
        fingerprint: 'fp',
        adapter: 'native',
        model: 'wan2.6-t2v',
        kind: 'text-to-video',
        request: request(1),
      },
      {},
    );
    await journal.append({
      type: 'refused',
      key: 'k',
      at: new Date().toISOString(),
      error: { kind: 'invalid_request' },
    });
    expect(await setup.store.enqueue(request(1), { key: 'k' })).toBe('requeued');
    expect(await setup.store.enqueue(request(1), { key: 'k' })).toBe('existing');
  });
});
