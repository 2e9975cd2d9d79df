import type { TaskRef, TaskSnapshot } from '../spec/task.js';

export interface ScheduleOptions {
  /**
   * Cadence after the first poll while the task is inside its expected window. Default 4 500 ms:
   * with uniformly spread completion times a grid of I ms gives a p95 notice latency of 0.95·I, so
   * this stays under the 4.75 s of the providers' "every 5 s" advice.
   */
  intervalMs?: number;
  /** No two polls of one task closer than this. Default 1 000. */
  minIntervalMs?: number;
  /** No poll of a running task later than this after the previous one. Default 30 000. */
  maxIntervalMs?: number;
  /** Once a task runs past its expected window, each interval grows by this factor… Default 1.25. */
  lateGrowth?: number;
  /** …up to this interval. Default 15 000. */
  lateMaxIntervalMs?: number;
  /** Quantile of learned completion times used to place the first poll. Default 0.01. */
  firstPollQuantile?: number;
  /** Quantile of learned completion times taken as the end of the expected window. Default 0.95. */
  windowEndQuantile?: number;
  /** Learned times replace the catalog's once a key has this many samples. Default 20. */
  minSamples?: number;
  /** Samples kept per key (a ring). Default 200. */
  maxSamples?: number;
  /** With a callback registered, the first poll waits until the window's end plus this. Default 20 000. */
  callbackGraceMs?: number;
  /**
   * With a progress figure, poll this long after the extrapolated completion. Default 2 000: on the
   * simulator's uneven curve 0.5 / 1 / 2 / 3 s gave 0.90 / 0.80 / 0.74 / 0.73× the tier grid's reads
   * at p95 notice 4.46 / 4.41 / 4.37 / 4.45 s.
   */
  progressMarginMs?: number;
  /**
   * Progress readings learned per key before the learned curve replaces straight-line extrapolation.
   * Providers' progress is rarely linear in time (slow starts, plateaus); completed tasks teach which
   * share of its duration a task has behind it at a given figure. Default 40.
   */
  minProgressSamples?: number;
  /**
   * The server runs tasks at this multiple of the documented durations (a simulator's time scale, e.g.
   * 0.05): the catalog's expected window, the documented initial delay and every default interval above
   * are multiplied by it (intervals given explicitly are used as given). Default 1.
   * A function is read at every decision: for a caller that learns the server's scale from its answers
   * (the CLI reads a simulator's `x-wankit-sim-time-scale` header); a value that is not a positive number
   * counts as 1.
   */
  timeScale?: number | (() => number);
}

export interface PollSchedulerInputs {
  /** Expected completion `[low, high]` in seconds for a task (from the model catalog). */
  expectedSeconds?: (ref: TaskRef) => readonly [number, number] | undefined;
  /** The provider's documented cadence, used when nothing better is known. */
  documented?: { readonly initialDelayMs: number; readonly intervalMs: number };
}

/** What the scheduler needs to know about one task's polling so far. */
export interface PollState {
  readonly ref: TaskRef;
  /** When the task was submitted (client clock, ms). */
  readonly submittedAtMs: number;
  /** Status reads done so far by this wait. */
  readonly polls: number;
  /** When the last read was made (client clock, ms). */
  readonly lastPolledAtMs?: number;
  /** The last snapshot seen (from a read or a callback). */
  readonly last?: TaskSnapshot;
  /** A callback is registered for this task: polling is only the fallback. */
  readonly callback?: boolean;
}

export interface PollScheduler {
  /** Absolute time (client clock, ms) of the next status read. Never earlier than `nowMs`. */
  nextPollAt(state: PollState, nowMs: number): number;
  /** Learns from a finished task. */
  recordCompletion(snapshot: TaskSnapshot, trace: CompletionTrace): void;
  /** The expected completion window `[low, high]` in ms after submission, learned or from the catalog. */
  expectedWindowMs(ref: TaskRef): readonly [number, number] | undefined;
  /** Learned samples for a key, for diagnostics. */
  sampleCount(ref: TaskRef): number;
}

/** How a finished task was seen: when it was submitted, read, and what progress each read showed. */
export interface CompletionTrace {
  readonly submittedAtMs: number;
  readonly observedAtMs: number;
  readonly previousPollAtMs?: number;
  /** Running reads with a progress figure, in order. */
  readonly progressReads?: readonly { readonly atMs: number; readonly progress: number }[];
}

/** Pairs (progress figure, share of the task's duration elapsed at that read), a ring per key. */
interface ProgressSamples {
  progress: Float64Array;
  share: Float64Array;
  size: number;
  next: number;
}

/** Nearest learned readings consulted for one estimate. */
const progressNeighbours = 12;
/** Readings further than this from the figure at hand say nothing about it. */
const progressNeighbourhood = 0.05;
/** Quantile of their elapsed shares taken (the middle; measured against 0.4–0.7 in the polling bench). */
const progressShareQuantile = 0.5;

interface Samples {
  values: Float64Array;
  size: number;
  next: number;
  sorted?: Float64Array;
}

/** Learning key: tasks of one adapter, model, tier and duration take about as long as each other. */
export function scheduleKey(ref: TaskRef): string {
  return `${ref.adapter}|${ref.model}|${ref.resolution ?? ''}|${ref.durationSeconds ?? ''}`;
}

function quantile(sorted: Float64Array, q: number): number {
  const position = Math.min(sorted.length - 1, Math.max(0, q * (sorted.length - 1)));
  const lower = Math.floor(position);
  const upper = Math.min(sorted.length - 1, lower + 1);
  const fraction = position - lower;
  return sorted[lower]! * (1 - fraction) + sorted[upper]! * fraction;
}

const timeOf = (iso: string | undefined): number | undefined => {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
};

/**
 * Decides when to read a task's status. Pure: no timers, no I/O; the caller sleeps.
 * - First read: just after the low end of the expected window (learned per key, else the catalog's
 *   typical time for model and tier, else the provider's documented initial delay).
 * - With a progress figure: just after the completion time extrapolated from elapsed / progress.
 * - Otherwise every `intervalMs`, widening gently once the task is later than expected.
 */
export function createPollScheduler(
  options: ScheduleOptions = {},
  inputs: PollSchedulerInputs = {},
): PollScheduler {
  const scaleSource = options.timeScale;
  const currentScale = (): number => {
    const value = typeof scaleSource === 'function' ? scaleSource() : (scaleSource ?? 1);
    return Number.isFinite(value) && value > 0 ? value : 1;
  };
  // Defaults are documented-time figures, so they shrink with the server's time scale; explicit values are taken as given.
  let timeScale = Number.NaN;
  let intervalMs = 0;
  let minIntervalMs = 0;
  let maxIntervalMs = 0;
  let lateMaxIntervalMs = 0;
  let callbackGraceMs = 0;
  let progressMarginMs = 0;
  /** Recomputes the scaled figures when the time scale changed (only a function source can change it). */
  const refresh = () => {
    const now = currentScale();
    if (now === timeScale) return;
    timeScale = now;
    const scaled = (value: number | undefined, fallback: number) => value ?? fallback * timeScale;
    intervalMs = scaled(options.intervalMs, 4_500);
    minIntervalMs = scaled(options.minIntervalMs, 1_000);
    maxIntervalMs = scaled(options.maxIntervalMs, 30_000);
    lateMaxIntervalMs = scaled(options.lateMaxIntervalMs, 15_000);
    callbackGraceMs = scaled(options.callbackGraceMs, 20_000);
    progressMarginMs = scaled(options.progressMarginMs, 2_000);
  };
  refresh();
  const lateGrowth = options.lateGrowth ?? 1.25;
  const firstPollQuantile = options.firstPollQuantile ?? 0.01;
  const windowEndQuantile = options.windowEndQuantile ?? 0.95;
  const minSamples = options.minSamples ?? 20;
  const maxSamples = options.maxSamples ?? 200;
  const minProgressSamples = options.minProgressSamples ?? 40;
  const maxProgressSamples = 4 * maxSamples;
  const learned = new Map<string, Samples>();
  const learnedProgress = new Map<string, ProgressSamples>();

  const addProgressSample = (ref: TaskRef, progress: number, share: number) => {
    if (!(progress > 0 && progress < 1) || !(share > 0) || !Number.isFinite(share)) return;
    const key = scheduleKey(ref);
    let samples = learnedProgress.get(key);
    if (!samples) {
      samples = {
        progress: new Float64Array(maxProgressSamples),
        share: new Float64Array(maxProgressSamples),
        size: 0,
        next: 0,
      };
      learnedProgress.set(key, samples);
    }
    samples.progress[samples.next] = progress;
    samples.share[samples.next] = Math.min(1, share);
    samples.next = (samples.next + 1) % maxProgressSamples;
    samples.size = Math.min(samples.size + 1, maxProgressSamples);
  };

  /** Share of its duration a task showing `progress` has behind it, from finished tasks' readings. */
  const learnedShare = (ref: TaskRef, progress: number): number | undefined => {
    const samples = learnedProgress.get(scheduleKey(ref));
    if (!samples || samples.size < minProgressSamples) return undefined;
    // The k nearest readings by progress (k is small: a bounded insertion into a sorted list).
    const distances: number[] = [];
    const shares: number[] = [];
    for (let i = 0; i < samples.size; i++) {
      const distance = Math.abs(samples.progress[i]! - progress);
      if (distance > progressNeighbourhood) continue;
      if (distances.length === progressNeighbours && distance >= distances[progressNeighbours - 1]!) continue;
      let at = Math.min(distances.length, progressNeighbours - 1);
      while (at > 0 && distances[at - 1]! > distance) at--;
      distances.splice(at, 0, distance);
      shares.splice(at, 0, samples.share[i]!);
      if (distances.length > progressNeighbours) {
        distances.pop();
        shares.pop();
      }
    }
    if (shares.length === 0) return undefined;
    const sorted = Float64Array.from(shares).sort();
    return quantile(sorted, progressShareQuantile);
  };

  const clampGap = (at: number, from: number, max = maxIntervalMs) =>
    Math.min(Math.max(at, from + minIntervalMs), from + max);

  const learnedWindow = (ref: TaskRef): readonly [number, number] | undefined => {
    const samples = learned.get(scheduleKey(ref));
    if (!samples || samples.size < minSamples) return undefined;
    if (!samples.sorted) samples.sorted = samples.values.slice(0, samples.size).sort();
    return [quantile(samples.sorted, firstPollQuantile), quantile(samples.sorted, windowEndQuantile)];
  };

  const expectedWindowMs = (ref: TaskRef): readonly [number, number] | undefined => {
    refresh();
    const fromSamples = learnedWindow(ref);
    if (fromSamples) return fromSamples;
    const seconds = inputs.expectedSeconds?.(ref);
    if (!seconds) return undefined;
    return [seconds[0] * 1000 * timeScale, seconds[1] * 1000 * timeScale];
  };

  const addSample = (ref: TaskRef, ms: number) => {
    if (!(ms > 0) || !Number.isFinite(ms)) return;
    const key = scheduleKey(ref);
    let samples = learned.get(key);
    if (!samples) {
      samples = { values: new Float64Array(maxSamples), size: 0, next: 0 };
      learned.set(key, samples);
    }
    samples.values[samples.next] = ms;
    samples.next = (samples.next + 1) % maxSamples;
    samples.size = Math.min(samples.size + 1, maxSamples);
    samples.sorted = undefined;
  };

  /** How long the task took from submission: the provider's timings, else estimated from the reads. */
  const completionDuration = (snapshot: TaskSnapshot, trace: CompletionTrace): number => {
    const completed = timeOf(snapshot.timings.completedAt);
    const created = timeOf(snapshot.timings.createdAt);
    // The provider's own timings: exact, no polling noise.
    if (completed !== undefined) return completed - (created ?? trace.submittedAtMs);
    // Finished between two reads: take the middle of that gap.
    if (trace.previousPollAtMs !== undefined)
      return (trace.previousPollAtMs + trace.observedAtMs) / 2 - trace.submittedAtMs;
    // Already done at the first read, so it finished some time earlier. Assume one interval earlier,
    // so a schedule that starts too late moves earlier instead of drifting later.
    return trace.observedAtMs - trace.submittedAtMs - intervalMs;
  };

  return {
    expectedWindowMs,
    sampleCount: (ref) => learned.get(scheduleKey(ref))?.size ?? 0,

    nextPollAt(state, nowMs) {
      refresh();
      const { submittedAtMs, last } = state;
      const lastAt = state.lastPolledAtMs;
      const window = expectedWindowMs(state.ref);

      if (state.polls === 0 || lastAt === undefined) {
        let first: number;
        if (window) {
          first = state.callback
            ? submittedAtMs + window[1] + callbackGraceMs
            : submittedAtMs + window[0] + intervalMs;
        } else if (inputs.documented) {
          first =
            submittedAtMs +
            inputs.documented.initialDelayMs * timeScale +
            (state.callback ? callbackGraceMs : 0);
        } else {
          first = submittedAtMs + intervalMs;
        }
        return Math.max(first, nowMs);
      }

      const progress = last?.progress;
      if (last && last.status === 'running' && progress !== undefined && progress > 0 && progress < 1) {
        const elapsed = lastAt - submittedAtMs;
        // Learned curve when there is one, else straight-line extrapolation.
        const share = learnedShare(state.ref, progress) ?? progress;
        const eta = submittedAtMs + elapsed / share;
        return Math.max(Math.ceil(clampGap(eta + progressMarginMs, lastAt)), nowMs);
      }

      let gap = intervalMs;
      if (window) {
        const lateBy = lastAt - (submittedAtMs + window[1]);
        if (lateBy > 0) {
          gap = Math.min(lateMaxIntervalMs, intervalMs * lateGrowth ** Math.ceil(lateBy / intervalMs));
        }
      }
      return Math.max(clampGap(lastAt + gap, lastAt), nowMs);
    },

    recordCompletion(snapshot, trace) {
      refresh();
      // Failures are often fast refusals (content policy); they say little about generation time.
      if (snapshot.status !== 'succeeded') return;
      const duration = completionDuration(snapshot, trace);
      addSample(snapshot.ref, duration);
      if (duration > 0) {
        for (const read of trace.progressReads ?? []) {
          addProgressSample(snapshot.ref, read.progress, (read.atMs - trace.submittedAtMs) / duration);
        }
      }
    },
  };
}
