import { describe, expect, it } from 'vitest';
import { advanceTo, call, startTestSimulator } from '../test/sim-test-kit.js';
import { describeSimulator } from './describe.js';
import { TIME_SCALE_HEADER } from './http/time-scale-header.js';
import { resolveSimulatorOptions } from './options.js';
import { startSimulator } from './server.js';

const NATIVE = { model: 'wan26_t2v', input: [{ params: { input: { prompt: 'x' }, parameters: {} } }] };
const V2 = { model: 'wan2.2-t2v-plus', prompt: 'x' };
const GT = { input: { prompt: 'x' } };

async function createOneOfEach(sim: Parameters<typeof call>[0]) {
  return [
    await call(sim, 'POST', '/model/v1/generation', NATIVE),
    await call(sim, 'POST', '/v2/videos/generations', V2),
    await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', GT),
  ];
}

describe('simulator server', () => {
  it('listens on 127.0.0.1 with a free port and answers health', async () => {
    const { sim } = await startTestSimulator();
    expect(sim.baseUrl).toBe(`http://127.0.0.1:${sim.port}`);
    expect(sim.port).toBeGreaterThan(0);
    expect(sim.url('__sim/health')).toBe(`${sim.baseUrl}/__sim/health`);
    const health = await call(sim, 'GET', '/__sim/health', undefined, null);
    expect(health.json).toEqual({ ok: true });
  });

  it('names its time scale on every response: API answers, errors, files and its own endpoints', async () => {
    const sim = await startSimulator({ timeScale: 0.05, seed: 3 });
    try {
      const created = await fetch(`${sim.baseUrl}/model/v1/generation`, {
        method: 'POST',
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: JSON.stringify(NATIVE),
      });
      expect(created.headers.get(TIME_SCALE_HEADER)).toBe('0.05');
      const unauthorized = await fetch(`${sim.baseUrl}/model/v1/generation`, { method: 'POST', body: '{}' });
      expect(unauthorized.status).toBe(401);
      expect(unauthorized.headers.get(TIME_SCALE_HEADER)).toBe('0.05');
      for (const path of ['/__sim/health', '/nowhere']) {
        const response = await fetch(`${sim.baseUrl}${path}`);
        expect(response.headers.get(TIME_SCALE_HEADER), path).toBe('0.05');
      }
    } finally {
      await sim.close();
    }
  });

  it('counts requests, creates, status reads and tasks by state at /__sim/stats', async () => {
    const { sim, clock } = await startTestSimulator();
    const [native] = await createOneOfEach(sim);
    await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', { input: {} });
    const nativeTask = sim.tasks.get('native', native!.json.id)!;
    advanceTo(clock, nativeTask.endAt);
    await call(sim, 'GET', `/model/v1/generation/task/${nativeTask.id}`);
    await call(sim, 'GET', `/model/v1/generation/task/${nativeTask.id}`);

    const stats = (await call(sim, 'GET', '/__sim/stats', undefined, null)).json;
    expect(stats).toEqual(sim.stats());
    expect(stats.seed).toBe(1);
    expect(stats.requests).toBe(6);
    expect(stats.formats.native).toEqual({
      requests: { create: 1, status: 2, cancel: 0, list: 0, upload: 0 },
      creates: 1,
      statusReads: 2,
      invalid: 0,
      unauthorized: 0,
      notFound: 0,
      rateLimited: 0,
      faults: 0,
      tasks: { queued: 0, running: 0, succeeded: 1, failed: 0, canceled: 0 },
    });
    expect(stats.formats.generateTask).toMatchObject({
      requests: { create: 2, status: 0 },
      creates: 1,
      invalid: 1,
    });
    expect(stats.tasks.total).toBe(3);
    expect(stats.tasks.byState.succeeded).toBeGreaterThanOrEqual(1);
  });

  it('forgets everything on POST /__sim/reset and replays the same seeded ids afterwards', async () => {
    const { sim } = await startTestSimulator();
    const before = (await createOneOfEach(sim)).map((r) => r.text);
    expect((await call(sim, 'POST', '/__sim/reset', undefined, null)).json).toEqual({ ok: true });
    expect(sim.stats().tasks.total).toBe(0);
    expect(sim.stats().requests).toBe(0);
    const after = (await createOneOfEach(sim)).map((r) => r.text);
    expect(after).toEqual(before);
  });

  it('is reproducible under a seed: same ids, timings and bodies; another seed differs', async () => {
    const run = async (seed: number) => {
      const { sim, clock } = await startTestSimulator({ seed, failureRate: 0.3 });
      const bodies: string[] = [];
      for (let i = 0; i < 6; i++) bodies.push(...(await createOneOfEach(sim)).map((r) => r.text));
      clock.advance(60_000);
      for (const task of sim.tasks.list()) {
        const path =
          task.format === 'native'
            ? `/model/v1/generation/task/${task.id}`
            : task.format === 'v2'
              ? `/v2/videos/generations/${task.id}`
              : `/api/v1/statusTask/wan-2-5?taskId=${task.id}`;
        bodies.push((await call(sim, 'GET', path)).text.replaceAll(sim.baseUrl, 'BASE'));
      }
      return bodies;
    };
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    expect(await run(43)).not.toEqual(first);
  });

  it('fails about failureRate of unmarked tasks with a generation error', async () => {
    const { sim, clock } = await startTestSimulator({ failureRate: 0.5, seed: 3 });
    for (let i = 0; i < 40; i++) await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', GT);
    clock.advance(200_000);
    const failed = sim.tasks.list().filter((task) => task.state === 'failed');
    expect(failed.every((task) => task.failure === 'generation')).toBe(true);
    expect(failed.length).toBeGreaterThan(10);
    expect(failed.length).toBeLessThan(30);
  });

  it('scales durations by timeScale and finishes at once with instantCompletion', async () => {
    const scaled = await startTestSimulator({ timeScale: 0.01 });
    await call(scaled.sim, 'POST', '/api/v1/generateTask/wan-2-5', GT);
    const task = scaled.sim.tasks.list()[0]!;
    expect(task.endAt - task.createdAt).toBeGreaterThanOrEqual(500);
    expect(task.endAt - task.createdAt).toBeLessThanOrEqual(700);

    const instant = await startTestSimulator({ instantCompletion: true });
    const created = await call(instant.sim, 'POST', '/model/v1/generation', NATIVE);
    const status = await call(instant.sim, 'GET', `/model/v1/generation/task/${created.json.id}`);
    expect(status.json.status).toBe('completed');
  });

  it('honours custom duration ranges and markers', async () => {
    const { sim } = await startTestSimulator({
      durations: { '720p': [1, 1] },
      contentPolicyMarker: '!nsfw!',
    });
    await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', { input: { prompt: 'ok' } });
    await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', { input: { prompt: '!nsfw!' } });
    await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', { input: { prompt: '[[unsafe]]' } });
    const [ok, marked, oldMarker] = sim.tasks.list();
    expect(ok!.endAt - ok!.createdAt).toBe(1000);
    expect(marked!.failure).toBe('content_policy');
    expect(oldMarker!.failure).toBeUndefined();
  });

  it('runs on the real clock by default', async () => {
    const sim = await startSimulator({ instantCompletion: true });
    try {
      const created = await call(sim, 'POST', '/v2/videos/generations', V2);
      const status = await call(sim, 'GET', `/v2/videos/generations/${created.json.task_id}`);
      expect(status.json.status).toBe('SUCCESS');
      expect(Math.abs(status.json.submit_time - Date.now() / 1000)).toBeLessThan(60);
    } finally {
      await sim.close();
    }
  });

  it('answers 404 for unknown paths and 405 for a known path with the wrong method', async () => {
    const { sim } = await startTestSimulator();
    expect((await call(sim, 'GET', '/nope')).status).toBe(404);
    const wrong = await call(sim, 'GET', '/model/v1/generation');
    expect(wrong.status).toBe(405);
  });

  it('rejects bad options with a message naming the option', () => {
    expect(() => resolveSimulatorOptions({ timeScale: 0 })).toThrow(
      'timeScale must be a positive number, got 0',
    );
    expect(() => resolveSimulatorOptions({ port: 70_000 })).toThrow('port must be an integer 0-65535');
    expect(() => resolveSimulatorOptions({ failureRate: 2 })).toThrow('failureRate must be in [0, 1]');
    expect(() => resolveSimulatorOptions({ faults: { rates: { '500': 0.7, '503': 0.6 } } })).toThrow(
      'faults.rates must sum to at most 1',
    );
    expect(() => resolveSimulatorOptions({ limits: { requestsPerMinute: 0 } })).toThrow(
      'limits.requestsPerMinute for native must be a positive integer',
    );
    expect(() => resolveSimulatorOptions({ durations: { image: [5, 1] } })).toThrow("durations['image']");
  });

  it('describes every endpoint for the CLI to print', () => {
    const text = describeSimulator('http://127.0.0.1:4010', { timeScale: 0.05, seed: 9 });
    expect(text).toContain('POST http://127.0.0.1:4010/model/v1/generation');
    expect(text).toContain('GET  http://127.0.0.1:4010/model/v1/generation/task/{id}');
    expect(text).toContain('POST http://127.0.0.1:4010/v2/videos/generations');
    expect(text).toContain('GET  http://127.0.0.1:4010/v2/videos/generations/{task_id}');
    expect(text).toContain('POST http://127.0.0.1:4010/api/v1/generateTask/{model}');
    expect(text).toContain('GET  http://127.0.0.1:4010/api/v1/statusTask/{model}?taskId={taskId}');
    expect(text).toContain('GET  http://127.0.0.1:4010/__sim/stats');
    expect(text).toContain('"[[unsafe]]" ends in a content-policy failure');
    expect(text).toContain('any non-empty bearer key is accepted');
    expect(text).toContain('Time scale: 0.05');
  });
});
