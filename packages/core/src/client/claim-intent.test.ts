import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../clock/fake-clock.js';
import type { ClaimOutcome, IntentRecord, JournalRecord, TaskJournal } from '../journal/journal-record.js';
import type { TaskRef } from '../spec/task.js';
import { createFakeAdapter } from '../testing/fake-adapter.js';
import { createClient } from './create-client.js';
import { createRequestBudget } from './request-budget.js';
import { withSharedBudget } from './shared-budget.js';

const base = 'https://api.fake.test';
const request = {
  kind: 'text-to-video',
  model: 'wan2.5-t2v-preview',
  prompt: 'a cat',
  resolution: '720p',
} as const;
const ref: TaskRef = {
  spec: 'wankit.task/v1',
  adapter: 'fake',
  taskId: 'elsewhere',
  model: 'wan2.5-t2v-preview',
  providerModel: 'wan2.5-t2v-preview',
  kind: 'text-to-video',
  submittedAt: '2026-01-01T00:00:00.000Z',
};

/** A journal that answers every claim with `outcome` and records what it was asked. */
function claimingJournal(outcome: ClaimOutcome | Error) {
  const records: JournalRecord[] = [];
  const claims: IntentRecord[] = [];
  const journal: TaskJournal = {
    append: async (record) => {
      records.push(record);
    },
    read: async () => records,
    claim: async (intent) => {
      claims.push(intent);
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  };
  return { journal, records, claims };
}

const clientWith = (journal: TaskJournal) =>
  createClient({
    adapter: createFakeAdapter(),
    apiKey: 'sk-claim-test-123456',
    clock: createFakeClock(),
    journal,
  });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('claim before paying', () => {
  it('sends the create after a claim and records the outcome, never the intent a second time', async () => {
    const { journal, records, claims } = claimingJournal({ status: 'claimed' });
    const create = nock(base).post('/v1/tasks').reply(200, { task_id: 't1' });
    const result = await clientWith(journal).submit(request, { key: 'k' });
    expect(create.isDone()).toBe(true);
    expect(result.ref.taskId).toBe('t1');
    expect(claims.map((c) => [c.type, c.key])).toEqual([['intent', 'k']]);
    expect(records.map((r) => r.type)).toEqual(['submitted']);
  });

  it('sends nothing when another process already submitted the key, and returns its ref', async () => {
    const { journal, records } = claimingJournal({ status: 'submitted', ref });
    const result = await clientWith(journal).submit(request, { key: 'k' });
    expect(result).toMatchObject({ ref, key: 'k' });
    expect(result.snapshot).toBeUndefined();
    expect(records).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('throws submit_uncertain without sending when an earlier create under the key has an unknown outcome', async () => {
    const { journal, records } = claimingJournal({ status: 'uncertain' });
    const client = clientWith(journal);
    await expect(client.submit(request, { key: 'k' })).rejects.toMatchObject({
      kind: 'submit_uncertain',
      requestSent: 'unknown',
    });
    expect(records).toEqual([]);
    expect(client.usage()).toEqual({ activeTasks: 0, waitingTasks: 0 });
  });

  it('frees the task slot and records nothing when the claim itself fails (e.g. aborted while waiting)', async () => {
    const { journal, records } = claimingJournal(new Error('database gone'));
    const client = clientWith(journal);
    await expect(client.submit(request, { key: 'k' })).rejects.toMatchObject({
      kind: 'journal',
      requestSent: false,
    });
    expect(records).toEqual([]);
    expect(client.usage().activeTasks).toBe(0);
  });
});

describe('a shared request budget', () => {
  it('takes the local token, then the shared one, and passes 429 pauses to both', async () => {
    const clock = createFakeClock();
    const events: string[] = [];
    const budget = withSharedBudget(createRequestBudget(clock, {}), {
      takeRequest: () => {
        events.push('shared token');
        return undefined;
      },
      pause: (ms) => {
        events.push(`shared pause ${ms}`);
      },
    });
    await budget.takeRequest();
    budget.pause(2_000);
    let taken = false;
    const second = Promise.resolve(budget.takeRequest()).then(() => {
      taken = true;
    });
    await clock.advance(1_999);
    expect(taken).toBe(false);
    await clock.advance(1);
    await second;
    expect(events).toEqual(['shared token', 'shared pause 2000', 'shared token']);
  });

  it('is asked before every request the client sends', async () => {
    let tokens = 0;
    nock(base).post('/v1/tasks').reply(200, { task_id: 't1' });
    nock(base).get('/v1/tasks/t1').reply(200, { task_id: 't1', status: 'RUNNING' });
    const client = createClient({
      adapter: createFakeAdapter(),
      apiKey: 'sk-claim-test-123456',
      clock: createFakeClock(),
      sharedBudget: {
        takeRequest: () => {
          tokens += 1;
          return undefined;
        },
        pause: () => undefined,
      },
    });
    const { ref: submitted } = await client.submit(request);
    await client.status(submitted);
    expect(tokens).toBe(2);
  });
});
