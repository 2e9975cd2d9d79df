import { performance } from 'node:perf_hooks';
import {
  type CallbackRegistration,
  createCallbackHandler,
  createCallbackRegistry,
  createClient,
  expectedDurationSeconds,
  getModel,
  isTerminal,
  type Resolution,
  type TaskRef,
  type WanAdapter,
  type WankitClient,
} from '@wankit/core';
import { createFakeClock, type FakeClock } from '@wankit/core/testing';
import { type ProgressCurve, type Simulator, startSimulator, type WireFormat } from '@wankit/simulator';
import { simulatorClockOn } from '../clock/fake-simulator-clock.js';
import { startCallbackServer } from '../sim/callback-server.js';
import { driveSimulatedTime } from '../sim/simulated-time-driver.js';
import { createTrackedFetch, methodOf } from '../sim/tracked-fetch.js';
import { seededRandom, shuffled } from '../stats/random.js';
import { mean, quantile, ratio, round } from '../stats/summary.js';
import { type BaselineSchedule, baselineSchedules } from './baseline-schedules.js';
import { type AdapterId, subjects } from './subjects.js';

const TASKS = 1000;
/** One submission per simulated second: the scheduler meets its first tasks knowing only the catalog. */
const ARRIVAL_MS = 1000;
const SEED = 2026;
/** The simulator's uneven progress curve: a slow start, a fast middle, a plateau near the end. */
const CURVE: ProgressCurve = 'uneven';

const wireFormat: Record<AdapterId, WireFormat> = {
  native: 'native',
  v2: 'v2',
  'generate-task': 'generateTask',
};

export interface PollingFigures {
  /** Mean status requests per task. */
  readonly polls_per_task: number;
  /** Task finished (simulator) → client saw it, seconds of simulated time. */
  readonly latency_mean_s: number;
  readonly latency_p95_s: number;
  readonly latency_max_s: number;
  readonly adapter: AdapterId;
  /** Real seconds the simulation took (context only). */
  readonly wall_s: number;
}

/** wankit against the tier-aware 5 s grid on one adapter, same tasks, same durations. */
export interface PollingComparison {
  readonly adapter: AdapterId;
  /** Whether the adapter's status reads carry a progress figure. */
  readonly progress: boolean;
  readonly wankit: PollingFigures;
  readonly grid: PollingFigures;
  /** wankit's reads per task ÷ the grid's (target ≤ 0.8). */
  readonly reads_ratio: number | null;
}

export interface PollingResult {
  /** native: progress on every read, along the simulator's uneven curve. */
  readonly with_progress: PollingComparison;
  /** generateTask: no progress figure. */
  readonly without_progress: PollingComparison;
  readonly context: {
    /** native on the simulator's old linear progress curve (flatters extrapolation). */
    readonly wankit_native_linear: PollingFigures;
    readonly wankit_v2: PollingFigures;
    readonly seed_schedule: PollingFigures;
    readonly naive_5s: PollingFigures;
    readonly dashscope_sdk: PollingFigures;
    readonly callback: PollingFigures;
  };
  readonly progress_curve: ProgressCurve;
  readonly tasks: number;
  readonly population: string;
}

type Strategy = (
  | { readonly kind: 'wankit'; readonly adapter: AdapterId }
  | { readonly kind: 'baseline'; readonly adapter: AdapterId; readonly schedule: BaselineSchedule }
  | { readonly kind: 'callback' }
) & { readonly curve?: ProgressCurve };

/** Half 720p (50–70 s), half 1080p (70–90 s), in a seeded order; the simulator draws each duration. */
function population(): Resolution[] {
  const tiers: Resolution[] = [...Array(TASKS / 2).fill('720p'), ...Array(TASKS / 2).fill('1080p')];
  return shuffled(tiers, seededRandom(SEED));
}

interface TaskOutcome {
  readonly latencyMs: number;
}

/**
 * One strategy, one fresh simulator and client, 1000 tasks, all on core's fake clock shared with the
 * simulator: time moves only when no request is in flight, so every figure is exact and repeatable.
 */
async function simulate(strategy: Strategy): Promise<PollingFigures> {
  const started = performance.now();
  const clock: FakeClock = createFakeClock();
  const adapterId: AdapterId = strategy.kind === 'callback' ? 'generate-task' : strategy.adapter;
  const subject = subjects[adapterId];
  const sim: Simulator = await startSimulator({
    clock: simulatorClockOn(clock),
    seed: SEED,
    // The seed's spread, explicitly (also the simulator's default).
    durations: { '720p': [50, 70], '1080p': [70, 90] },
    progressCurve: strategy.curve ?? CURVE,
  });
  // The simulator's callback POSTs use the global fetch: track it too, so time never moves under one.
  const originalFetch = globalThis.fetch;
  const tracker = createTrackedFetch(originalFetch);
  globalThis.fetch = tracker.fetch;
  const callbackParts =
    strategy.kind === 'callback' ? await callbackReceiver(clock, subject.adapter()) : undefined;
  try {
    const tiers = population();
    const outcomes: TaskOutcome[] = [];
    let statusReads = 0;
    const countReads: typeof fetch = (input, init) => {
      if (methodOf(input, init) === 'GET') statusReads++;
      return tracker.fetch(input, init);
    };
    const client: WankitClient = createClient({
      adapter: subject.adapter(),
      apiKey: 'bench-key',
      baseUrl: subject.baseUrl(sim.baseUrl),
      fetch: countReads,
      clock,
    });
    const finishedAt = (ref: TaskRef): number => {
      const task = sim.tasks.get(wireFormat[adapterId], ref.taskId);
      if (!task) throw new Error(`the simulator does not know task ${ref.taskId}`);
      if (task.state !== 'succeeded')
        throw new Error(`task ${ref.taskId} is ${task.state}, expected succeeded`);
      return task.endAt;
    };
    const runTask = async (resolution: Resolution): Promise<void> => {
      const request = subject.request(resolution);
      let registration: CallbackRegistration | undefined;
      if (callbackParts) registration = callbackParts.registry.register();
      const { ref } = await client.submit(request, registration ? { callback: registration } : {});
      if (strategy.kind === 'baseline') {
        const window = expectedDurationSeconds(getModel(request.model), resolution);
        const delays = strategy.schedule.delays(window[0] * 1000);
        for (;;) {
          await clock.sleep(delays.next().value as number);
          const snapshot = await client.status(ref);
          if (isTerminal(snapshot.status)) break;
        }
      } else {
        const snapshot = await client.wait(ref, registration ? { callback: registration } : {});
        if (snapshot.status !== 'succeeded') throw new Error(`task ${ref.taskId} ended ${snapshot.status}`);
      }
      outcomes.push({ latencyMs: clock.now() - finishedAt(ref) });
    };
    const failures: unknown[] = [];
    const submitter = (async () => {
      for (const tier of tiers) {
        runTask(tier).catch((error: unknown) => failures.push(error));
        await clock.sleep(ARRIVAL_MS);
      }
    })();
    submitter.catch((error: unknown) => failures.push(error));
    await driveSimulatedTime(clock, [tracker], () => failures.length > 0 || outcomes.length === TASKS);
    if (failures.length > 0) throw failures[0];
    const latencies = outcomes.map((outcome) => outcome.latencyMs / 1000);
    return {
      polls_per_task: round(statusReads / TASKS)!,
      latency_mean_s: round(mean(latencies))!,
      latency_p95_s: round(quantile(latencies, 0.95))!,
      latency_max_s: round(Math.max(...latencies))!,
      adapter: adapterId,
      wall_s: round((performance.now() - started) / 1000, 1)!,
    };
  } finally {
    globalThis.fetch = originalFetch;
    await callbackParts?.close();
    await sim.close();
  }
}

/** Core's callback handler behind a loopback server; the registry issues each task's URL. */
async function callbackReceiver(clock: FakeClock, adapter: WanAdapter) {
  let handler: ReturnType<typeof createCallbackHandler> | undefined;
  const server = await startCallbackServer(() => handler!);
  const registry = createCallbackRegistry({ publicBaseUrl: server.url, clock });
  handler = createCallbackHandler({ adapter, registry, clock });
  return { registry, close: server.close };
}

const grid = baselineSchedules.find((schedule) => schedule.id === 'tier_grid_5s')!;

async function compare(adapter: AdapterId, progress: boolean): Promise<PollingComparison> {
  const wankit = await simulate({ kind: 'wankit', adapter });
  const baseline = await simulate({ kind: 'baseline', adapter, schedule: grid });
  return {
    adapter,
    progress,
    wankit,
    grid: baseline,
    reads_ratio: round(ratio(wankit.polls_per_task, baseline.polls_per_task)),
  };
}

export async function runPolling(): Promise<PollingResult> {
  const withProgress = await compare('native', true);
  const withoutProgress = await compare('generate-task', false);
  const others = {} as Record<'seed_schedule' | 'naive_5s' | 'dashscope_sdk', PollingFigures>;
  for (const schedule of baselineSchedules) {
    if (schedule.id === 'tier_grid_5s') continue;
    others[schedule.id] = await simulate({ kind: 'baseline', adapter: 'native', schedule });
  }
  return {
    with_progress: withProgress,
    without_progress: withoutProgress,
    context: {
      wankit_native_linear: await simulate({ kind: 'wankit', adapter: 'native', curve: 'linear' }),
      wankit_v2: await simulate({ kind: 'wankit', adapter: 'v2' }),
      ...others,
      callback: await simulate({ kind: 'callback' }),
    },
    progress_curve: CURVE,
    tasks: TASKS,
    population: `${TASKS} text-to-video tasks, half 720p (50–70 s) and half 1080p (70–90 s), one submitted per simulated second, seed ${SEED}; progress along the simulator's '${CURVE}' curve`,
  };
}
