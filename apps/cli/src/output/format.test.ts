import { describe, expect, it } from 'vitest';
import { expectedRemainingSeconds, formatCost, formatSeconds, progressText } from './format.js';

describe('progress formatting', () => {
  it('formats durations', () => {
    expect(formatSeconds(4.4)).toBe('4s');
    expect(formatSeconds(65)).toBe('1m05s');
    expect(formatSeconds(3723)).toBe('1h02m');
  });

  it('extrapolates from progress, else from the typical time', () => {
    expect(expectedRemainingSeconds(10, 0.25, [50, 70])).toBe(30);
    expect(expectedRemainingSeconds(10, undefined, [50, 70])).toBe(50);
    expect(expectedRemainingSeconds(80, undefined, [50, 70])).toBe(0);
    expect(expectedRemainingSeconds(10, undefined, undefined)).toBeUndefined();
  });

  it('writes state, elapsed and expected remaining', () => {
    expect(progressText({ status: 'running', progress: 0.4 }, 12, [50, 70])).toBe(
      'running 40% · 12s elapsed · ~18s left',
    );
    expect(progressText({ status: 'queued' }, 75, [50, 70])).toBe(
      'queued · 1m15s elapsed · expected any moment',
    );
    expect(progressText({ status: 'queued' }, 5, undefined)).toBe('queued · 5s elapsed');
  });

  it('formats cost as reported', () => {
    expect(formatCost({ usage: { cost: 0.35, currency: 'USD' } })).toBe('0.35 USD');
    expect(formatCost({})).toBeUndefined();
  });
});
