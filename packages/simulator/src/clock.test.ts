import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock.js';
import { createRandom, streamSeed } from './random.js';

describe('manual clock', () => {
  it('fires due timers in order, including ones set while firing, and ends at the target', () => {
    const clock = createManualClock(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => {
      fired.push(`a@${clock.now()}`);
      clock.setTimeout(() => fired.push(`c@${clock.now()}`), 5);
    }, 10);
    const cancelled = clock.setTimeout(() => fired.push('never'), 15);
    clock.clearTimeout(cancelled);
    clock.setTimeout(() => fired.push('late'), 100);

    clock.advance(50);
    expect(fired).toEqual(['a@1010', 'c@1015', 'b@1020']);
    expect(clock.now()).toBe(1050);
    expect(clock.pendingTimers()).toBe(1);
  });

  it('refuses to go backwards', () => {
    expect(() => createManualClock().advance(-1)).toThrow(RangeError);
  });
});

describe('seeded random', () => {
  it('repeats per seed and stream, and differs between streams', () => {
    const a = createRandom(streamSeed(1, 'ids'));
    const b = createRandom(streamSeed(1, 'ids'));
    const c = createRandom(streamSeed(1, 'faults'));
    const seq = (r: typeof a) => [r.hex(8), r.uuid(), r.int(1, 6)];
    const first = seq(a);
    expect(seq(b)).toEqual(first);
    expect(seq(c)).not.toEqual(first);
    expect(first[1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
