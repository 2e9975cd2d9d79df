import { afterEach, describe, expect, it } from 'vitest';
import { postgresAvailable, testStore } from './test-support/test-database.js';

let dispose: (() => Promise<void>) | undefined;
afterEach(async () => {
  await dispose?.();
  dispose = undefined;
});

describe.skipIf(!postgresAvailable)('one request budget per account, shared by every process', () => {
  it('spaces the tokens of three processes on one account as one budget would', async () => {
    const setup = await testStore();
    dispose = setup.dispose;
    // 6 requests/minute: a burst of 1, then one every 60 000 / (5 × 0.97) ≈ 12 371 ms.
    const budgets = [setup.store, setup.open(), setup.open()].map((store) =>
      store.budget({ account: 'acct', requestsPerMinute: 6 }),
    );
    const waits: number[] = [];
    for (const budget of budgets) waits.push(await budget.reserve());
    // Each process's token comes one interval after the previous one, less the time between the calls.
    expect(waits[0]).toBe(0);
    expect(waits[1]).toBeGreaterThan(12_371 - 5_000);
    expect(waits[1]).toBeLessThanOrEqual(12_372);
    expect(waits[2]! - waits[1]!).toBeGreaterThan(12_371 - 5_000);
    // Another account is not held back.
    expect(await setup.open().budget({ account: 'other', requestsPerMinute: 6 }).reserve()).toBe(0);
  });

  it("holds every process of the account back after a 429's Retry-After", async () => {
    const setup = await testStore();
    dispose = setup.dispose;
    const one = setup.store.budget({ account: 'acct', requestsPerMinute: 6_000 });
    const two = setup.open().budget({ account: 'acct', requestsPerMinute: 6_000 });
    expect(await two.reserve()).toBe(0);
    one.pause(30_000);
    // pause() is fire-and-forget; its write lands before a later query on the same pool is answered.
    await setup.store.budget({ account: 'acct', requestsPerMinute: 6_000 }).reserve();
    expect(await two.reserve()).toBeGreaterThan(30_000 - 5_000);
  });

  it('lets a waiting request be aborted', async () => {
    const setup = await testStore();
    dispose = setup.dispose;
    const budget = setup.store.budget({ account: 'acct', requestsPerMinute: 6 });
    await budget.takeRequest();
    const controller = new AbortController();
    const waiting = budget.takeRequest(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ kind: 'aborted' });
  });
});
