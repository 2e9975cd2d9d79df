// How core drives a pure (spec v2) adapter: prepare once, preview, build the ref, read tolerantly, cancel.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../clock/fake-clock.js';
import { WankitError } from '../errors/wankit-error.js';
import { createMemoryJournal } from '../journal/memory-journal.js';
import type { TextToVideoRequest } from '../spec/request.js';
import { createFakeAdapter } from '../testing/fake-adapter.js';
import { createClient } from './create-client.js';

const apiKey = 'sk-client-v2-abcdefghijklmnop';
const base = 'https://api.fake.test';
const request: TextToVideoRequest = {
  kind: 'text-to-video',
  model: 'wan2.5-t2v-preview',
  prompt: 'a kitten running in the moonlight',
  resolution: '720p',
};
const wireBody = {
  model: 'wan2_5-t2v-preview',
  prompt: 'a kitten running in the moonlight',
  size: '1280*720',
};

function setup() {
  const clock = createFakeClock(Date.UTC(2026, 0, 1), { autoAdvance: true });
  const journal = createMemoryJournal();
  const client = createClient({
    adapter: createFakeAdapter(),
    apiKey,
    clock,
    journal,
    retry: { random: () => 0.5 },
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

describe('prepare and preview', () => {
  it('validates once and shows the exact request, key redacted, without sending anything', () => {
    const { client } = setup();
    const prepared = client.prepare(request);
    expect(prepared.wire).toEqual({ method: 'POST', path: '/v1/tasks', purpose: 'create', json: wireBody });
    expect(prepared.input.providerModel).toBe('wan2_5-t2v-preview');
    const preview = client.preview(prepared);
    expect(preview).toEqual({
      method: 'POST',
      url: `${base}/v1/tasks`,
      headers: {
        accept: 'application/json',
        'user-agent': 'wankit',
        'content-type': 'application/json',
        authorization: '[redacted]',
      },
      body: wireBody,
    });
    expect(JSON.stringify(preview)).not.toContain(apiKey);
  });

  it('refuses kinds, models and callbacks the adapter does not serve, before any request', () => {
    const { client } = setup();
    expect(() =>
      client.prepare({ kind: 'image-to-video', model: 'wan2.5-i2v-preview', image: 'https://x.test/a.png' }),
    ).toThrow(expect.objectContaining({ kind: 'unsupported', field: 'kind' }));
    expect(() => client.prepare({ ...request, model: 'wan2.6-t2v' })).toThrow(
      expect.objectContaining({ kind: 'unsupported', field: 'model', allowed: ['wan2.5-t2v-preview'] }),
    );
  });

  it('submits a prepared request as prepared', async () => {
    const { client } = setup();
    const prepared = client.prepare(request);
    nock(base).post('/v1/tasks', wireBody).reply(200, { task_id: 't1' });
    const result = await client.submit(prepared, { key: 'k' });
    expect(result.ref).toMatchObject({ taskId: 't1', baseUrl: base, resolution: '720p', durationSeconds: 5 });
  });
});

describe('reading answers by rule', () => {
  it('a create answered with an error status whose body is a task is submitted, never lost', async () => {
    const { client, journal } = setup();
    nock(base).post('/v1/tasks').reply(504, { task_id: 't9', status: 'RUNNING' });
    const result = await client.submit(request, { key: 'k9' });
    expect(result.ref.taskId).toBe('t9');
    expect(result.snapshot?.status).toBe('running');
    expect(journal.records.map((record) => record.type)).toEqual(['intent', 'submitted']);
  });

  it('a 2xx create answer without any task id is an unknown outcome: journaled uncertain, not re-sent', async () => {
    const { client, journal } = setup();
    const scope = nock(base).post('/v1/tasks').once().reply(200, { accepted: true });
    const error = await caught(client.submit(request, { key: 'k2' }));
    expect(error).toMatchObject({ kind: 'submit_uncertain', httpStatus: 200 });
    expect(scope.isDone()).toBe(true);
    expect(journal.records.map((record) => record.type)).toEqual(['intent', 'uncertain']);
  });

  it('an unreadable status body is asked again, and the task is read once it answers properly', async () => {
    const { client } = setup();
    nock(base).post('/v1/tasks').reply(200, { task_id: 't1' });
    const { ref } = await client.submit(request);
    nock(base)
      .get('/v1/tasks/t1')
      .reply(200, '<html>proxy error</html>', { 'content-type': 'text/html' })
      .get('/v1/tasks/t1')
      .reply(200, '{"task_id":"t1","status":')
      .get('/v1/tasks/t1')
      .reply(200, { task_id: 't1', status: 'SUCCEEDED', video_url: 'https://cdn.test/v.mp4' });
    const snapshot = await client.wait(ref);
    expect(snapshot).toMatchObject({
      status: 'succeeded',
      progress: 1,
      outputs: [{ kind: 'video', url: 'https://cdn.test/v.mp4' }],
    });
  });

  it('a single status read of an unreadable body fails typed and retryable once retries are spent', async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1), { autoAdvance: true });
    const client = createClient({ adapter: createFakeAdapter(), apiKey, clock, retry: { retries: 0 } });
    nock(base).post('/v1/tasks').reply(200, { task_id: 't1' });
    const { ref } = await client.submit(request);
    nock(base).get('/v1/tasks/t1').reply(200, '');
    expect(await caught(client.status(ref))).toMatchObject({
      kind: 'invalid_response',
      retryable: true,
      taskRef: ref,
    });
  });

  it('a success without an output URL is a success with a warning', async () => {
    const { client } = setup();
    nock(base).post('/v1/tasks').reply(200, { task_id: 't1', status: 'SUCCEEDED' });
    const { snapshot } = await client.submit(request);
    expect(snapshot).toMatchObject({
      status: 'succeeded',
      outputs: [],
      warnings: [
        {
          type: 'other',
          message: 'the provider reports success but sent no output URL; nothing to download',
        },
      ],
    });
  });
});

describe('cancel', () => {
  it('asks the provider and journals the final state', async () => {
    const { client, journal } = setup();
    nock(base).post('/v1/tasks').reply(200, { task_id: 't1' });
    const { ref } = await client.submit(request, { key: 'kc' });
    nock(base).post('/v1/tasks/t1/cancel').reply(200, { task_id: 't1', status: 'CANCELED' });
    const snapshot = await client.cancel(ref);
    expect(snapshot.status).toBe('canceled');
    expect(journal.records.at(-1)).toMatchObject({ type: 'snapshot', key: 'kc' });
  });

  it('is refused for an adapter that cannot cancel', async () => {
    const client = createClient({ adapter: createFakeAdapter({ capabilities: { cancel: false } }), apiKey });
    nock(base).post('/v1/tasks').reply(200, { task_id: 't1' });
    const { ref } = await client.submit(request);
    expect(await caught(client.cancel(ref))).toMatchObject({ kind: 'unsupported', taskRef: ref });
  });
});

describe('adapters of another specification', () => {
  it('are refused with a clear message', () => {
    const adapter = { ...createFakeAdapter(), specificationVersion: 'v1' } as unknown as ReturnType<
      typeof createFakeAdapter
    >;
    expect(() => createClient({ adapter, apiKey })).toThrow(
      /implements specification v1; this core needs v2/,
    );
  });
});
