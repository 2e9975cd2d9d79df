import { performance } from 'node:perf_hooks';
import { expectedDurationSeconds, getModel } from '@wankit/core';
import { createClient, createUndiciFetch } from '@wankit/core/node';
import { createScaledClock } from '../clock/scaled-clock.js';
import { runRole, serveRole } from '../process/child-role.js';
import { currentRssMb, peakRssMb, startRssSampler } from '../process/memory.js';
import { fetchSimStats, startSimService } from '../sim/sim-service.js';
import { createCountingFetch } from '../sim/tracked-fetch.js';
import { median, ratio, round, type Spread, spread } from '../stats/summary.js';
import { subjects } from './subjects.js';

const TASKS = 1000;
/** Real ms per simulated ms, on both sides of the wire: a 50–90 s task takes 5–9 s. */
const TIME_SCALE = 0.1;

interface ChildInput {
  readonly simulatorUrl: string;
  readonly tasks: number;
  readonly timeScale: number;
}

interface ChildOutput {
  readonly peakRssMb: number;
  readonly idleRssMb: number;
  readonly cpuWaitingS: number;
  readonly cpuTotalS: number;
  readonly submitWallS: number;
  readonly waitWallS: number;
  readonly rateLimited: number;
  readonly requests: number;
  readonly succeeded: number;
  readonly statusCounts: Record<string, number>;
}

/**
 * Child side: one generateTask client, `tasks` submitted at once and all waited on together. The
 * client's own budget must keep it under the simulator's documented limits.
 */
async function scaleChild(input: ChildInput): Promise<ChildOutput> {
  const subject = subjects['generate-task'];
  // The Node entry's default fetch, counted.
  const counting = createCountingFetch(
    createUndiciFetch({ headersTimeoutMs: 30_000, bodyTimeoutMs: 30_000 }),
  );
  const clock = createScaledClock(input.timeScale);
  const client = createClient({
    adapter: subject.adapter(),
    apiKey: 'bench-key',
    baseUrl: subject.baseUrl(input.simulatorUrl),
    fetch: counting.fetch,
    clock,
  });
  const requests = Array.from({ length: input.tasks }, (_, i) =>
    subject.request(i % 2 === 0 ? '720p' : '1080p'),
  );
  global.gc?.();
  const idleRssMb = currentRssMb();
  const sampler = startRssSampler(10);
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const refs = await Promise.all(
    requests.map((request) => client.submit(request).then((result) => result.ref)),
  );
  const submitted = performance.now();
  const cpuWaitStart = process.cpuUsage();
  const snapshots = await Promise.all(refs.map((ref) => client.wait(ref)));
  const done = performance.now();
  const cpuWaiting = process.cpuUsage(cpuWaitStart);
  const cpuTotal = process.cpuUsage(cpuStart);
  const sampledPeak = sampler.stop();
  const statusCounts = Object.fromEntries(
    [...counting.statusCounts].map(([status, n]) => [String(status), n]),
  );
  return {
    peakRssMb: Math.max(sampledPeak, peakRssMb() ?? 0),
    idleRssMb,
    cpuWaitingS: (cpuWaiting.user + cpuWaiting.system) / 1e6,
    cpuTotalS: (cpuTotal.user + cpuTotal.system) / 1e6,
    submitWallS: (submitted - started) / 1000,
    waitWallS: (done - submitted) / 1000,
    rateLimited: counting.statusCounts.get(429) ?? 0,
    requests: [...counting.statusCounts.values()].reduce((a, b) => a + b, 0),
    succeeded: snapshots.filter((snapshot) => snapshot.status === 'succeeded').length,
    statusCounts,
  };
}

/**
 * The RSS baseline: a raw global-`fetch` client doing what wankit does for the same 1000 tasks, by hand
 * and with nothing else: the same in-flight cap (32 requests open), the same pacing under the
 * documented 10 000 requests/min (GCRA, burst 1 s, 1 % margin), and the same polling pattern as
 * wankit without a progress figure (first read 4.5 s after the tier's window start, then every 4.5 s),
 * one timer per waiting task.
 */
async function rawClientChild(input: ChildInput): Promise<RawOutput> {
  const scale = input.timeScale;
  const headers = { authorization: 'Bearer bench-key', 'content-type': 'application/json' };
  const statusCounts = new Map<number, number>();
  // In-flight cap: a FIFO of waiters.
  let open = 0;
  const queue: (() => void)[] = [];
  const slot = async () => {
    if (open < 32) {
      open++;
      return;
    }
    await new Promise<void>((resolve) => queue.push(resolve));
  };
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else open--;
  };
  // GCRA pacing in simulated time, as core's request budget does.
  const perMinute = 10_000;
  const burst = Math.floor(perMinute / 60);
  const intervalMs = 60_000 / ((perMinute - burst) * 0.99);
  const tolerance = (burst - 1) * intervalMs;
  const started = performance.now();
  const simNow = () => (performance.now() - started) / scale;
  let tat = Number.NEGATIVE_INFINITY;
  const sleepSim = (ms: number) =>
    new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms * scale)));
  const send = async (url: string, init: RequestInit): Promise<unknown> => {
    await slot();
    try {
      const now = simNow();
      const start = Math.max(tat, now);
      tat = start + intervalMs;
      if (start - tolerance > now) await sleepSim(start - tolerance - now);
      const response = await fetch(url, init);
      statusCounts.set(response.status, (statusCounts.get(response.status) ?? 0) + 1);
      return await response.json();
    } finally {
      release();
    }
  };
  const body = (resolution: string) =>
    JSON.stringify({
      request_type: 'async',
      input: {
        mode: 'text-to-video',
        prompt: 'a kitten running in the moonlight',
        resolution,
        aspect_ratio: '16:9',
      },
    });
  const pollEveryMs = 4_500;
  global.gc?.();
  const idleRssMb = currentRssMb();
  const sampler = startRssSampler(10);
  const cpuStart = process.cpuUsage();
  let succeeded = 0;
  await Promise.all(
    Array.from({ length: input.tasks }, async (_, i) => {
      const resolution = i % 2 === 0 ? '720p' : '1080p';
      const created = (await send(`${input.simulatorUrl}/api/v1/generateTask/wan-2-5`, {
        method: 'POST',
        headers,
        body: body(resolution),
      })) as { data?: { taskId?: string } };
      const id = String(created.data?.taskId);
      const low = expectedDurationSeconds(getModel('wan2.5-t2v-preview'), resolution as '720p')[0] * 1000;
      await sleepSim(low + pollEveryMs);
      for (;;) {
        const status = (await send(`${input.simulatorUrl}/api/v1/statusTask/wan-2-5?taskId=${id}`, {
          headers,
        })) as { data?: { state?: string } };
        const state = status.data?.state;
        if (state === 'success') {
          succeeded++;
          return;
        }
        if (state === 'failed') throw new Error(`raw task ${id} failed`);
        await sleepSim(pollEveryMs);
      }
    }),
  );
  const cpu = process.cpuUsage(cpuStart);
  return {
    idleRssMb,
    peakRssMb: Math.max(sampler.stop(), peakRssMb() ?? 0),
    cpuS: (cpu.user + cpu.system) / 1e6,
    succeeded,
    requests: [...statusCounts.values()].reduce((a, b) => a + b, 0),
    rateLimited: statusCounts.get(429) ?? 0,
  };
}

interface RawOutput {
  readonly idleRssMb: number;
  readonly peakRssMb: number;
  readonly cpuS: number;
  readonly succeeded: number;
  readonly requests: number;
  readonly rateLimited: number;
}

export const SCALE_ROLE = 'scale';
export const SCALE_RAW_ROLE = 'scale-raw';
export const serveScale = () => serveRole((input) => scaleChild(input as ChildInput));
export const serveScaleRaw = () => serveRole((input) => rawClientChild(input as ChildInput));

export interface ScaleResult {
  readonly peak_rss_mb: number;
  /** wankit's peak RSS ÷ the raw client's, median of the rounds (target ≤ 1.1). */
  readonly rss_ratio: number | null;
  readonly rss_ratio_spread: Spread;
  /** CPU seconds the client process used while its 1000 tasks were waiting (submit done → all done). */
  readonly cpu_s: number;
  readonly rate_limited_responses: number;
  readonly tasks: number;
  readonly succeeded: number;
  readonly requests: number;
  readonly idle_rss_mb: number;
  readonly cpu_total_s: number;
  readonly submit_wall_s: number;
  readonly wait_wall_s: number;
  readonly time_scale: number;
  readonly simulator_429s: number | null;
  readonly status_counts: Record<string, number>;
  readonly rounds: number;
  /** The raw global-fetch client with the same cap, pacing and polling pattern. */
  readonly raw: {
    readonly peak_rss_mb: number;
    readonly idle_rss_mb: number;
    readonly cpu_s: number;
    readonly requests: number;
    readonly rate_limited: number;
    readonly succeeded: number;
  };
}

const ROUNDS = 3;

export async function runScale(): Promise<ScaleResult> {
  const wankit: ChildOutput[] = [];
  const raw: RawOutput[] = [];
  let simulator429s = 0;
  let counted = true;
  for (let r = 0; r < ROUNDS; r++) {
    // A fresh simulator per child, so each meets empty rate windows and 1000 free task slots.
    for (const who of r % 2 === 0 ? (['wankit', 'raw'] as const) : (['raw', 'wankit'] as const)) {
      const sim = await startSimService({
        options: { limits: { documented: true }, seed: 7 },
        timeScale: TIME_SCALE,
      });
      try {
        const input = {
          simulatorUrl: sim.value.baseUrl,
          tasks: TASKS,
          timeScale: TIME_SCALE,
        } satisfies ChildInput;
        const options = { timeoutMs: 300_000, execArgv: ['--expose-gc'] };
        if (who === 'wankit') {
          wankit.push(await runRole<ChildOutput>(SCALE_ROLE, input, options));
          const served = rateLimitedServed(await fetchSimStats(sim.value.baseUrl));
          if (served === null) counted = false;
          else simulator429s += served;
        } else raw.push(await runRole<RawOutput>(SCALE_RAW_ROLE, input, options));
      } finally {
        await sim.stop();
      }
    }
  }
  const ratios = spread(wankit.map((w, i) => ratio(w.peakRssMb, raw[i]!.peakRssMb) ?? Number.NaN));
  const mid = <T>(items: T[], pick: (item: T) => number) => median(items.map(pick));
  const out = wankit[wankit.length - 1]!;
  return {
    peak_rss_mb: round(
      mid(wankit, (w) => w.peakRssMb),
      1,
    )!,
    rss_ratio: ratios.median,
    rss_ratio_spread: ratios,
    cpu_s: round(
      mid(wankit, (w) => w.cpuWaitingS),
      2,
    )!,
    rate_limited_responses: wankit.reduce((sum, w) => sum + w.rateLimited, 0),
    tasks: TASKS,
    succeeded: Math.min(...wankit.map((w) => w.succeeded)),
    requests: round(
      mid(wankit, (w) => w.requests),
      0,
    )!,
    idle_rss_mb: round(
      mid(wankit, (w) => w.idleRssMb),
      1,
    )!,
    cpu_total_s: round(
      mid(wankit, (w) => w.cpuTotalS),
      2,
    )!,
    submit_wall_s: round(
      mid(wankit, (w) => w.submitWallS),
      2,
    )!,
    wait_wall_s: round(
      mid(wankit, (w) => w.waitWallS),
      2,
    )!,
    time_scale: TIME_SCALE,
    simulator_429s: counted ? simulator429s : null,
    status_counts: out.statusCounts,
    rounds: ROUNDS,
    raw: {
      peak_rss_mb: round(
        mid(raw, (w) => w.peakRssMb),
        1,
      )!,
      idle_rss_mb: round(
        mid(raw, (w) => w.idleRssMb),
        1,
      )!,
      cpu_s: round(
        mid(raw, (w) => w.cpuS),
        2,
      )!,
      requests: round(
        mid(raw, (w) => w.requests),
        0,
      )!,
      rate_limited: raw.reduce((sum, w) => sum + w.rateLimited, 0),
      succeeded: Math.min(...raw.map((w) => w.succeeded)),
    },
  };
}

/** The simulator's own count of 429s served, as a cross-check (shape per @wankit/simulator's stats). */
function rateLimitedServed(stats: Record<string, unknown>): number | null {
  const value = (stats as { rateLimited?: unknown }).rateLimited;
  return typeof value === 'number' ? value : null;
}
