import { describe, expect, it } from 'vitest';
import { systemClock } from './clock.js';
import { createFakeClock } from './fake-clock.js';

describe('fake clock', () => {
  it('fires sleeps in time order as time advances, letting continuations run', async () => {
    const clock = createFakeClock(1_000);
    const fired: string[] = [];
    void clock.sleep(300).then(() => fired.push(`b@${clock.now()}`));
    void clock.sleep(100).then(async () => {
      fired.push(`a@${clock.now()}`);
      await clock.sleep(100);
      fired.push(`a2@${clock.now()}`);
    });
    await clock.advance(250);
    expect(fired).toEqual(['a@1100', 'a2@1200']);
    expect(clock.now()).toBe(1_250);
    expect(clock.nextTimerAt()).toBe(1_300);
    await clock.advance(50);
    expect(fired).toEqual(['a@1100', 'a2@1200', 'b@1300']);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('runs until idle', async () => {
    const clock = createFakeClock(0);
    let done = false;
    void (async () => {
      for (let i = 0; i < 5; i++) await clock.sleep(60_000);
      done = true;
    })();
    expect(await clock.runUntilIdle()).toBe(5);
    expect(done).toBe(true);
    expect(clock.now()).toBe(300_000);
  });

  it('advances by itself when asked to', async () => {
    const clock = createFakeClock(0, { autoAdvance: true });
    await clock.sleep(3_600_000);
    expect(clock.now()).toBe(3_600_000);
  });

  it('rejects a sleep with aborted and forgets it', async () => {
    const clock = createFakeClock(0);
    const controller = new AbortController();
    const sleeping = clock.sleep(1_000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toMatchObject({ kind: 'aborted' });
    expect(clock.pendingTimers()).toBe(0);
    await expect(clock.sleep(1, controller.signal)).rejects.toMatchObject({ kind: 'aborted' });
  });
});

describe('system clock', () => {
  it('rejects a sleep with aborted as soon as the signal fires', async () => {
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toMatchObject({ kind: 'aborted' });
  });
});
