import { type IntentRecord, summarizeJournal, type TaskRef, type TaskSnapshot } from '@wankit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresAvailable, testStore } from './test-support/test-database.js';

const at = '2026-01-01T00:00:00.000Z';
const intent = (key: string, fingerprint = 'fp-1'): IntentRecord => ({
  type: 'intent',
  key,
  at,
  fingerprint,
  adapter: 'native',
  baseUrl: 'http://127.0.0.1:1',
  model: 'wan2.6-t2v',
  kind: 'text-to-video',
  request: { kind: 'text-to-video', model: 'wan2.6-t2v', prompt: `prompt of ${key}` },
});
const ref = (taskId: string): TaskRef => ({
  spec: 'wankit.task/v1',
  adapter: 'native',
  taskId,
  model: 'wan2.6-t2v',
  providerModel: 'wan26_t2v',
  kind: 'text-to-video',
  submittedAt: at,
});
const snapshot = (taskId: string, cost = 0.5): TaskSnapshot => ({
  ref: ref(taskId),
  status: 'succeeded',
  outputs: [{ kind: 'video', url: `https://cdn.example.com/${taskId}.mp4` }],
  usage: { cost, currency: 'USD' },
  timings: { observedAt: at },
});

let dispose: (() => Promise<void>) | undefined;
afterEach(async () => {
  await dispose?.();
  dispose = undefined;
});

describe.skipIf(!postgresAvailable)('the Postgres journal', () => {
  it('migrates once, however often migrate() is called', async () => {
    const setup = await testStore();
    dispose = setup.dispose;
    expect(await setup.store.migrate()).toEqual([]);
    const other = setup.open();
    expect(await other.migrate()).toEqual([]);
  });

  it('folds records into task rows as summarizeJournal folds the file journal', async () => {
    const setup = await testStore();
    dispose = setup.dispose;
    const journal = setup.store.journal({ batch: 'b1' });
    await journal.append(intent('a'));
    await journal.append({ type: 'submitted', key: 'a', at, ref: ref('t-a') });
    await journal.append({ type: 'snapshot', key: 'a', at, snapshot: snapshot('t-a') });
    await journal.append({
      type: 'downloaded',
      key: 'a',
      at,
      taskId: 't-a',
      path: '/out/t-a.mp4',
      bytes: 10,
      sha256: 'ab',
      url: 'https://cdn.example.com/t-a.mp4',
    });
    await journal.append(intent('b'));
    await journal.append({ type: 'refused', key: 'b', at, error: { kind: 'rate_limited' } });
    await journal.append(intent('c'));
    await journal.append({ type: 'uncertain', key: 'c', at, error: { kind: 'submit_uncertain' } });
    await journal.append(intent('d'));
    await journal.append({ type: 'submitted', key: 'd', at, ref: ref('t-d') });

    const records = await journal.read();
    expect(records).toHaveLength(10);
    const summary = summarizeJournal(records);
    const tasks = await setup.store.listTasks();
    expect(Object.fromEntries(tasks.map((t) => [t.key, t.state]))).toEqual(
      Object.fromEntries([...summary.values()].map((s) => [s.key, s.state])),
    );
    expect(Object.fromEntries(tasks.map((t) => [t.key, t.state]))).toEqual({
      a: 'downloaded',
      b: 'refused',
      c: 'uncertain',
      d: 'submitted',
    });
    const a = await setup.store.findTask('t-a');
    expect(a).toMatchObject({
      key: 'a',
      batch: 'b1',
      status: 'succeeded',
      cost: 0.5,
      currency: 'USD',
      prompt: 'prompt of a',
      files: [{ path: '/out/t-a.mp4', bytes: 10, sha256: 'ab', url: 'https://cdn.example.com/t-a.mp4' }],
    });
    expect(await setup.store.countByState('b1')).toEqual({
      downloaded: 1,
      refused: 1,
      uncertain: 1,
      submitted: 1,
    });
    expect(
      (await setup.store.listTasks({ status: ['uncertain', 'refused'] })).map((t) => t.key).sort(),
    ).toEqual(['b', 'c']);
    expect((await setup.store.listTasks({ unfinished: true })).map((t) => t.key)).toEqual(['d']);
    expect((await setup.store.listTasks({ status: ['succeeded'] })).map((t) => t.key)).toEqual(['a']);
  });

  it('sums reported costs per batch and per day', async () => {
    const setup = await testStore();
    dispose = setup.dispose;
    const one = setup.store.journal({ batch: 'one' });
    const two = setup.store.journal({ batch: 'two' });
    for (const [journal, key, cost] of [
      [one, 'x', 0.25],
      [one, 'y', 0.5],
      [two, 'z', 1],
    ] as const) {
      await journal.append(intent(key));
      await journal.append({ type: 'submitted', key, at, ref: ref(`t-${key}`) });
      await journal.append({ type: 'snapshot', key, at, snapshot: snapshot(`t-${key}`, cost) });
    }
    expect(await setup.store.costs('batch')).toEqual([
      { group: 'two', currency: 'USD', cost: 1, tasks: 1 },
      { group: 'one', currency: 'USD', cost: 0.75, tasks: 2 },
    ]);
    expect(await setup.store.costs('day')).toEqual([
      { group: '2026-01-01', currency: 'USD', cost: 1.75, tasks: 3 },
    ]);
  });

  it('claims a key once: a second process waits for the holder and gets its ref, never a claim', async () => {
    const setup = await testStore();
    dispose = setup.dispose;
    const first = setup.store.journal();
    const second = setup.open().journal();
    expect(await first.claim(intent('k'), {})).toEqual({ status: 'claimed' });
    let answered = false;
    const waiting = second.claim(intent('k'), {}).then((outcome) => {
      answered = true;
      return outcome;
    });
    // The holder is alive: the second process is still waiting after several of its re-checks would have run.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(false);
    await first.append({ type: 'submitted', key: 'k', at, ref: ref('t-k') });
    expect(await waiting).toEqual({ status: 'submitted', ref: ref('t-k') });
    expect(await second.claim(intent('k'), {})).toEqual({ status: 'submitted', ref: ref('t-k') });
  });

  it('reports uncertain, never claimed, when the holder stopped renewing its lease mid-create', async () => {
    const setup = await testStore({ leaseMs: 400 });
    dispose = setup.dispose;
    const dying = setup.open();
    expect(await dying.journal().claim(intent('k'), {})).toEqual({ status: 'claimed' });
    await dying.close(); // no heartbeat any more: as if the process was killed with the POST in flight
    const outcome = await setup.store.journal().claim(intent('k'), {});
    expect(outcome).toMatchObject({ status: 'uncertain', error: { kind: 'submit_uncertain' } });
    expect(await setup.store.journal().claim(intent('k'), {})).toMatchObject({ status: 'uncertain' });
    const records = await setup.store.journal().read();
    expect(records.map((r) => r.type)).toEqual(['intent', 'uncertain']);
    expect(summarizeJournal(records).get('k')?.state).toBe('uncertain');
  });

  it('keeps a live holder claimed past its first lease thanks to the heartbeat', async () => {
    const setup = await testStore({ leaseMs: 1_000 });
    dispose = setup.dispose;
    const holder = setup.store.journal();
    expect(await holder.claim(intent('k'), {})).toEqual({ status: 'claimed' });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const controller = new AbortController();
    const other = setup.open().journal({ recheckMs: 50 }).claim(intent('k'), { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    await expect(other).rejects.toMatchObject({ kind: 'aborted' });
    expect((await setup.store.findTask('k'))?.state).toBe('intended');
  });

  it('releases the key after a refusal, and ignores a refusal from a process that does not hold it', async () => {
    const setup = await testStore();
    dispose = setup.dispose;
    const holder = setup.store.journal();
    const bystander = setup.open().journal();
    expect(await holder.claim(intent('k'), {})).toEqual({ status: 'claimed' });
    await bystander.append({ type: 'refused', key: 'k', at, error: { kind: 'aborted' } });
    expect((await setup.store.findTask('k'))?.state).toBe('intended');
    await holder.append({ type: 'refused', key: 'k', at, error: { kind: 'rate_limited' } });
    expect(await bystander.claim(intent('k'), {})).toEqual({ status: 'claimed' });
    expect((await setup.store.findTask('k'))?.attempts).toBe(2);
  });

  it('refuses a key reused for a different request', async () => {
    const setup = await testStore();
    dispose = setup.dispose;
    const journal = setup.store.journal();
    await journal.claim(intent('k', 'fp-1'), {});
    await expect(journal.claim(intent('k', 'fp-2'), {})).rejects.toMatchObject({ kind: 'invalid_request' });
  });

  it('holds a claim back while the account has its concurrent-task limit in flight', async () => {
    const setup = await testStore();
    dispose = setup.dispose;
    const options = { account: 'acct', concurrentTasks: 2, recheckMs: 5_000 };
    const a = setup.store.journal(options);
    const b = setup.open().journal(options);
    expect(await a.claim(intent('k1'), {})).toEqual({ status: 'claimed' });
    // In flight counts tasks submitted within the last hours, by the time the record says.
    await a.append({ type: 'submitted', key: 'k1', at: new Date().toISOString(), ref: ref('t1') });
    expect(await b.claim(intent('k2'), {})).toEqual({ status: 'claimed' });
    let answered = false;
    const third = b.claim(intent('k3'), {}).then((outcome) => {
      answered = true;
      return outcome;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(false);
    expect(await setup.store.findTask('k3')).toBeUndefined();
    // k1 finishes: the notification wakes the waiting claim well before its 5 s re-check.
    await a.append({ type: 'snapshot', key: 'k1', at, snapshot: snapshot('t1') });
    expect(await third).toEqual({ status: 'claimed' });
  });
});
