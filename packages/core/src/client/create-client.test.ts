import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../clock/fake-clock.js';
import { WankitError } from '../errors/wankit-error.js';
import { createMemoryJournal } from '../journal/memory-journal.js';
import type { TextToVideoRequest } from '../spec/request.js';
import type { TaskSnapshot } from '../spec/task.js';
import { createFakeAdapter } from '../testing/fake-adapter.js';
import { createClient } from './create-client.js';

const apiKey = 'sk-client-test-abcdefghijkl';
const base = 'https://api.fake.test';
const start = Date.UTC(2026, 0, 1);
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

function setup(options: Partial<Parameters<typeof createClient>[0]> = {}) {
  const clock = createFakeClock(start, { autoAdvance: true });
  const journal = createMemoryJournal();
  const client = createClient({
    adapter: createFakeAdapter(),
    apiKey,
    clock,
    journal,
    retry: { random: () => 0.5 },
    ...options,
  });
  return { clock, journal, client };
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

const task = (status: string, extra: Record<string, unknown> = {}) => ({ task_id: 't1', status, ...extra });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('createClient: submit', () => {
  it('validates, journals the intent before the POST, sends the wire body and returns the ref', async () => {
    const { client, journal, clock } = setup();
    let journaledBeforePost: string[] = [];
    nock(base)
      .post('/v1/tasks', wireBody)
      .reply(200, () => {
        journaledBeforePost = journal.records.map((record) => record.type);
        return { task_id: 't1' };
      });
    const result = await client.submit(request, { key: 'job-1' });
    expect(journaledBeforePost).toEqual(['intent']);
    expect(result.ref).toEqual({
      spec: 'wankit.task/v1',
      adapter: 'fake',
      taskId: 't1',
      model: 'wan2.5-t2v-preview',
      providerModel: 'wan2_5-t2v-preview',
      kind: 'text-to-video',
      submittedAt: new Date(clock.now()).toISOString(),
      baseUrl: base,
      resolution: '720p',
      durationSeconds: 5,
    });
    expect(result.warnings).toEqual([]);
    expect(result.key).toBe('job-1');
    expect(result.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(journal.records.map((record) => record.type)).toEqual(['intent', 'submitted']);
    expect(journal.records[0]).toMatchObject({
      type: 'intent',
      key: 'job-1',
      fingerprint: result.fingerprint,
      adapter: 'fake',
      model: 'wan2.5-t2v-preview',
      kind: 'text-to-video',
    });
    expect(JSON.stringify(journal.records)).not.toContain(apiKey);
  });

  it('gives the same request the same fingerprint', async () => {
    const { client } = setup();
    nock(base).post('/v1/tasks').times(2).reply(200, { task_id: 't1' });
    const first = await client.submit(request);
    const second = await client.submit({ ...request });
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.key).not.toBe(first.key);
  });

  it('refuses bad input before sending anything', async () => {
    const { client, journal } = setup();
    const error = await caught(
      client.submit({ ...request, resolution: '4k' } as unknown as TextToVideoRequest),
    );
    expect(error.kind).toBe('invalid_request');
    expect(journal.records).toEqual([]);
  });

  it('needs an API key, and says how to give one', async () => {
    const { client } = setup({ apiKey: undefined });
    const error = await caught(client.submit(request));
    expect(error).toMatchObject({ kind: 'authentication', field: 'apiKey' });
    expect(error.message).toBe(
      'No API key for Fake provider; pass apiKey to createClient({ adapter, apiKey })',
    );
  });

  it('needs a base URL when the adapter documents none', async () => {
    const { client } = setup({ adapter: createFakeAdapter({ defaultBaseUrl: null }) });
    const error = await caught(client.submit(request));
    expect(error).toMatchObject({ kind: 'invalid_request', field: 'baseUrl' });
  });

  it('refuses a plain-http base URL on a public host when created', () => {
    expect(() => setup({ baseUrl: 'http://api.fake.test' })).toThrow(
      expect.objectContaining({ kind: 'invalid_request' }),
    );
  });

  it('retries a create answered 429, after the Retry-After it carried', async () => {
    const { client, clock } = setup();
    const posts: number[] = [];
    nock(base)
      .post('/v1/tasks', wireBody)
      .reply(() => {
        posts.push(clock.now() - start);
        return [429, { message: 'slow down' }, { 'Retry-After': '3' }];
      })
      .post('/v1/tasks', wireBody)
      .reply(() => {
        posts.push(clock.now() - start);
        return [200, { task_id: 't1' }];
      });
    const result = await client.submit(request);
    expect(result.ref.taskId).toBe('t1');
    expect(posts).toEqual([0, 3_000]);
  });

  it('never re-sends a create whose outcome is unknown: submit_uncertain with the fingerprint', async () => {
    const { client, journal } = setup({ timeouts: { requestMs: 30 } });
    const scope = nock(base)
      .post('/v1/tasks')
      .delay(200)
      .reply(200, { task_id: 't1' })
      .post('/v1/tasks')
      .reply(200, { task_id: 't2' });
    const error = await caught(client.submit(request, { key: 'job-9' }));
    expect(error).toMatchObject({ kind: 'submit_uncertain', requestSent: 'unknown', retryable: false });
    expect(error.fingerprint).toBe((journal.records[0] as { fingerprint: string }).fingerprint);
    expect((error.cause as WankitError).kind).toBe('timeout');
    expect(scope.pendingMocks()).toHaveLength(1);
    expect(journal.records.map((record) => record.type)).toEqual(['intent', 'uncertain']);
    expect(journal.records[1]).toMatchObject({ key: 'job-9', error: { kind: 'submit_uncertain' } });
  });

  it('rethrows a refusal as is and journals it', async () => {
    const { client, journal } = setup();
    nock(base).post('/v1/tasks').reply(402, { message: 'no money' });
    const error = await caught(client.submit(request));
    expect(error).toMatchObject({ kind: 'insufficient_balance', httpStatus: 402 });
    expect(journal.records.map((record) => record.type)).toEqual(['intent', 'refused']);
  });
});

describe('createClient: status', () => {
  const ref = {
    spec: 'wankit.task/v1',
    adapter: 'fake',
    taskId: 't1',
    model: 'wan2.5-t2v-preview',
    providerModel: 'wan2_5-t2v-preview',
    kind: 'text-to-video',
    submittedAt: new Date(start).toISOString(),
    resolution: '720p',
  } as const;

  it('retries a read on 503 and 408 with backoff', async () => {
    const { client, clock } = setup();
    const reads: number[] = [];
    const record = (status: number, body: unknown) => () => {
      reads.push(clock.now() - start);
      return [status, body] as [number, unknown];
    };
    nock(base)
      .get('/v1/tasks/t1')
      .reply(record(503, 'busy'))
      .get('/v1/tasks/t1')
      .reply(record(408, 'slow'))
      .get('/v1/tasks/t1')
      .reply(record(200, task('RUNNING', { progress: 0.5 })));
    const snapshot = await client.status(ref);
    expect(snapshot).toMatchObject({ status: 'running', progress: 0.5, providerStatus: 'RUNNING' });
    expect(reads).toEqual([0, 250, 750]);
  });

  it('refuses a ref from another adapter', async () => {
    const { client } = setup();
    const error = await caught(client.status({ ...ref, adapter: 'native' }));
    expect(error).toMatchObject({
      kind: 'invalid_request',
      field: 'ref.adapter',
      value: 'native',
      allowed: ['fake'],
    });
  });

  it('attaches the task ref to a failure', async () => {
    const { client } = setup();
    nock(base).get('/v1/tasks/t1').reply(404, {});
    expect(await caught(client.status(ref))).toMatchObject({ kind: 'not_found', taskRef: ref });
  });
});

describe('createClient: wait and generate', () => {
  it('polls on the schedule, reports progress and resolves with the terminal snapshot', async () => {
    const { client, clock, journal } = setup();
    const reads: number[] = [];
    nock(base).post('/v1/tasks').reply(200, { task_id: 't1' });
    const replies = [
      task('QUEUED'),
      task('RUNNING'),
      task('SUCCEEDED', { video_url: 'https://cdn.fake.test/t1.mp4' }),
    ];
    nock(base)
      .get('/v1/tasks/t1')
      .times(3)
      .reply(() => {
        reads.push(clock.now() - start);
        return [200, replies[reads.length - 1]];
      });
    const { ref } = await client.submit(request, { key: 'job-2' });
    const seen: string[] = [];
    const snapshot = await client.wait(ref, { onProgress: (s) => seen.push(s.status) });
    expect(snapshot).toMatchObject({
      status: 'succeeded',
      outputs: [{ kind: 'video', url: 'https://cdn.fake.test/t1.mp4' }],
    });
    // 720p: the catalog says 50–70 s, so the first read is at 50 s + 4.5 s, then every 4.5 s.
    expect(reads).toEqual([54_500, 59_000, 63_500]);
    expect(seen).toEqual(['queued', 'running', 'succeeded']);
    expect(journal.records.map((record) => record.type)).toEqual(['intent', 'submitted', 'snapshot']);
    expect(journal.records[2]).toMatchObject({ key: 'job-2', snapshot: { status: 'succeeded' } });
    expect(client.usage()).toEqual({ activeTasks: 0, waitingTasks: 0 });
  });

  it('resolves with a failed task (it is data); generate throws it with the failure kind', async () => {
    const { client } = setup();
    const failed = task('FAILED', { error_code: 'CONTENT_VIOLATION', error_message: 'unsafe' });
    nock(base).post('/v1/tasks').times(2).reply(200, { task_id: 't1' });
    nock(base).get('/v1/tasks/t1').times(2).reply(200, failed);
    const { ref } = await client.submit(request);
    expect(await client.wait(ref)).toMatchObject({ status: 'failed', error: { kind: 'content_policy' } });
    const error = await caught(client.generate(request));
    expect(error).toMatchObject({
      kind: 'content_policy',
      providerCode: 'CONTENT_VIOLATION',
      taskRef: { taskId: 't1' },
    });
    expect(error.message).toBe('Task t1 failed: unsafe');
  });

  it('stops at the deadline with a timeout carrying the ref; the task can be waited on again', async () => {
    const { client } = setup();
    nock(base).post('/v1/tasks').reply(200, { task_id: 't1' });
    nock(base).get('/v1/tasks/t1').reply(200, task('RUNNING'));
    const { ref } = await client.submit(request);
    const error = await caught(client.wait(ref, { deadlineMs: 58_000 }));
    expect(error).toMatchObject({ kind: 'timeout', retryable: true, taskRef: ref });
    expect(client.usage().activeTasks).toBe(0);
    nock(base).get('/v1/tasks/t1').reply(200, task('SUCCEEDED'));
    expect(await client.wait(ref)).toMatchObject({ status: 'succeeded' });
  });

  it('stops on abort with an aborted error carrying the ref', async () => {
    const { client } = setup();
    nock(base).post('/v1/tasks').reply(200, { task_id: 't1' });
    const { ref } = await client.submit(request);
    const controller = new AbortController();
    const waiting = client.wait(ref, { signal: controller.signal });
    controller.abort();
    expect(await caught(waiting)).toMatchObject({ kind: 'aborted', taskRef: ref });
  });

  it('shares the concurrent-task limit across tasks: a submit waits for a free slot', async () => {
    const { client, clock } = setup({ limits: { concurrentTasks: 1 } });
    const posts: number[] = [];
    nock(base)
      .post('/v1/tasks')
      .times(2)
      .reply(() => {
        posts.push(clock.now() - start);
        return [200, { task_id: `t${posts.length}` }];
      });
    nock(base).get('/v1/tasks/t1').reply(200, task('SUCCEEDED'));
    const first = await client.submit(request);
    const second = client.submit(request);
    await clock.flush();
    expect(posts).toEqual([0]);
    expect(client.usage()).toEqual({ activeTasks: 1, waitingTasks: 1 });
    await client.wait(first.ref);
    expect((await second).ref.taskId).toBe('t2');
    expect(posts).toEqual([0, 54_500]);
  });

  it('generate downloads every output and journals the files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wankit-client-'));
    // The download reader talks to sockets directly: a loopback server stands in for the CDN.
    const cdnHeaders: IncomingHttpHeaders[] = [];
    const cdn = createServer((incoming, response) => {
      cdnHeaders.push(incoming.headers);
      response.writeHead(incoming.url === '/out/video.mp4?sig=abc' ? 200 : 404, {
        'content-type': 'video/mp4',
        'content-length': '18',
      });
      response.end('not really a video');
    });
    await new Promise<void>((done) => cdn.listen(0, '127.0.0.1', done));
    const videoUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}/out/video.mp4?sig=abc`;
    try {
      const { client, journal } = setup();
      nock(base).post('/v1/tasks').reply(200, { task_id: 't1' });
      nock(base)
        .get('/v1/tasks/t1')
        .reply(200, task('SUCCEEDED', { video_url: videoUrl }));
      const result = await client.generate(request, { download: { dir }, key: 'job-3' });
      expect(result.files).toEqual([
        expect.objectContaining({
          path: join(dir, 't1.mp4'),
          bytes: 18,
          url: videoUrl,
        }),
      ]);
      // The API key never goes to the result host.
      expect(cdnHeaders.map((headers) => headers.authorization)).toEqual([undefined]);
      expect(await readFile(join(dir, 't1.mp4'), 'utf8')).toBe('not really a video');
      expect(journal.records.map((record) => record.type)).toEqual([
        'intent',
        'submitted',
        'snapshot',
        'downloaded',
      ]);
      expect(journal.records[3]).toMatchObject({
        key: 'job-3',
        taskId: 't1',
        path: join(dir, 't1.mp4'),
        bytes: 18,
      });
    } finally {
      cdn.closeAllConnections();
      await new Promise<void>((done) => cdn.close(() => done()));
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names downloaded files by `name` instead of the task id, made safe', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wankit-client-'));
    const cdn = createServer((_incoming, response) => {
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': '3' });
      response.end('png');
    });
    await new Promise<void>((done) => cdn.listen(0, '127.0.0.1', done));
    const origin = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;
    try {
      const { client } = setup();
      const snapshot = {
        ref: { taskId: 't9' },
        status: 'succeeded',
        outputs: [
          { kind: 'image', url: `${origin}/a.png` },
          { kind: 'image', url: `${origin}/b.png` },
        ],
      } as unknown as TaskSnapshot;
      const files = await client.download(snapshot, { dir, name: '../fox/red' });
      expect(files.map((file) => file.path)).toEqual([
        join(dir, '__fox_red-1.png'),
        join(dir, '__fox_red-2.png'),
      ]);
    } finally {
      cdn.closeAllConnections();
      await new Promise<void>((done) => cdn.close(() => done()));
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to download a task without outputs', async () => {
    const { client } = setup();
    const snapshot = { status: 'failed', outputs: [] } as unknown as TaskSnapshot;
    expect(await caught(client.download(snapshot, { dir: '/tmp' }))).toMatchObject({
      kind: 'invalid_request',
    });
  });
});

describe('createClient: cancelBeforeSend (what Ctrl-C in a batch uses)', () => {
  it('stops a submit still waiting for a task slot: nothing sent, nothing journaled', async () => {
    const { client, journal } = setup({ limits: { concurrentTasks: 1 } });
    nock(base).post('/v1/tasks').reply(200, { task_id: 't1' });
    await client.submit(request, { key: 'first' });
    const cancel = new AbortController();
    const waiting = client.submit(request, { key: 'second', cancelBeforeSend: cancel.signal });
    cancel.abort();
    expect((await caught(waiting)).kind).toBe('aborted');
    expect(journal.records.filter((record) => record.key === 'second')).toEqual([]);
    expect(nock.isDone()).toBe(true);
  });

  it('lets a create already on the wire finish, so it is journaled as submitted, never uncertain', async () => {
    const { client, journal } = setup();
    const cancel = new AbortController();
    nock(base)
      .post('/v1/tasks')
      .reply(200, () => {
        cancel.abort();
        return { task_id: 't9' };
      });
    const result = await client.submit(request, { key: 'k', cancelBeforeSend: cancel.signal });
    expect(result.ref.taskId).toBe('t9');
    expect(journal.records.map((record) => record.type)).toEqual(['intent', 'submitted']);
  });

  it('does not retry a 429 once cancelled: the refusal is journaled and nothing is sent again', async () => {
    const { client, journal } = setup();
    const cancel = new AbortController();
    nock(base)
      .post('/v1/tasks')
      .reply(() => {
        cancel.abort();
        return [429, { error: 'slow down' }, { 'retry-after': '1' }];
      });
    const error = await caught(client.submit(request, { key: 'k', cancelBeforeSend: cancel.signal }));
    expect(error.kind).toBe('rate_limited');
    expect(journal.records.map((record) => record.type)).toEqual(['intent', 'refused']);
    expect(nock.isDone()).toBe(true);
  });
});

describe('createClient: generate deadline', () => {
  it('covers the wait for a task slot: the deadline ends it before anything is sent, as a timeout', async () => {
    const { client, journal } = setup({ limits: { concurrentTasks: 1 } });
    nock(base).post('/v1/tasks').reply(200, { task_id: 't1' });
    await client.submit(request, { key: 'holder' });
    const error = await caught(client.generate(request, { key: 'late', deadlineMs: 10_000 }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('nothing was sent');
    expect(journal.records.filter((record) => record.key === 'late')).toEqual([]);
  });
});

describe('createClient: a create answered with a final state', () => {
  it('generate reads no status, journals the snapshot once and reports it to onProgress', async () => {
    const { client, journal } = setup();
    const done = task('SUCCEEDED', { video_url: 'https://cdn.fake.test/t1.mp4' });
    nock(base).post('/v1/tasks').reply(200, done);
    const seen: string[] = [];
    const result = await client.generate(request, { key: 'instant', onProgress: (s) => seen.push(s.status) });
    expect(result.snapshot).toMatchObject({
      status: 'succeeded',
      outputs: [{ url: 'https://cdn.fake.test/t1.mp4' }],
    });
    expect(seen).toEqual(['succeeded']);
    expect(journal.records.map((record) => record.type)).toEqual(['intent', 'submitted', 'snapshot']);
    expect(nock.isDone()).toBe(true);
    expect(client.usage()).toEqual({ activeTasks: 0, waitingTasks: 0 });
  });
});
