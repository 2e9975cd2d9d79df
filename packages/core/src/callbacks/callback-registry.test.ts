import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../clock/fake-clock.js';
import type { TaskRef, TaskSnapshot } from '../spec/task.js';
import { createCallbackRegistry } from './callback-registry.js';

const ref: TaskRef = {
  spec: 'wankit.task/v1',
  adapter: 'generate-task',
  taskId: 'task_1',
  model: 'wan2.5-t2v-preview',
  providerModel: 'wan-2-5',
  kind: 'text-to-video',
  submittedAt: '2026-01-01T00:00:00.000Z',
};
const done: TaskSnapshot = { ref, status: 'succeeded', outputs: [], timings: { observedAt: 't' } };

describe('callback registry housekeeping', () => {
  it('keeps a finished registration for retries, then drops it; drops one whose callback never came after a day', async () => {
    const clock = createFakeClock(0);
    const registry = createCallbackRegistry({ publicBaseUrl: 'https://app.example/cb', clock });
    const finished = registry.register({ key: 'finished' });
    registry.bind('finished', ref);
    expect(registry.deliver('finished', done)).toBe('applied');
    registry.register({ key: 'abandoned' });

    await clock.advance(2 * 3_600_000);
    registry.register({ key: 'later' }); // registering prunes
    expect(registry.result('finished')).toBeUndefined();
    expect(registry.authenticate('finished', 'x')).toEqual({ ok: false, reason: 'unknown' });
    expect(registry.authenticate('abandoned', 'x')).toEqual({ ok: false, reason: 'forbidden' }); // still known: under a day old

    await clock.advance(24 * 3_600_000);
    registry.register({ key: 'even-later' });
    expect(registry.authenticate('abandoned', 'x')).toEqual({ ok: false, reason: 'unknown' });
    expect(finished.url).toMatch(/^https:\/\/app\.example\/cb\?wankit_task=finished&wankit_token=/);
  });

  it('never drops a registration somebody is still waiting on', async () => {
    const clock = createFakeClock(0);
    const registry = createCallbackRegistry({ publicBaseUrl: 'https://app.example/cb', clock });
    registry.register({ key: 'awaited' });
    registry.bind('awaited', ref);
    const delivered = registry.delivered('awaited');
    await clock.advance(48 * 3_600_000);
    registry.register({ key: 'other' });
    expect(registry.deliver('awaited', done)).toBe('applied');
    expect(await delivered).toBe(done);
  });
});
