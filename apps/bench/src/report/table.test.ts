import { describe, expect, it } from 'vitest';
import { atLeast, atMost, formatTable } from './table.js';

describe('formatTable', () => {
  it('aligns columns and marks targets', () => {
    const table = formatTable([
      { benchmark: 'overhead', metric: 'wall_ratio', value: 1.05, target: '≤ 1.15', met: true },
      { benchmark: 'download', metric: 'throughput_ratio_vs_curl', value: null, target: '≥ 0.9', met: null },
      { benchmark: 'overhead', metric: 'raw_wall_s', value: 2.5 },
    ]);
    expect(table.split('\n')).toStrictEqual([
      '| benchmark | metric                   | value | target | result |',
      '|-----------|--------------------------|-------|--------|--------|',
      '| overhead  | wall_ratio               | 1.05  | ≤ 1.15 | met    |',
      '| download  | throughput_ratio_vs_curl | n/a   | ≥ 0.9  | n/a    |',
      '| overhead  | raw_wall_s               | 2.5   |        |        |',
    ]);
  });
});

describe('atMost and atLeast', () => {
  it('compare, and are null for a missing value', () => {
    expect(atMost(1.15, 1.15)).toBe(true);
    expect(atMost(1.2, 1.15)).toBe(false);
    expect(atLeast(0.89, 0.9)).toBe(false);
    expect(atMost(null, 1)).toBeNull();
    expect(atLeast(undefined, 1)).toBeNull();
  });
});
