import { describe, expect, it } from 'vitest';
import type { TaskRef, TaskSnapshot } from '../spec/task.js';
import { createPollScheduler, type PollScheduler } from './poll-scheduler.js';

const t0 = Date.UTC(2026, 0, 1);
const ref = (resolution: '720p' | '1080p' = '720p'): TaskRef => ({
  spec: 'wankit.task/v1',
  adapter: 'fake',
  taskId: 't1',
  model: 'wan2.5-t2v-preview',
  providerModel: 'wan-2-5',
  kind: 'text-to-video',
  submittedAt: new Date(t0).toISOString(),
  resolution,
});
const catalog = {
  expectedSeconds: (r: TaskRef): readonly [number, number] =>
    r.resolution === '1080p' ? [70, 90] : [50, 70],
};
const documented = { initialDelayMs: 50_000, intervalMs: 5_000 };

function snapshot(
  status: TaskSnapshot['status'],
  extra: Partial<TaskSnapshot> = {},
  r = ref(),
): TaskSnapshot {
  return { ref: r, status, outputs: [], timings: { observedAt: new Date(t0).toISOString() }, ...extra };
}

describe('poll scheduler', () => {
  it('places the first poll one interval after the low end of the catalog window for the tier', () => {
    const scheduler = createPollScheduler({}, { ...catalog, documented });
    expect(scheduler.nextPollAt({ ref: ref('720p'), submittedAtMs: t0, polls: 0 }, t0) - t0).toBe(54_500);
    expect(scheduler.nextPollAt({ ref: ref('1080p'), submittedAtMs: t0, polls: 0 }, t0) - t0).toBe(74_500);
  });

  it('falls back to the documented delay, then to one interval', () => {
    expect(
      createPollScheduler({}, { documented }).nextPollAt({ ref: ref(), submittedAtMs: t0, polls: 0 }, t0) -
        t0,
    ).toBe(50_000);
    expect(createPollScheduler().nextPollAt({ ref: ref(), submittedAtMs: t0, polls: 0 }, t0) - t0).toBe(
      4_500,
    );
  });

  it('scales catalog and documented times for a faster provider clock', () => {
    const scheduler = createPollScheduler({ timeScale: 0.05, intervalMs: 225 }, { ...catalog, documented });
    expect(scheduler.nextPollAt({ ref: ref('720p'), submittedAtMs: t0, polls: 0 }, t0) - t0).toBe(2_725);
    expect(scheduler.expectedWindowMs(ref('1080p'))).toEqual([3_500, 4_500]);
    const documentedOnly = createPollScheduler({ timeScale: 0.05 }, { documented });
    expect(documentedOnly.nextPollAt({ ref: ref(), submittedAtMs: t0, polls: 0 }, t0) - t0).toBe(2_500);
  });

  it('reads a time scale given as a function at every decision (a scale learned from the server)', () => {
    let scale = 1;
    const scheduler = createPollScheduler({ timeScale: () => scale }, { ...catalog, documented });
    expect(scheduler.nextPollAt({ ref: ref('720p'), submittedAtMs: t0, polls: 0 }, t0) - t0).toBe(54_500);
    scale = 0.05;
    expect(scheduler.nextPollAt({ ref: ref('720p'), submittedAtMs: t0, polls: 0 }, t0) - t0).toBe(2_725);
    expect(scheduler.expectedWindowMs(ref('1080p'))).toEqual([3_500, 4_500]);
    scale = Number.NaN;
    expect(scheduler.nextPollAt({ ref: ref('720p'), submittedAtMs: t0, polls: 0 }, t0) - t0).toBe(54_500);
  });

  it('polls at once when resumed after the planned first poll', () => {
    const scheduler = createPollScheduler({}, catalog);
    expect(scheduler.nextPollAt({ ref: ref(), submittedAtMs: t0, polls: 0 }, t0 + 600_000)).toBe(
      t0 + 600_000,
    );
  });

  it('with a callback, waits until the end of the window plus a grace period', () => {
    const scheduler = createPollScheduler({ callbackGraceMs: 10_000 }, catalog);
    expect(scheduler.nextPollAt({ ref: ref(), submittedAtMs: t0, polls: 0, callback: true }, t0) - t0).toBe(
      80_000,
    );
  });

  it('then polls every interval, widening gently past the window', () => {
    const scheduler = createPollScheduler({ intervalMs: 5_000 }, catalog);
    const next = (lastPolledAtMs: number) =>
      scheduler.nextPollAt(
        { ref: ref(), submittedAtMs: t0, polls: 3, lastPolledAtMs: t0 + lastPolledAtMs },
        t0,
      ) - t0;
    expect(next(60_000)).toBe(65_000);
    expect(next(70_000)).toBe(75_000);
    expect(next(74_000)).toBe(74_000 + 6_250);
    expect(next(200_000)).toBe(200_000 + 15_000);
  });

  it('with a progress figure, polls just after the extrapolated completion, within bounds', () => {
    const scheduler = createPollScheduler({}, catalog);
    const state = (progress: number, lastPolledAtMs: number) => ({
      ref: ref(),
      submittedAtMs: t0,
      polls: 1,
      lastPolledAtMs: t0 + lastPolledAtMs,
      last: snapshot('running', { progress }),
    });
    // 50 % after 20 s → done at 40 s; poll 2 s after.
    expect(scheduler.nextPollAt(state(0.5, 20_000), t0 + 20_000) - t0).toBe(42_000);
    // 99 % after 60 s → ETA 60.6 s, poll at 62.6 s; without a margin, never sooner than the minimum gap.
    expect(scheduler.nextPollAt(state(0.99, 60_000), t0 + 60_000) - t0).toBe(62_607);
    const tight = createPollScheduler({ progressMarginMs: 0, minIntervalMs: 2_000 }, catalog);
    expect(tight.nextPollAt(state(0.99, 60_000), t0 + 60_000) - t0).toBe(62_000);
    // 1 % after 5 s → ETA 500 s, but never later than the maximum gap.
    expect(scheduler.nextPollAt(state(0.01, 5_000), t0 + 5_000) - t0).toBe(35_000);
  });

  it('learns the progress curve from finished tasks and extrapolates along it', () => {
    const scheduler = createPollScheduler(
      { minProgressSamples: 4, progressMarginMs: 0, maxIntervalMs: 60_000 },
      catalog,
    );
    const running = (progress: number, lastPolledAtMs: number) => ({
      ref: ref(),
      submittedAtMs: t0,
      polls: 1,
      lastPolledAtMs: t0 + lastPolledAtMs,
      last: snapshot('running', { progress }),
    });
    // Before learning: straight-line extrapolation, 80 % after 48 s → done at 60 s.
    expect(scheduler.nextPollAt(running(0.8, 48_000), t0) - t0).toBe(60_000);
    // Finished tasks of 100 s that showed 80 % at 60 % of their time (a fast middle, then a plateau).
    for (let i = 0; i < 4; i++) {
      const done = snapshot('succeeded', {
        timings: {
          observedAt: new Date(t0).toISOString(),
          createdAt: new Date(t0).toISOString(),
          completedAt: new Date(t0 + 100_000).toISOString(),
        },
      });
      scheduler.recordCompletion(done, {
        submittedAtMs: t0,
        observedAtMs: t0 + 101_000,
        progressReads: [
          { atMs: t0 + 30_000, progress: 0.3 },
          { atMs: t0 + 60_000, progress: 0.8 },
        ],
      });
    }
    // Now 80 % after 48 s means 60 % of the time is behind it: done at 80 s.
    expect(scheduler.nextPollAt(running(0.8, 48_000), t0) - t0).toBe(80_000);
  });

  it('learns completion times per key from provider timings and moves the first poll', () => {
    const scheduler = createPollScheduler({ minSamples: 3 }, catalog);
    for (const seconds of [30, 32, 34]) {
      const done = snapshot('succeeded', {
        timings: {
          observedAt: new Date(t0).toISOString(),
          createdAt: new Date(t0).toISOString(),
          completedAt: new Date(t0 + seconds * 1000).toISOString(),
        },
      });
      scheduler.recordCompletion(done, { submittedAtMs: t0, observedAtMs: t0 + 40_000 });
    }
    expect(scheduler.sampleCount(ref('720p'))).toBe(3);
    expect(scheduler.expectedWindowMs(ref('720p'))?.[0]).toBeCloseTo(30_040, 0);
    expect(scheduler.nextPollAt({ ref: ref('720p'), submittedAtMs: t0, polls: 0 }, t0) - t0).toBeCloseTo(
      34_540,
      0,
    );
    // Another tier is another key: still the catalog's window.
    expect(scheduler.expectedWindowMs(ref('1080p'))).toEqual([70_000, 90_000]);
  });

  it('learns from polling alone: the middle of the last gap, or one interval early when the first poll saw it done', () => {
    const scheduler = createPollScheduler(
      { minSamples: 2, intervalMs: 4_000, firstPollQuantile: 0 },
      catalog,
    );
    scheduler.recordCompletion(snapshot('succeeded'), {
      submittedAtMs: t0,
      previousPollAtMs: t0 + 50_000,
      observedAtMs: t0 + 54_000,
    });
    scheduler.recordCompletion(snapshot('succeeded'), { submittedAtMs: t0, observedAtMs: t0 + 60_000 });
    expect(scheduler.expectedWindowMs(ref())?.[0]).toBe(52_000);
    scheduler.recordCompletion(snapshot('failed'), { submittedAtMs: t0, observedAtMs: t0 + 5_000 });
    expect(scheduler.sampleCount(ref())).toBe(2);
  });
});

// The benchmark's scenario: 1000 tasks, half 720p (done after 50–70 s), half 1080p (70–90 s).
function simulate(plan: (r: TaskRef, polls: number, lastPolledAt: number | undefined) => number) {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  let polls = 0;
  const latencies: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const r = ref(i % 2 === 0 ? '720p' : '1080p');
    const doneAt = (r.resolution === '720p' ? 50_000 : 70_000) + random() * 20_000;
    let count = 0;
    let last: number | undefined;
    for (;;) {
      const at = plan(r, count, last);
      count++;
      last = at;
      if (at >= doneAt) {
        latencies.push(at - doneAt);
        break;
      }
    }
    polls += count;
  }
  latencies.sort((a, b) => a - b);
  return { meanPolls: polls / 1000, p95: latencies[Math.floor(0.95 * latencies.length)]! };
}

describe('poll scheduler against the seed schedule (wait 50 s, then every 5 s)', () => {
  const seedSchedule = simulate((_, polls) => 50_000 + polls * 5_000);
  const scheduler: PollScheduler = createPollScheduler({}, { ...catalog, documented });
  const ours = simulate((r, polls, last) =>
    scheduler.nextPollAt(
      { ref: r, submittedAtMs: 0, polls, ...(last === undefined ? {} : { lastPolledAtMs: last }) },
      last ?? 0,
    ),
  );

  it('the seed schedule costs about 5.5 polls per task at a p95 latency of about 4.75 s', () => {
    expect(seedSchedule.meanPolls).toBeCloseTo(5.5, 0);
    expect(seedSchedule.p95).toBeGreaterThan(4_600);
  });

  it('ours needs at most 0.6 × the polls with a p95 latency no worse', () => {
    expect(ours.meanPolls).toBeLessThanOrEqual(0.6 * seedSchedule.meanPolls);
    expect(ours.p95).toBeLessThanOrEqual(seedSchedule.p95);
  });
});
