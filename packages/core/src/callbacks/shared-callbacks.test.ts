import { describe, expect, it } from 'vitest';
import type { TaskRef, TaskSnapshot } from '../spec/task.js';
import { createFakeAdapter } from '../testing/fake-adapter.js';
import { createCallbackHandler } from './callback-handler.js';
import { createCallbackRegistry, type SharedCallbacks } from './callback-registry.js';

const publicBaseUrl = 'https://app.example.test/wankit/callback';
const ref: TaskRef = {
  spec: 'wankit.task/v1',
  adapter: 'fake',
  taskId: 't1',
  model: 'wan2.5-t2v-preview',
  providerModel: 'wan2.5-t2v-preview',
  kind: 'text-to-video',
  submittedAt: '2026-01-01T00:00:00.000Z',
};
const succeeded = { task_id: 't1', status: 'SUCCEEDED', video_url: 'https://cdn.fake.test/t1.mp4' };
const post = (url: string, body: unknown) =>
  new Request(url, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });

/** What a database would hold, shared by every instance; `watch` fires when a settle lands. */
function memoryShared(): SharedCallbacks {
  const rows = new Map<string, { tokenHash: string; ref?: TaskRef; terminal?: TaskSnapshot }>();
  const watchers = new Map<string, Set<(snapshot: TaskSnapshot) => void>>();
  return {
    save: async (key, tokenHash) => {
      rows.set(key, { tokenHash });
    },
    bind: async (key, bound) => {
      rows.get(key)!.ref = bound;
    },
    find: async (key) => rows.get(key),
    settle: async (key, snapshot) => {
      const row = rows.get(key)!;
      if (row.terminal) return 'duplicate';
      row.terminal = snapshot;
      for (const watcher of watchers.get(key) ?? []) watcher(snapshot);
      return 'applied';
    },
    watch: (key, onTerminal) => {
      const set = watchers.get(key) ?? new Set();
      watchers.set(key, set);
      set.add(onTerminal);
      return () => set.delete(onTerminal);
    },
  };
}

describe('callbacks shared by several instances', () => {
  it('a delivery received by another instance is recorded once and wakes the waiting one', async () => {
    const shared = memoryShared();
    const adapter = createFakeAdapter();
    const waiting = createCallbackRegistry({ publicBaseUrl, shared });
    const receiving = createCallbackRegistry({ publicBaseUrl, shared });
    const handlerHere = createCallbackHandler({ adapter, registry: waiting });
    const handlerThere = createCallbackHandler({ adapter, registry: receiving });

    const registration = waiting.register({ key: 'job-1' });
    await waiting.bind('job-1', ref);
    const delivered = waiting.delivered('job-1');

    const forged = new URL(registration.url);
    forged.searchParams.set('wankit_token', 'not-the-token');
    expect((await handlerThere(post(forged.toString(), succeeded))).status).toBe(401);

    const response = await handlerThere(post(registration.url, succeeded));
    expect(await response.json()).toEqual({ ok: true, outcome: 'applied' });
    expect(await delivered).toMatchObject({ status: 'succeeded', ref: { taskId: 't1' } });
    // The provider retries: either instance answers it as a duplicate.
    expect(await (await handlerHere(post(registration.url, succeeded))).json()).toEqual({
      ok: true,
      outcome: 'duplicate',
    });
    expect(await (await handlerThere(post(registration.url, succeeded))).json()).toEqual({
      ok: true,
      outcome: 'duplicate',
    });
  });

  it('answers 404 for a key no instance registered, and 503 before the task is bound', async () => {
    const shared = memoryShared();
    const adapter = createFakeAdapter();
    const here = createCallbackRegistry({ publicBaseUrl, shared });
    const there = createCallbackHandler({
      adapter,
      registry: createCallbackRegistry({ publicBaseUrl, shared }),
    });
    const registration = here.register({ key: 'job-2' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await there(post(registration.url, succeeded))).status).toBe(503);
    const unknown = new URL(registration.url);
    unknown.searchParams.set('wankit_task', 'nobody');
    expect((await there(post(unknown.toString(), succeeded))).status).toBe(404);
  });
});
