import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../clock/fake-clock.js';
import { createRequestBudget } from './request-budget.js';

/** Takes `count` tokens concurrently and returns the clock time at which each was granted. */
async function grantTimes(count: number, requestsPerMinute: number) {
  const clock = createFakeClock(0);
  const budget = createRequestBudget(clock, { requestsPerMinute });
  const times: number[] = [];
  const all = Array.from({ length: count }, async () => {
    await budget.takeRequest();
    times.push(clock.now());
  });
  await clock.runUntilIdle();
  await Promise.all(all);
  return times.sort((a, b) => a - b);
}

function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('request budget: requests per minute', () => {
  it('lets one second of requests through at once, then paces the rest', async () => {
    const times = await grantTimes(200, 600);
    expect(times.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(times[10]).toBeGreaterThan(0);
    // Sustained rate (600 - 10) · 0.99 per minute ≈ one request per 102.7 ms.
    expect(times[199]! - times[10]!).toBeCloseTo((189 * 60_000) / (590 * 0.99), 0);
  });

  it('never puts more than the limit into any sliding minute', async () => {
    const times = await grantTimes(2_500, 1_000);
    expect(maxInWindow(times, 60_000)).toBeLessThanOrEqual(1_000);
  });

  it('holds every request back after a pause (a 429 with Retry-After)', async () => {
    const clock = createFakeClock(0);
    const budget = createRequestBudget(clock, { requestsPerMinute: 600 });
    budget.pause(5_000);
    const granted = budget.takeRequest()?.then(() => clock.now());
    await clock.runUntilIdle();
    expect(await granted).toBe(5_000);
  });

  it('holds every request back after a pause even when no rate limit is documented', async () => {
    const clock = createFakeClock(0);
    const budget = createRequestBudget(clock, {});
    budget.pause(5_000);
    const granted = budget.takeRequest()?.then(() => clock.now());
    expect(granted).toBeDefined();
    await clock.runUntilIdle();
    expect(await granted).toBe(5_000);
    expect(budget.takeRequest()).toBeUndefined();
  });

  it('costs nothing without a limit', () => {
    const budget = createRequestBudget(createFakeClock(0), {});
    expect(budget.takeRequest()).toBeUndefined();
    expect(budget.limits).toEqual({
      requestsPerMinute: Infinity,
      concurrentTasks: Infinity,
      requestsInFlight: 32,
    });
  });
});

describe('request budget: concurrent tasks', () => {
  it('hands out slots first come, first served', async () => {
    const budget = createRequestBudget(createFakeClock(0), { concurrentTasks: 2 });
    const first = await budget.acquireTask();
    await budget.acquireTask();
    const order: string[] = [];
    const third = budget.acquireTask().then((release) => {
      order.push('third');
      return release;
    });
    const fourth = budget.acquireTask().then(() => order.push('fourth'));
    expect(budget.usage()).toEqual({ activeTasks: 2, waitingTasks: 2 });
    first();
    first(); // a second release of the same slot is ignored
    (await third)();
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
    expect(budget.usage()).toEqual({ activeTasks: 2, waitingTasks: 0 });
  });

  it('drops a waiter whose signal aborts', async () => {
    const budget = createRequestBudget(createFakeClock(0), { concurrentTasks: 1 });
    const held = await budget.acquireTask();
    const controller = new AbortController();
    const waiting = budget.acquireTask(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ kind: 'aborted' });
    held();
    expect(budget.usage()).toEqual({ activeTasks: 0, waitingTasks: 0 });
  });
});

describe('request budget: requests in flight', () => {
  it('holds the request past the cap until one in flight completes, first come first served', async () => {
    const budget = createRequestBudget(createFakeClock(0), { requestsInFlight: 2 });
    const first = await budget.openRequest();
    await budget.openRequest();
    const order: string[] = [];
    const third = budget.openRequest().then((release) => {
      order.push('third');
      return release;
    });
    const fourth = budget.openRequest().then(() => order.push('fourth'));
    await Promise.resolve();
    expect(order).toEqual([]);
    first();
    first(); // releasing twice frees one slot only
    (await third)();
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
  });

  it('gives up waiting when the caller aborts', async () => {
    const budget = createRequestBudget(createFakeClock(0), { requestsInFlight: 1 });
    await budget.openRequest();
    const controller = new AbortController();
    const waiting = budget.openRequest(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ kind: 'aborted' });
  });
});
