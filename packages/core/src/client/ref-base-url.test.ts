import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../clock/fake-clock.js';
import type { TaskRef } from '../spec/task.js';
import { createFakeAdapter } from '../testing/fake-adapter.js';
import { createClient } from './create-client.js';
import { sameBaseUrl } from './ref-base-url.js';

const base = 'https://api.fake.test';
const ref: TaskRef = {
  spec: 'wankit.task/v1',
  adapter: 'fake',
  taskId: 't1',
  model: 'wan2.5-t2v-preview',
  providerModel: 'wan2_5-t2v-preview',
  kind: 'text-to-video',
  submittedAt: '2026-01-01T00:00:00.000Z',
  baseUrl: 'https://elsewhere.example.test',
};

const client = (extra: { acceptRefsFromOtherBaseUrls?: boolean } = {}) =>
  createClient({
    adapter: createFakeAdapter(),
    apiKey: 'sk-ref-base-url-0123456789',
    clock: createFakeClock(Date.UTC(2026, 0, 1), { autoAdvance: true }),
    ...extra,
  });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('a ref created at another base URL', () => {
  it('is refused by status, wait and download before any request, naming both URLs', async () => {
    const status = nock(base).get('/v1/tasks/t1').reply(200, { task_id: 't1', status: 'SUCCEEDED' });
    for (const call of [() => client().status(ref), () => client().wait(ref)]) {
      await expect(call()).rejects.toMatchObject({
        kind: 'invalid_request',
        field: 'ref.baseUrl',
        value: 'https://elsewhere.example.test',
        allowed: [base],
      });
    }
    expect(status.isDone()).toBe(false);
  });

  it('is polled at the client base URL when the caller accepts it explicitly', async () => {
    nock(base)
      .get('/v1/tasks/t1')
      .reply(200, { task_id: 't1', status: 'SUCCEEDED', video_url: 'https://cdn.example.test/a.mp4' });
    const snapshot = await client({ acceptRefsFromOtherBaseUrls: true }).status(ref);
    expect(snapshot.status).toBe('succeeded');
  });

  it('a trailing slash or an upper-case host is the same base URL', () => {
    expect(sameBaseUrl('https://API.fake.test/', base)).toBe(true);
    expect(sameBaseUrl('https://api.fake.test/v1/', 'https://api.fake.test/v1')).toBe(true);
    expect(sameBaseUrl('https://api.fake.test:8443', base)).toBe(false);
  });
});
