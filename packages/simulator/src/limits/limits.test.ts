import { describe, expect, it } from 'vitest';
import { advanceTo, call, startTestSimulator } from '../../test/sim-test-kit.js';
import { resolveSimulatorOptions } from '../options.js';

const GT_CREATE = '/api/v1/generateTask/wan-2-5';

describe('rate and concurrency limits', () => {
  it('answers 429 with Retry-After once the per-minute budget is spent, and admits again when the window moves', async () => {
    const { sim, clock } = await startTestSimulator({ limits: { requestsPerMinute: 2 } });
    expect((await call(sim, 'POST', GT_CREATE, { input: { prompt: 'x' } })).status).toBe(200);
    clock.advance(10_000);
    expect((await call(sim, 'GET', '/api/v1/statusTask/wan-2-5?taskId=task_1')).status).toBe(404);
    clock.advance(5_000);

    const limited = await call(sim, 'POST', GT_CREATE, { input: { prompt: 'x' } });
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ code: 429, message: 'Rate limit exceeded', data: null });
    // the first request leaves the window 60 s after it was made: 45 s from now
    expect(limited.headers.get('retry-after')).toBe('45');

    clock.advance(45_000);
    expect((await call(sim, 'POST', GT_CREATE, { input: { prompt: 'x' } })).status).toBe(200);
    const stats = sim.stats();
    expect(stats.rateLimited).toBe(1);
    expect(stats.formats.generateTask).toMatchObject({ rateLimited: 1, creates: 2 });
  });

  it('keeps a separate window per format and uses each format’s 429 body', async () => {
    const { sim } = await startTestSimulator({ limits: { requestsPerMinute: 1 } });
    const native = { model: 'wan26_t2v', input: { prompt: 'x' } };
    expect((await call(sim, 'POST', '/model/v1/generation', native)).status).toBe(200);
    const limited = await call(sim, 'POST', '/model/v1/generation', native);
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ error: { code: 1002, message: 'rate limited' } });
    const v2 = await call(sim, 'POST', '/v2/videos/generations', { model: 'wan2.2-t2v-plus', prompt: 'x' });
    expect(v2.status).toBe(200);
    const v2Limited = await call(sim, 'GET', `/v2/videos/generations/${v2.json.task_id}`);
    expect(v2Limited.status).toBe(429);
    expect(v2Limited.json).toEqual({
      error: {
        message: 'rate limit exceeded, please try again later',
        type: 'new_api_error',
        code: 'rate_limit_exceeded',
      },
    });
    expect(v2Limited.headers.get('retry-after')).toBe('60');
  });

  it('caps concurrent tasks with 429 + Retry-After until the soonest task finishes', async () => {
    const { sim, clock } = await startTestSimulator({
      limits: { perFormat: { v2: { concurrentTasks: 2 } } },
    });
    const body = { model: 'wan2.2-t2v-plus', prompt: 'x' };
    const first = await call(sim, 'POST', '/v2/videos/generations', body);
    const second = await call(sim, 'POST', '/v2/videos/generations', body);
    expect([first.status, second.status]).toEqual([200, 200]);

    const refused = await call(sim, 'POST', '/v2/videos/generations', body);
    expect(refused.status).toBe(429);
    expect(refused.json.error.message).toBe('too many concurrent tasks');
    const soonest = Math.min(...sim.tasks.list().map((task) => task.endAt));
    expect(refused.headers.get('retry-after')).toBe(String(Math.ceil((soonest - clock.now()) / 1000)));
    expect(sim.stats().formats.v2).toMatchObject({ creates: 2, rateLimited: 1 });
    // a format without a cap is unaffected
    expect((await call(sim, 'POST', GT_CREATE, { input: { prompt: 'x' } })).status).toBe(200);

    advanceTo(clock, soonest);
    expect((await call(sim, 'POST', '/v2/videos/generations', body)).status).toBe(200);
  });

  it('validates before counting a create against the concurrency cap', async () => {
    const { sim } = await startTestSimulator({ limits: { concurrentTasks: 1 } });
    await call(sim, 'POST', GT_CREATE, { input: { prompt: 'x' } });
    const invalid = await call(sim, 'POST', GT_CREATE, { input: {} });
    expect(invalid.status).toBe(400);
  });

  it('applies the documented generateTask limits (10 000 rpm, 1000 concurrent) only when asked', () => {
    expect(resolveSimulatorOptions({ limits: { documented: true } }).limits).toEqual({
      native: { requestsPerMinute: undefined, concurrentTasks: undefined },
      v2: { requestsPerMinute: undefined, concurrentTasks: undefined },
      generateTask: { requestsPerMinute: 10_000, concurrentTasks: 1000 },
      dashscope: { requestsPerMinute: undefined, concurrentTasks: undefined },
    });
    expect(resolveSimulatorOptions().limits.generateTask).toEqual({
      requestsPerMinute: undefined,
      concurrentTasks: undefined,
    });
    expect(
      resolveSimulatorOptions({
        limits: { documented: true, perFormat: { generateTask: { concurrentTasks: 5 } } },
      }).limits.generateTask,
    ).toEqual({ requestsPerMinute: 10_000, concurrentTasks: 5 });
  });
});
