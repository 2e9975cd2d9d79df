import { describe, expect, it } from 'vitest';
import { call, startTestSimulator, waitUntil } from '../../test/sim-test-kit.js';
import type { FaultKind } from '../options.js';

const NATIVE_CREATE = ['/model/v1/generation', { model: 'wan26_t2v', input: { prompt: 'x' } }] as const;
const always = (kind: FaultKind) => ({ faults: { rates: { [kind]: 1 } } });
const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('fault injection', () => {
  it.each([
    ['500', 'native', 500, { error: { code: 'INTERNAL_ERROR', message: 'internal server error' } }],
    ['503', 'generateTask', 503, { code: 503, message: 'Service unavailable', data: null }],
    [
      '500',
      'v2',
      500,
      { error: { message: 'internal server error', type: 'new_api_error', code: 'internal_error' } },
    ],
  ] as const)('%s on %s: the format’s error body and no task created', async (kind, format, status, body) => {
    const { sim } = await startTestSimulator(always(kind));
    const [path, payload] = {
      native: NATIVE_CREATE,
      v2: ['/v2/videos/generations', { model: 'wan2.2-t2v-plus', prompt: 'x' }] as const,
      generateTask: ['/api/v1/generateTask/wan-2-5', { input: { prompt: 'x' } }] as const,
    }[format];
    const response = await call(sim, 'POST', path, payload);
    expect(response.status).toBe(status);
    expect(response.json).toEqual(body);
    const stats = sim.stats();
    expect(stats.tasks.total).toBe(0);
    expect(stats.faults.byKind[kind]).toBe(1);
    expect(stats.formats[format].faults).toBe(1);
  });

  it('502-html: an nginx HTML page, not JSON', async () => {
    const { sim } = await startTestSimulator(always('502-html'));
    const response = await call(sim, 'POST', ...NATIVE_CREATE);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.text).toContain('<title>502 Bad Gateway</title>');
    expect(sim.stats().tasks.total).toBe(0);
  });

  it('reset: the connection drops after the task was created (an uncertain submit)', async () => {
    const { sim } = await startTestSimulator(always('reset'));
    await expect(post(sim.url(NATIVE_CREATE[0]), NATIVE_CREATE[1])).rejects.toThrow(TypeError);
    const stats = sim.stats();
    expect(stats.formats.native.creates).toBe(1);
    expect(stats.tasks.total).toBe(1);
    expect(stats.faults.byKind.reset).toBe(1);
  });

  it('truncated: the headers promise more body than arrives', async () => {
    const { sim } = await startTestSimulator(always('truncated'));
    const response = await post(sim.url(NATIVE_CREATE[0]), NATIVE_CREATE[1]);
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(20);
    await expect(response.text()).rejects.toThrow();
    expect(sim.stats().formats.native.creates).toBe(1);
  });

  it('malformed: a complete response whose JSON stops half way', async () => {
    const { sim } = await startTestSimulator(always('malformed'));
    const response = await call(sim, 'POST', ...NATIVE_CREATE);
    expect(response.status).toBe(200);
    expect(response.json).toBeUndefined();
    const id = sim.tasks.list()[0]!.id;
    const whole = JSON.stringify({
      id,
      status: 'in_progress',
      model: 'wan26_t2v',
      progress: 0,
      created_at: 1767225600,
    });
    expect(response.text).toBe(whole.slice(0, Math.floor(whole.length / 2)));
  });

  it('slow: the answer waits slowMs on the simulator clock', async () => {
    const { sim, clock } = await startTestSimulator({ faults: { rates: { slow: 1 }, slowMs: 30_000 } });
    const pending = call(sim, 'POST', ...NATIVE_CREATE);
    await waitUntil(() => clock.pendingTimers() === 1, 'the slow reply to be parked');
    let settled = false;
    void pending.then(() => {
      settled = true;
    });
    clock.advance(29_999);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    clock.advance(1);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(response.json.status).toBe('in_progress');
  });

  it('limits faults to the chosen endpoints and formats', async () => {
    const { sim } = await startTestSimulator({
      faults: { rate: 1, kinds: ['500'], endpoints: ['status'], formats: ['native'] },
    });
    const created = await call(sim, 'POST', ...NATIVE_CREATE);
    expect(created.status).toBe(200);
    expect((await call(sim, 'GET', `/model/v1/generation/task/${created.json.id}`)).status).toBe(500);
    const v2 = await call(sim, 'POST', '/v2/videos/generations', { model: 'wan2.2-t2v-plus', prompt: 'x' });
    expect((await call(sim, 'GET', `/v2/videos/generations/${v2.json.task_id}`)).status).toBe(200);
  });

  it('draws the same faults for the same seed and request sequence, at roughly the given rate', async () => {
    const run = async (seed: number) => {
      const { sim } = await startTestSimulator({ seed, faults: { rate: 0.5, kinds: ['500', '503'] } });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await call(sim, 'POST', ...NATIVE_CREATE)).status);
      return statuses;
    };
    const first = await run(7);
    expect(await run(7)).toEqual(first);
    expect(await run(8)).not.toEqual(first);
    const faulted = first.filter((status) => status !== 200).length;
    expect(faulted).toBeGreaterThan(8);
    expect(faulted).toBeLessThan(32);
    expect(new Set(first)).toEqual(new Set([200, 500, 503]));
  });

  it('can switch faults on and off while running', async () => {
    const { sim } = await startTestSimulator();
    expect((await call(sim, 'POST', ...NATIVE_CREATE)).status).toBe(200);
    sim.setFaults({ rates: { '503': 1 } });
    expect((await call(sim, 'POST', ...NATIVE_CREATE)).status).toBe(503);
    sim.setFaults({});
    expect((await call(sim, 'POST', ...NATIVE_CREATE)).status).toBe(200);
  });
});
