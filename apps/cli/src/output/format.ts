import type { TaskSnapshot } from '@wankit/core';

/** `45s`, `1m05s`, `1h02m`. */
export function formatSeconds(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * Expected seconds left: extrapolated from the provider's progress figure when it reports one,
 * otherwise from the model's typical generation time. `undefined` when nothing is known.
 */
export function expectedRemainingSeconds(
  elapsedSeconds: number,
  progress: number | undefined,
  typical: readonly [number, number] | undefined,
): number | undefined {
  if (progress !== undefined && progress > 0 && progress < 1) {
    return (elapsedSeconds * (1 - progress)) / progress;
  }
  if (!typical) return undefined;
  return Math.max(0, (typical[0] + typical[1]) / 2 - elapsedSeconds);
}

/** One progress line: `running 40% · 12s elapsed · ~18s left`. */
export function progressText(
  snapshot: Pick<TaskSnapshot, 'status' | 'progress'>,
  elapsedSeconds: number,
  typical: readonly [number, number] | undefined,
): string {
  const parts: string[] = [];
  const percent = snapshot.progress !== undefined ? ` ${Math.round(snapshot.progress * 100)}%` : '';
  parts.push(`${snapshot.status}${percent}`);
  parts.push(`${formatSeconds(elapsedSeconds)} elapsed`);
  const finished = ['succeeded', 'failed', 'canceled'].includes(snapshot.status);
  const left = finished ? undefined : expectedRemainingSeconds(elapsedSeconds, snapshot.progress, typical);
  if (left !== undefined) {
    parts.push(left > 0 ? `~${formatSeconds(left)} left` : 'expected any moment');
  }
  return parts.join(' · ');
}

/** Cost as the provider reports it, e.g. `0.14 USD`; `undefined` when not reported. */
export function formatCost(snapshot: Pick<TaskSnapshot, 'usage'>): string | undefined {
  const cost = snapshot.usage?.cost;
  if (cost === undefined) return undefined;
  return `${cost}${snapshot.usage?.currency ? ` ${snapshot.usage.currency}` : ''}`;
}
