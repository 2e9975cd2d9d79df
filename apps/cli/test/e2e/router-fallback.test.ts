// The router against four simulators with injected outages: every request is served exactly once, and a
// create whose outcome is unknown is never sent to another provider.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDashScopeAdapter } from '@wankit/adapter-dashscope';
import { createGenerateTaskAdapter } from '@wankit/adapter-generate-task';
import { createNativeAdapter } from '@wankit/adapter-native';
import { createV2Adapter } from '@wankit/adapter-v2';
import {
  createClient,
  createMemoryJournal,
  createRouter,
  type ImageToVideoRequest,
  isWankitError,
  summarizeJournal,
  type WankitError,
} from '@wankit/core';
import { type Simulator, type SimulatorOptions, startSimulator, type WireFormat } from '@wankit/simulator';
import { afterEach, describe, expect, it } from 'vitest';

const timeScale = 0.002;
const request: ImageToVideoRequest = {
  kind: 'image-to-video',
  // Served by all four adapters.
  model: 'wan2.5-i2v-preview',
  image: 'https://example.com/cat.png',
  prompt: 'the cat turns its head',
  resolution: '720p',
};

const started: Simulator[] = [];
const start = async (options: SimulatorOptions) => {
  const sim = await startSimulator({ port: 0, timeScale, ...options });
  started.push(sim);
  return sim;
};
afterEach(async () => {
  await Promise.all(started.splice(0).map((sim) => sim.close()));
});

/** A loopback port nothing listens on: connections to it are refused (the request never leaves). */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const createsAt = (sim: Simulator, format: WireFormat) => sim.stats().formats[format].creates;
const createRequestsAt = (sim: Simulator) =>
  Object.values(sim.stats().formats).reduce((sum, format) => sum + format.requests.create, 0);

describe('router across simulators', () => {
  it('serves every request exactly once through 503s, a closed port and a 429 storm', async () => {
    const native = await start({ seed: 1401, faults: { rates: { '503': 0.5 }, endpoints: ['create'] } });
    const refused = await closedPort();
    // One running task at a time: concurrent creates get 429 with Retry-After.
    const v2 = await start({ seed: 1402, limits: { perFormat: { v2: { concurrentTasks: 1 } } } });
    const dashscope = await start({ seed: 1403 });
    const journal = createMemoryJournal();
    const router = createRouter([
      { adapter: createNativeAdapter(), apiKey: 'sk-e2e-native-key', baseUrl: native.baseUrl },
      { adapter: createGenerateTaskAdapter(), apiKey: 'sk-e2e-apixo-key', baseUrl: refused },
      { adapter: createV2Adapter(), apiKey: 'sk-e2e-v2-key', baseUrl: v2.baseUrl },
      { adapter: createDashScopeAdapter(), apiKey: 'sk-e2e-dashscope-key', baseUrl: dashscope.baseUrl },
    ]);
    const client = createClient({
      router,
      journal,
      schedule: { timeScale },
      // One retry of a 429 or a refused connection, then the next provider: "past its retry budget".
      retry: { createRetries: 1, baseDelayMs: 20 },
    });
    const count = 16;
    const results = await Promise.all(
      Array.from({ length: count }, (_, i) => client.generate(request, { key: `line-${i}` })),
    );

    expect(results.every((result) => result.snapshot.status === 'succeeded')).toBe(true);
    const byBaseUrl = (url: string) => results.filter((result) => result.ref.baseUrl === url).length;
    // Every create a simulator counted belongs to exactly one result, and no result is missing.
    expect(createsAt(native, 'native')).toBe(byBaseUrl(native.baseUrl));
    expect(createsAt(v2, 'v2')).toBe(byBaseUrl(v2.baseUrl));
    expect(createsAt(dashscope, 'dashscope')).toBe(byBaseUrl(dashscope.baseUrl));
    expect(byBaseUrl(refused)).toBe(0);
    expect(createsAt(native, 'native') + createsAt(v2, 'v2') + createsAt(dashscope, 'dashscope')).toBe(count);
    expect(new Set(results.map((result) => `${result.ref.baseUrl} ${result.ref.taskId}`)).size).toBe(count);
    // Nothing went to a format the route does not speak.
    for (const sim of [native, v2, dashscope]) expect(sim.stats().tasks.total).toBe(byBaseUrl(sim.baseUrl));

    // The outages really happened, and the router went past them.
    expect(native.stats().faults.byKind['503']).toBeGreaterThan(0);
    expect(byBaseUrl(native.baseUrl)).toBeGreaterThan(0);
    expect(v2.stats().formats.v2.rateLimited).toBeGreaterThan(0);

    // The journal: one finished task per key, each attempt an intent; nothing uncertain.
    const records = await journal.read();
    expect(records.filter((record) => record.type === 'uncertain')).toEqual([]);
    expect(records.filter((record) => record.type === 'submitted')).toHaveLength(count);
    const summaries = [...summarizeJournal(records).values()];
    expect(summaries.map((summary) => summary.state)).toEqual(Array(count).fill('finished'));
    const refusedAttempts = records.filter((record) => record.type === 'refused').length;
    expect(summaries.reduce((sum, summary) => sum + summary.attempts, 0)).toBe(count + refusedAttempts);

    // Later calls on a ref go back to the provider that took the task.
    for (const sim of [native, v2, dashscope]) {
      const result = results.find((r) => r.ref.baseUrl === sim.baseUrl);
      if (!result) continue;
      const before = Object.values(sim.stats().formats).reduce((sum, format) => sum + format.statusReads, 0);
      const again = await client.status(JSON.parse(JSON.stringify(result.ref)));
      expect(again.status).toBe('succeeded');
      const after = Object.values(sim.stats().formats).reduce((sum, format) => sum + format.statusReads, 0);
      expect(after).toBe(before + 1);
    }
  });

  it.each([
    ['a 500 before the task is made', { rates: { '500': 1 } }],
    ['a reset after the task is made', { rates: { reset: 1 } }],
  ] as const)('never sends an uncertain create to another provider: %s', async (_name, faults) => {
    const first = await start({ seed: 1404, faults: { ...faults, endpoints: ['create'] } });
    const second = await start({ seed: 1405 });
    const journal = createMemoryJournal();
    const client = createClient({
      router: createRouter([
        { adapter: createNativeAdapter(), apiKey: 'sk-e2e-native-key', baseUrl: first.baseUrl },
        { adapter: createDashScopeAdapter(), apiKey: 'sk-e2e-dashscope-key', baseUrl: second.baseUrl },
      ]),
      journal,
      schedule: { timeScale },
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 4 }, (_, i) => client.generate(request, { key: `u-${i}` })),
    );
    const errors = outcomes.map((outcome) =>
      outcome.status === 'rejected' && isWankitError(outcome.reason)
        ? (outcome.reason as WankitError)
        : undefined,
    );
    expect(errors.map((error) => error?.kind)).toEqual(Array(4).fill('submit_uncertain'));
    expect(errors.map((error) => error?.attempts?.map((a) => a.outcome))).toEqual(
      Array(4).fill(['uncertain']),
    );
    expect(createRequestsAt(first)).toBe(4);
    expect(createRequestsAt(second)).toBe(0);
    expect((await journal.read()).map((record) => record.type).sort()).toEqual([
      ...Array(4).fill('intent'),
      ...Array(4).fill('uncertain'),
    ]);
  });
});
