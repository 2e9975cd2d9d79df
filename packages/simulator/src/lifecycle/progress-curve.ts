/**
 * How a running task's progress figure moves with its running time. `linear`: progress equals the
 * share of running time elapsed (the simulator's first model). `uneven`: what video models tend to
 * report, so that a client extrapolating completion from progress is tested honestly: a slow start
 * (loading), a fast middle, then a long plateau before the end (encoding, upload).
 */
export const PROGRESS_CURVES = ['linear', 'uneven'] as const;
export type ProgressCurve = (typeof PROGRESS_CURVES)[number];

/** `[share of running time, progress]` knots, joined by straight lines. */
const unevenKnots: readonly (readonly [number, number])[] = [
  [0, 0],
  [0.25, 0.05],
  [0.6, 0.8],
  [0.95, 0.9],
  [1, 1],
];

/** Progress in [0, 1] after `fraction` (0..1) of the running time. */
export function progressAt(curve: ProgressCurve, fraction: number): number {
  const t = Math.min(1, Math.max(0, fraction));
  if (curve === 'linear') return t;
  for (let i = 1; i < unevenKnots.length; i++) {
    const [x1, y1] = unevenKnots[i]!;
    if (t <= x1) {
      const [x0, y0] = unevenKnots[i - 1]!;
      return y0 + ((y1 - y0) * (t - x0)) / (x1 - x0);
    }
  }
  return 1;
}
