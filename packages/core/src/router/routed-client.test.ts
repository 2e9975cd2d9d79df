import { describe, expect, it } from 'vitest';
import { createClient } from '../client/create-client.js';
import { createFakeClock } from '../clock/fake-clock.js';
import { WankitError } from '../errors/wankit-error.js';
import { summarizeJournal } from '../journal/journal-state.js';
import { createMemoryJournal } from '../journal/memory-journal.js';
import type { WanAdapter } from '../spec/adapter.js';
import type { TextToVideoRequest } from '../spec/request.js';
import { createFakeAdapter } from '../testing/fake-adapter.js';
import { createFakeTransport, type FakeAnswer, type FakeExchange } from '../testing/fake-transport.js';
import { createRouter, type RouteConfig, type RouterOptions } from './create-router.js';
import type { FallbackRule } from './route-attempt.js';

const start = Date.UTC(2026, 0, 1);
const keyA = 'sk-route-a-0123456789abcdef';
const keyB = 'sk-route-b-0123456789abcdef';
const keyC = 'sk-route-c-0123456789abcdef';
const request: TextToVideoRequest = {
  kind: 'text-to-video',
  model: 'wan2.5-t2v-preview',
  prompt: 'a kitten running in the moonlight',
  resolution: '720p',
};

/** Thrown by undici's fetch when nothing listens on the port: the request never left. */
const connectionRefused = () =>
  new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
  });
/** Thrown when the server dropped the connection after the request went out: the outcome is unknown. */
const connectionReset = () =>
  new TypeError('fetch failed', {
    cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
  });

type Host = 'a' | 'b' | 'c';
type Reply = FakeAnswer | (() => Error);

/**
 * Three providers of the fake wire format (a and b share the adapter id, c has its own), one recording fetch;
 * each host answers creates from its own list (the last answer repeats) and status reads with a finished task.
 */
function setup(
  creates: Partial<Record<Host, Reply[]>>,
  options: { routes?: (routes: RouteConfig[]) => RouteConfig[]; router?: RouterOptions } = {},
) {
  const clock = createFakeClock(start, { autoAdvance: true });
  const journal = createMemoryJournal();
  const counts: Record<Host, number> = { a: 0, b: 0, c: 0 };
  const transport = createFakeTransport([], (exchange: FakeExchange) => {
    const host = new URL(exchange.url).hostname.split('.')[0] as Host;
    if (exchange.method === 'GET') {
      const id = exchange.url.split('/').pop();
      return {
        status: 200,
        body: { task_id: id, status: 'SUCCEEDED', video_url: `https://cdn.test/${host}/${id}.mp4` },
      };
    }
    const list = creates[host] ?? [{ status: 200, body: { task_id: `${host}-1` } }];
    const reply = list[Math.min(counts[host], list.length - 1)] as Reply;
    counts[host] += 1;
    if (typeof reply === 'function') throw reply();
    return reply;
  });
  const adapterC: WanAdapter = { ...createFakeAdapter({ defaultBaseUrl: 'https://c.test' }), id: 'fake-c' };
  const base: RouteConfig[] = [
    { adapter: createFakeAdapter(), apiKey: keyA, baseUrl: 'https://a.test' },
    { adapter: createFakeAdapter(), apiKey: keyB, baseUrl: 'https://b.test' },
    { adapter: adapterC, apiKey: keyC },
  ];
  const router = createRouter(options.routes ? options.routes(base) : base, options.router);
  const client = createClient({
    router,
    clock,
    journal,
    fetch: transport.fetch,
    retry: { random: () => 0.5, createRetries: 2 },
  });
  const createsAt = (host: Host) =>
    transport.sent.filter((e) => e.method === 'POST' && new URL(e.url).hostname === `${host}.test`).length;
  return { client, journal, transport, clock, createsAt };
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

const answer = (status: number, body?: unknown, headers?: Record<string, string>): FakeAnswer => ({
  status,
  ...(body === undefined ? {} : { body }),
  ...(headers ? { headers } : {}),
});

describe('createRouter', () => {
  it('sends a create to the first provider and records it in the ref', async () => {
    const { client, createsAt, transport } = setup({});
    const result = await client.submit(request, { key: 'job-1' });
    expect(result.ref).toMatchObject({ adapter: 'fake', taskId: 'a-1', baseUrl: 'https://a.test' });
    expect([createsAt('a'), createsAt('b'), createsAt('c')]).toEqual([1, 0, 0]);
    expect(transport.sent[0]?.body).toEqual({
      model: 'wan2_5-t2v-preview',
      prompt: 'a kitten running in the moonlight',
      size: '1280*720',
    });
  });

  const refusals: [FallbackRule, Reply[], number][] = [
    // 429 on every try: the client's 2 create retries are spent at a, then b takes it.
    ['rate_limited', [answer(429, { message: 'slow down' }, { 'retry-after': '1' })], 3],
    ['unavailable', [answer(503, { message: 'overloaded' })], 1],
    ['not_sent', [connectionRefused], 3],
    ['authentication', [answer(401, { message: 'bad key' })], 1],
    ['insufficient_balance', [answer(402, { message: 'no balance' })], 1],
    ['not_served', [answer(404, { message: 'model not found' })], 1],
  ];

  it.each(refusals)(
    'falls back on %s, journaling each attempt under one key',
    async (rule, replies, sentAtA) => {
      const { client, journal, createsAt } = setup({ a: replies });
      const result = await client.submit(request, { key: 'job-1' });
      expect(result.ref).toMatchObject({ adapter: 'fake', taskId: 'b-1', baseUrl: 'https://b.test' });
      expect([createsAt('a'), createsAt('b'), createsAt('c')]).toEqual([sentAtA, 1, 0]);
      const types = journal.records.map((record) => record.type);
      // A create that never left (no connection) still had its intent journaled first.
      expect(types).toEqual(['intent', 'refused', 'intent', 'submitted']);
      const intents = journal.records.filter((record) => record.type === 'intent');
      expect(intents.map((record) => record.type === 'intent' && record.baseUrl)).toEqual([
        'https://a.test',
        'https://b.test',
      ]);
      const summary = summarizeJournal(journal.records).get('job-1');
      expect(summary).toMatchObject({ state: 'submitted', attempts: 2, ref: { baseUrl: 'https://b.test' } });
      expect(rule).toBeTruthy();
    },
  );

  it.each(refusals)('does not fall back on %s when fallbackOn leaves it out', async (rule, replies) => {
    const others = (
      [
        'rate_limited',
        'unavailable',
        'not_sent',
        'authentication',
        'insufficient_balance',
        'not_served',
      ] as const
    ).filter((r) => r !== rule);
    const { client, createsAt } = setup({ a: replies }, { router: { fallbackOn: others } });
    const error = await caught(client.submit(request, { key: 'job-1' }));
    expect(createsAt('b')).toBe(0);
    expect(error.attempts).toEqual([
      expect.objectContaining({ adapter: 'fake', baseUrl: 'https://a.test', outcome: 'refused' }),
    ]);
    expect(error.attempts?.[0]).not.toHaveProperty('fallback');
  });

  it.each([
    ['a 500 (the task may exist)', [answer(500, { message: 'internal' })]],
    ['a 502 from a gateway', [answer(502, { message: 'bad gateway' })]],
    ['a connection reset after sending', [connectionReset]],
    ['a 2xx without a task id', [answer(200, { ok: true })]],
  ] as [string, Reply[]][])('never falls back after an uncertain create: %s', async (_name, replies) => {
    const { client, journal, createsAt } = setup({ a: replies });
    const error = await caught(client.submit(request, { key: 'job-1' }));
    expect(error.kind).toBe('submit_uncertain');
    expect(error.fingerprint).toMatch(/\S/);
    expect([createsAt('a'), createsAt('b'), createsAt('c')]).toEqual([1, 0, 0]);
    expect(journal.records.map((record) => record.type)).toEqual(['intent', 'uncertain']);
    expect(error.attempts).toEqual([
      {
        adapter: 'fake',
        baseUrl: 'https://a.test',
        outcome: 'uncertain',
        kind: 'submit_uncertain',
        ...(error.httpStatus ? { httpStatus: error.httpStatus } : {}),
      },
    ]);
    expect(error.message).toContain('providers tried: fake at https://a.test: uncertain');
  });

  it('stops at an uncertain create after earlier refusals, naming every provider tried', async () => {
    const { client, createsAt } = setup({ a: [answer(503, {})], b: [connectionReset] });
    const error = await caught(client.submit(request));
    expect(error.kind).toBe('submit_uncertain');
    expect([createsAt('a'), createsAt('b'), createsAt('c')]).toEqual([1, 1, 0]);
    expect(error.attempts?.map((a) => [a.baseUrl, a.outcome, a.fallback])).toEqual([
      ['https://a.test', 'refused', 'unavailable'],
      ['https://b.test', 'uncertain', undefined],
    ]);
  });

  it('does not fall back on a refusal no rule covers (a bad request)', async () => {
    const { client, createsAt } = setup({ a: [answer(400, { message: 'prompt rejected' })] });
    const error = await caught(client.submit(request));
    expect(error.kind).toBe('invalid_request');
    expect([createsAt('a'), createsAt('b')]).toEqual([1, 0]);
  });

  it('throws the last refusal with every provider tried when all refuse', async () => {
    const { client, createsAt } = setup({
      a: [answer(503, {})],
      b: [answer(402, { message: 'no balance' })],
      c: [answer(401, { message: 'bad key' })],
    });
    const error = await caught(client.submit(request));
    expect(error.kind).toBe('authentication');
    expect([createsAt('a'), createsAt('b'), createsAt('c')]).toEqual([1, 1, 1]);
    expect(error.attempts?.map((a) => `${a.adapter} ${a.baseUrl} ${a.kind} ${a.fallback}`)).toEqual([
      'fake https://a.test provider_error unavailable',
      'fake https://b.test insufficient_balance insufficient_balance',
      'fake-c https://c.test authentication authentication',
    ]);
    for (const key of [keyA, keyB, keyC]) expect(JSON.stringify(error.toJSON())).not.toContain(key);
  });

  it('goes to the first provider that serves the model, skipping the others without sending', async () => {
    const { client, createsAt } = setup(
      {},
      {
        routes: ([a, b, c]) => [
          { ...(a as RouteConfig), models: ['wan2.2-t2v-plus'] },
          {
            ...(b as RouteConfig),
            adapter: createFakeAdapter({ capabilities: { kinds: ['text-to-image'] } }),
          },
          c as RouteConfig,
        ],
      },
    );
    const result = await client.submit(request);
    expect(result.ref).toMatchObject({ adapter: 'fake-c', baseUrl: 'https://c.test', taskId: 'c-1' });
    expect([createsAt('a'), createsAt('b'), createsAt('c')]).toEqual([0, 0, 1]);
  });

  it('refuses a model no provider serves before sending anything, naming what they serve', async () => {
    const { client, transport, journal } = setup({});
    const error = await caught(client.submit({ ...request, model: 'wan2.6-t2v', resolution: '720p' }));
    expect(error).toMatchObject({
      kind: 'unsupported',
      field: 'model',
      value: 'wan2.6-t2v',
      allowed: ['wan2.5-t2v-preview'],
    });
    expect(transport.sent).toHaveLength(0);
    expect(journal.records).toHaveLength(0);
  });

  it('answers bad input once, before any provider is tried', async () => {
    const { client, transport } = setup({});
    const error = await caught(client.submit({ ...request, durationSeconds: 7 }));
    expect(error).toMatchObject({ kind: 'invalid_request', field: 'durationSeconds' });
    expect(transport.sent).toHaveLength(0);
  });

  it('sends each key only to its own base URL, for creates and for every later call on the ref', async () => {
    const { client, transport } = setup({ a: [answer(503, {})] });
    const done = await client.generate(request);
    expect(done.snapshot).toMatchObject({
      status: 'succeeded',
      outputs: [{ url: 'https://cdn.test/b/b-1.mp4' }],
    });
    const status = await client.status(done.ref);
    expect(status.ref.baseUrl).toBe('https://b.test');
    const keyOf: Record<string, string> = { 'a.test': keyA, 'b.test': keyB, 'c.test': keyC };
    expect(transport.sent.length).toBeGreaterThanOrEqual(3);
    for (const exchange of transport.sent) {
      const host = new URL(exchange.url).hostname;
      expect(exchange.headers.authorization).toBe(`Bearer ${keyOf[host]}`);
    }
    expect(
      transport.sent.filter((e) => e.method === 'GET').every((e) => e.url.startsWith('https://b.test/')),
    ).toBe(true);
  });

  it('polls a ref from another process at the provider that took it, and refuses a ref of no provider', async () => {
    const { client, transport } = setup({});
    const ref = {
      spec: 'wankit.task/v1' as const,
      adapter: 'fake',
      taskId: 'x-9',
      model: 'wan2.5-t2v-preview',
      providerModel: 'wan2_5-t2v-preview',
      kind: 'text-to-video' as const,
      submittedAt: new Date(start).toISOString(),
      baseUrl: 'https://b.test/',
    };
    const snapshot = await client.wait(JSON.parse(JSON.stringify(ref)));
    expect(snapshot.status).toBe('succeeded');
    expect(transport.sent.map((e) => `${e.method} ${e.url} ${e.headers.authorization}`)).toEqual([
      `GET https://b.test/v1/tasks/x-9 Bearer ${keyB}`,
    ]);
    const error = await caught(client.status({ ...ref, baseUrl: 'https://elsewhere.test' }));
    expect(error).toMatchObject({ kind: 'invalid_request', field: 'ref' });
    expect(transport.sent).toHaveLength(1);
  });

  it('falls back past a provider with no key without sending to it', async () => {
    const { client, transport } = setup(
      {},
      { routes: ([a, ...rest]) => [{ ...(a as RouteConfig), apiKey: undefined }, ...rest] },
    );
    const result = await client.submit(request);
    expect(result.ref.baseUrl).toBe('https://b.test');
    expect(transport.sent.map((e) => new URL(e.url).hostname)).toEqual(['b.test']);
  });

  it('refuses routes it could not tell apart and unknown rules', () => {
    const adapter = createFakeAdapter();
    expect(() => createRouter([{ adapter }, { adapter, baseUrl: 'https://api.fake.test/' }])).toThrow(
      expect.objectContaining({ kind: 'invalid_request', field: 'routes[1].baseUrl' }),
    );
    expect(() => createRouter([])).toThrow(expect.objectContaining({ field: 'routes' }));
    expect(() => createRouter([{ adapter }], { fallbackOn: ['timeout' as FallbackRule] })).toThrow(
      expect.objectContaining({ field: 'fallbackOn' }),
    );
    expect(() => createClient({ router: { routes: [{ adapter }], fallbackOn: [], adapter } })).toThrow(
      expect.objectContaining({ field: 'router' }),
    );
  });

  it('describes itself as one adapter: the union of what its providers serve', () => {
    const { client } = setup({});
    expect(client.adapter.id).toBe('router');
    expect(client.adapter.capabilities.kinds).toEqual(['text-to-video', 'text-to-image']);
    expect(client.adapter.capabilities.models).toEqual(['wan2.5-t2v-preview']);
  });

  it('prepares and previews on the provider that would take the request, and submits it there', async () => {
    const { client, createsAt } = setup(
      {},
      { routes: ([a, b, c]) => [{ ...(a as RouteConfig), models: [] }, b as RouteConfig, c as RouteConfig] },
    );
    const prepared = client.prepare(request);
    expect(client.preview(prepared)).toMatchObject({ method: 'POST', url: 'https://b.test/v1/tasks' });
    const { ref } = await client.submit(prepared);
    expect(ref.baseUrl).toBe('https://b.test');
    expect([createsAt('a'), createsAt('b')]).toEqual([0, 1]);
  });
});

describe('router.adapter', () => {
  it('validates and translates a request for the first provider serving it, as a prepare before connecting', async () => {
    const { prepareRequest } = await import('../client/prepare-request.js');
    const router = createRouter([
      {
        adapter: createFakeAdapter({ capabilities: { models: ['wan2.2-t2v-plus'] } }),
        baseUrl: 'https://a.test',
      },
      { adapter: createFakeAdapter(), baseUrl: 'https://b.test' },
    ]);
    const prepared = prepareRequest(router.adapter, request, {});
    expect(prepared.wire.json).toEqual({
      model: 'wan2_5-t2v-preview',
      prompt: request.prompt,
      size: '1280*720',
    });
    expect(() => prepareRequest(router.adapter, { ...request, model: 'wan2.6-t2v' }, {})).toThrow(
      expect.objectContaining({ kind: 'unsupported', field: 'model' }),
    );
  });
});
