import { describe, expect, it } from 'vitest';
import { seededRandom, shuffled } from './random.js';

describe('seededRandom', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toStrictEqual(Array.from({ length: 1000 }, () => b()));
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(seededRandom(42)());
  });
});

describe('shuffled', () => {
  it('permutes without losing or adding items, deterministically', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const once = shuffled(items, seededRandom(1));
    expect([...once].sort((x, y) => x - y)).toStrictEqual(items);
    expect(once).not.toStrictEqual(items);
    expect(shuffled(items, seededRandom(1))).toStrictEqual(once);
  });
});
