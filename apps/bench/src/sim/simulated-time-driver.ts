import type { FakeClock } from '@wankit/core/testing';
import type { TrackedFetch } from './tracked-fetch.js';

/**
 * Runs a simulation on core's fake clock: whenever nothing is in flight and pending continuations
 * have run, time jumps to the next pending sleep. Time therefore never moves while a request is on
 * the wire, so a status read sees the simulator exactly at the moment the client chose.
 */
export async function driveSimulatedTime(
  clock: FakeClock,
  trackers: readonly Pick<TrackedFetch, 'inFlight' | 'settled'>[],
  isDone: () => boolean,
  options: { maxSimulatedMs?: number } = {},
): Promise<void> {
  const start = clock.now();
  const limit = options.maxSimulatedMs ?? 6 * 3600_000;
  const quiet = async () => {
    for (;;) {
      for (const tracker of trackers) await tracker.settled();
      await clock.flush();
      if (trackers.every((tracker) => tracker.inFlight() === 0)) return;
    }
  };
  for (;;) {
    await quiet();
    if (isDone()) return;
    const next = clock.nextTimerAt();
    if (next === undefined)
      throw new Error('simulation stalled: tasks are unfinished and nothing is scheduled');
    if (next - start > limit) throw new Error(`simulation ran past ${limit / 1000} simulated seconds`);
    await clock.advance(Math.max(0, next - clock.now()));
  }
}
