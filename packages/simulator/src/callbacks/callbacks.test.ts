import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { advanceTo, call, startTestSimulator } from '../../test/sim-test-kit.js';

interface Receiver {
  readonly url: string;
  readonly bodies: unknown[];
}

const receivers: Server[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A loopback callback receiver that answers the given statuses in turn (the last one repeats). */
async function startReceiver(statuses: number[]): Promise<Receiver> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(statuses[Math.min(bodies.length, statuses.length) - 1]!);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receivers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=abc`, bodies };
}

const callbackTask = (callbackUrl: string, prompt = 'x') => ({
  request_type: 'callback',
  callback_url: callbackUrl,
  input: { prompt },
});

describe('generateTask callbacks', () => {
  it('POSTs the final status envelope to callback_url when the task completes', async () => {
    const receiver = await startReceiver([200]);
    const { sim, clock } = await startTestSimulator();
    const created = await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', callbackTask(receiver.url));
    const task = sim.tasks.get('generateTask', created.json.data.taskId)!;
    expect(task.callbackUrl).toBe(receiver.url);

    advanceTo(clock, task.endAt - 1);
    await sim.idle();
    expect(receiver.bodies).toEqual([]);
    clock.advance(1);
    await sim.idle();
    const status = await call(sim, 'GET', `/api/v1/statusTask/wan-2-5?taskId=${task.id}`);
    expect(receiver.bodies).toEqual([status.json]);
    expect(receiver.bodies[0]).toMatchObject({ code: 200, data: { state: 'success' } });
    expect(sim.stats().callbacks).toEqual({ scheduled: 1, sent: 1, delivered: 1, retried: 0, failed: 0 });
  });

  it('delivers failures too, with failCode and failMsg', async () => {
    const receiver = await startReceiver([200]);
    const { sim, clock } = await startTestSimulator();
    const created = await call(
      sim,
      'POST',
      '/api/v1/generateTask/wan-2-5',
      callbackTask(receiver.url, '[[unsafe]]'),
    );
    advanceTo(clock, sim.tasks.get('generateTask', created.json.data.taskId)!.endAt);
    await sim.idle();
    expect(receiver.bodies).toHaveLength(1);
    expect(receiver.bodies[0]).toMatchObject({
      code: 200,
      message: 'success',
      data: { state: 'failed', failCode: 'CONTENT_VIOLATION', failMsg: 'Content violates safety guidelines' },
    });
  });

  it('retries a non-200 answer after 30 s, then 60 s (scaled), and stops at the first 200', async () => {
    const receiver = await startReceiver([500, 500, 200]);
    const { sim, clock } = await startTestSimulator({ timeScale: 0.1 });
    const created = await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', callbackTask(receiver.url));
    advanceTo(clock, sim.tasks.get('generateTask', created.json.data.taskId)!.endAt);
    await sim.idle();
    expect(receiver.bodies).toHaveLength(1);

    clock.advance(2_999);
    await sim.idle();
    expect(receiver.bodies).toHaveLength(1);
    clock.advance(1); // 30 s × 0.1
    await sim.idle();
    expect(receiver.bodies).toHaveLength(2);

    clock.advance(6_000); // 60 s × 0.1
    await sim.idle();
    expect(receiver.bodies).toHaveLength(3);
    expect(receiver.bodies[2]).toEqual(receiver.bodies[0]);
    clock.advance(60_000);
    await sim.idle();
    expect(receiver.bodies).toHaveLength(3);
    expect(sim.stats().callbacks).toEqual({ scheduled: 1, sent: 3, delivered: 1, retried: 2, failed: 0 });
  });

  it('gives up after three retries', async () => {
    const receiver = await startReceiver([503]);
    const { sim, clock } = await startTestSimulator({ callbackRetryDelaysMs: [1000, 2000, 4000] });
    const created = await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', callbackTask(receiver.url));
    advanceTo(clock, sim.tasks.get('generateTask', created.json.data.taskId)!.endAt);
    for (const delay of [0, 1000, 2000, 4000, 100_000]) {
      clock.advance(delay);
      await sim.idle();
    }
    expect(receiver.bodies).toHaveLength(4);
    expect(sim.stats().callbacks).toEqual({ scheduled: 1, sent: 4, delivered: 0, retried: 3, failed: 1 });
  });

  it('retries when the receiver cannot be reached', async () => {
    const receiver = await startReceiver([200]);
    const deadServer = receivers.pop()!;
    await new Promise((resolve) => deadServer.close(resolve));
    const { sim, clock } = await startTestSimulator({ callbackRetryDelaysMs: [1000] });
    const created = await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', callbackTask(receiver.url));
    advanceTo(clock, sim.tasks.get('generateTask', created.json.data.taskId)!.endAt);
    await sim.idle();
    clock.advance(1000);
    await sim.idle();
    expect(sim.stats().callbacks).toEqual({ scheduled: 1, sent: 2, delivered: 0, retried: 1, failed: 1 });
  });

  it('rejects a callback_url that is not an http(s) URL', async () => {
    const { sim } = await startTestSimulator();
    const response = await call(
      sim,
      'POST',
      '/api/v1/generateTask/wan-2-5',
      callbackTask('ftp://example.com/hook'),
    );
    expect(response.status).toBe(400);
    expect(response.json.data.error).toBe(
      'Invalid value for callback_url: "ftp://example.com/hook"; allowed: an http(s) URL',
    );
  });

  it('sends no callback for async tasks', async () => {
    const { sim, clock } = await startTestSimulator();
    await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', { input: { prompt: 'x' } });
    expect(clock.pendingTimers()).toBe(0);
    expect(sim.stats().callbacks.scheduled).toBe(0);
  });
});
