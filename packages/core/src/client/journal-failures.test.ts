import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../clock/fake-clock.js';
import { WankitError } from '../errors/wankit-error.js';
import type { JournalRecord } from '../journal/journal-record.js';
import { createMemoryJournal } from '../journal/memory-journal.js';
import type { TextToVideoRequest } from '../spec/request.js';
import { createFakeAdapter } from '../testing/fake-adapter.js';
import { createClient } from './create-client.js';

const base = 'https://api.fake.test';
const request: TextToVideoRequest = {
  kind: 'text-to-video',
  model: 'wan2.5-t2v-preview',
  prompt: 'a kitten running in the moonlight',
  resolution: '720p',
};

/** A journal on a disk that fills up: appends of the given record types fail with ENOSPC. */
function fullDiskJournal(failing: readonly JournalRecord['type'][]) {
  const memory = createMemoryJournal();
  return {
    records: memory.records,
    read: memory.read,
    append: async (record: JournalRecord) => {
      if (failing.includes(record.type)) {
        throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC' });
      }
      await memory.append(record);
    },
  };
}

function setup(failing: readonly JournalRecord['type'][]) {
  const journal = fullDiskJournal(failing);
  const client = createClient({
    adapter: createFakeAdapter(),
    apiKey: 'sk-journal-failures-0123456789',
    clock: createFakeClock(Date.UTC(2026, 0, 1), { autoAdvance: true }),
    journal,
  });
  return { client, journal };
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

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('a journal that cannot be written', () => {
  it('stops a submit before anything is sent when the intent cannot be recorded', async () => {
    const { client } = setup(['intent']);
    const scope = nock(base).post('/v1/tasks').reply(200, { task_id: 't1' });
    const error = await caught(client.submit(request, { key: 'k1' }));
    expect(error).toMatchObject({ kind: 'journal', requestSent: false, field: 'journal' });
    expect(error.message).toContain('nothing was sent');
    expect(error.message).toContain('ENOSPC');
    expect(scope.isDone()).toBe(false);
  });

  it('fails loudly with the task when the task id cannot be recorded: never reported as submitted', async () => {
    const { client, journal } = setup(['submitted']);
    nock(base).post('/v1/tasks').reply(200, { task_id: 't-paid-1' });
    const error = await caught(client.submit(request, { key: 'k2' }));
    expect(error).toMatchObject({ kind: 'journal', taskRef: { taskId: 't-paid-1', adapter: 'fake' } });
    expect(error.message).toContain('t-paid-1');
    expect(error.message).toContain('ENOSPC');
    expect(journal.records.map((r) => r.type)).toEqual(['intent']);
  });

  it('generate does not report a task done when its task id could not be recorded', async () => {
    const { client } = setup(['submitted']);
    nock(base).post('/v1/tasks').reply(200, { task_id: 't-paid-2' });
    nock(base).get('/v1/tasks/t-paid-2').reply(200, { task_id: 't-paid-2', status: 'SUCCEEDED' });
    const error = await caught(client.generate(request));
    expect(error).toMatchObject({ kind: 'journal', taskRef: { taskId: 't-paid-2' } });
  });
});
