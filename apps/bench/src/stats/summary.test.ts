import { describe, expect, it } from 'vitest';
import { mean, median, quantile, ratio, round, summarize } from './summary.js';

describe('quantile', () => {
  it('interpolates between closest ranks like numpy', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantile(values, 0)).toBe(1);
    expect(quantile(values, 1)).toBe(10);
    expect(quantile(values, 0.5)).toBe(5.5);
    expect(quantile(values, 0.95)).toBeCloseTo(9.55, 10);
  });

  it('does not depend on input order and does not mutate it', () => {
    const values = [5, 1, 4, 2, 3];
    expect(quantile(values, 0.25)).toBe(2);
    expect(values).toStrictEqual([5, 1, 4, 2, 3]);
  });

  it('returns the only value of a single-element list', () => {
    expect(quantile([42], 0.95)).toBe(42);
  });

  it('rejects an empty list and q outside [0, 1]', () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1], 1.5)).toThrow('quantile q must be in [0, 1], got 1.5');
  });
});

describe('mean and median', () => {
  it('computes both', () => {
    expect(mean([1, 2, 3, 10])).toBe(4);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(median([3, 1, 2])).toBe(2);
  });
});

describe('ratio', () => {
  it('divides finite numbers', () => {
    expect(ratio(3, 2)).toBe(1.5);
  });

  it('is null for a zero or non-finite baseline', () => {
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(Number.NaN, 1)).toBeNull();
    expect(ratio(1, Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('round', () => {
  it('rounds to the given digits and keeps null', () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(null)).toBeNull();
    expect(round(Number.NaN)).toBeNull();
  });
});

describe('summarize', () => {
  it('reports count, mean, p50, p95, min and max', () => {
    const { p95, ...rest } = summarize([4, 1, 3, 2]);
    expect(rest).toStrictEqual({ count: 4, mean: 2.5, p50: 2.5, min: 1, max: 4 });
    expect(p95).toBeCloseTo(3.85, 10);
  });
});
