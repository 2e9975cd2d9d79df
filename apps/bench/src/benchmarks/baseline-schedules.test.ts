import { describe, expect, it } from 'vitest';
import { dashscopeSdk, naive5s, readTimes, seedSchedule, tierGrid5s } from './baseline-schedules.js';

describe('baseline schedules', () => {
  it("tier-aware grid: the tier's window start + 5 s, then every 5 s", () => {
    expect(readTimes(tierGrid5s, 3, 70_000)).toStrictEqual([75_000, 80_000, 85_000]);
    expect(readTimes(tierGrid5s, 2, 50_000)).toStrictEqual([55_000, 60_000]);
  });

  it('seed: 50 s, then every 5 s', () => {
    expect(readTimes(seedSchedule, 4)).toStrictEqual([50_000, 55_000, 60_000, 65_000]);
  });

  it('naive: every 5 s from submission', () => {
    expect(readTimes(naive5s, 3)).toStrictEqual([5_000, 10_000, 15_000]);
  });

  it('DashScope SDK: at once, then 1 s doubling every third read, capped at 5 s', () => {
    // Sleeps after reads 1..11: 1, 1, 2, 2, 2, 4, 4, 4, 5, 5, 5 s.
    expect(readTimes(dashscopeSdk, 12)).toStrictEqual([
      0, 1_000, 2_000, 4_000, 6_000, 8_000, 12_000, 16_000, 20_000, 25_000, 30_000, 35_000,
    ]);
  });
});
