/**
 * The polling schedules wankit is compared with, as the delay (ms) before each status read, counted
 * from submission for the first read and from the previous read's answer after that.
 */
export interface BaselineSchedule {
  readonly id: 'tier_grid_5s' | 'seed_schedule' | 'naive_5s' | 'dashscope_sdk';
  readonly description: string;
  /** `windowLowMs`: the low end of the task's expected completion window (its tier's typical time). */
  delays(windowLowMs: number): Iterator<number>;
}

/**
 * The fair baseline: a client that knows the tier's typical time (seed 004: 720p 50–70 s, 1080p
 * 70–90 s) and reads on a 5 s grid from there: first at the window's start + 5 s, then every 5 s.
 */
export const tierGrid5s: BaselineSchedule = {
  id: 'tier_grid_5s',
  description: "first read at the tier's window start + 5 s, then every 5 s",
  *delays(windowLowMs) {
    yield windowLowMs + 5_000;
    for (;;) yield 5_000;
  },
};

/** Seed 004 (generateTask, wan-2-5): "wait 50 s, then poll every 5 s". */
export const seedSchedule: BaselineSchedule = {
  id: 'seed_schedule',
  description: 'wait 50 s, then every 5 s (seed 004)',
  *delays() {
    yield 50_000;
    for (;;) yield 5_000;
  },
};

/** Fixed polling every 5 s from submission (the Vercel AI SDK's default poll interval). */
export const naive5s: BaselineSchedule = {
  id: 'naive_5s',
  description: 'every 5 s from submission',
  *delays() {
    for (;;) yield 5_000;
  },
};

/**
 * The DashScope Python SDK's `wait()`: the first read at once, then sleeps of 1 s, doubling at every
 * third read, capped at 5 s (wire-formats.md §4.9 [D9]; dashscope/client/base_api.py: wait_seconds = 1,
 * max_wait_seconds = 5, increment_steps = 3, the doubling checked before each read).
 */
export const dashscopeSdk: BaselineSchedule = {
  id: 'dashscope_sdk',
  description: 'at once, then 1 s doubling every 3 reads, cap 5 s (DashScope SDK)',
  *delays() {
    yield 0;
    let wait = 1_000;
    for (let step = 2; ; step++) {
      // `wait` here is the sleep after read `step - 1`; the SDK raises it just before reads 3, 6, 9…,
      // so a raise at read `step` first shows in the sleep after that read.
      yield wait;
      if (wait < 5_000 && step % 3 === 0) wait = Math.min(wait * 2, 5_000);
    }
  },
};

export const baselineSchedules: readonly BaselineSchedule[] = [
  tierGrid5s,
  seedSchedule,
  naive5s,
  dashscopeSdk,
];

/** The first `count` read times (ms after submission) of a schedule, for tests and the README. */
export function readTimes(schedule: BaselineSchedule, count: number, windowLowMs = 50_000): number[] {
  const times: number[] = [];
  const iterator = schedule.delays(windowLowMs);
  let at = 0;
  while (times.length < count) {
    at += iterator.next().value as number;
    times.push(at);
  }
  return times;
}
