import { performance } from 'node:perf_hooks';
import { createClient } from '@wankit/core';
import { createScaledClock } from '../clock/scaled-clock.js';
import { runRole, serveRole } from '../process/child-role.js';
import { currentRssMb, peakRssMb, startRssSampler } from '../process/memory.js';
import { fetchSimStats, startSimService } from '../sim/sim-service.js';
import { createCountingFetch } from '../sim/tracked-fetch.js';
import { round } from '../stats/summary.js';
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
  const counting = createCountingFetch();
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
 * Context for the RSS figure: the same 1000 creates and one status read each, sent all at once by a
 * hand-written `fetch` loop with no scheduling. It shows what 1000 concurrent requests cost Node's
 * fetch by themselves, whatever the client around them.
 */
async function rawBurstChild(input: ChildInput): Promise<{ idleRssMb: number; peakRssMb: number }> {
  const headers = { authorization: 'Bearer bench-key', 'content-type': 'application/json' };
  const body = (i: number) =>
    JSON.stringify({
      request_type: 'async',
      input: {
        mode: 'text-to-video',
        prompt: 'a kitten running in the moonlight',
        resolution: i % 2 === 0 ? '720p' : '1080p',
        aspect_ratio: '16:9',
      },
    });
  global.gc?.();
  const idleRssMb = currentRssMb();
  const sampler = startRssSampler(10);
  const ids = await Promise.all(
    Array.from({ length: input.tasks }, async (_, i) => {
      const response = await fetch(`${input.simulatorUrl}/api/v1/generateTask/wan-2-5`, {
        method: 'POST',
        headers,
        body: body(i),
      });
      const created = (await response.json()) as { data?: { taskId?: string } };
      return String(created.data?.taskId);
    }),
  );
  await Promise.all(
    ids.map(async (id) => {
      const response = await fetch(`${input.simulatorUrl}/api/v1/statusTask/wan-2-5?taskId=${id}`, {
        headers,
      });
      await response.text();
    }),
  );
  return { idleRssMb, peakRssMb: Math.max(sampler.stop(), peakRssMb() ?? 0) };
}

export const SCALE_ROLE = 'scale';
export const SCALE_RAW_ROLE = 'scale-raw';
export const serveScale = () => serveRole((input) => scaleChild(input as ChildInput));
export const serveScaleRaw = () => serveRole((input) => rawBurstChild(input as ChildInput));

export interface ScaleResult {
  readonly peak_rss_mb: number;
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
  /** Context: peak RSS of a bare `fetch` burst of the same 1000 creates + 1000 reads, no client. */
  readonly raw_burst_peak_rss_mb: number;
  readonly raw_burst_idle_rss_mb: number;
}

export async function runScale(): Promise<ScaleResult> {
  const sim = await startSimService({
    options: { limits: { documented: true }, seed: 7 },
    timeScale: TIME_SCALE,
  });
  try {
    const out = await runRole<ChildOutput>(
      SCALE_ROLE,
      { simulatorUrl: sim.value.baseUrl, tasks: TASKS, timeScale: TIME_SCALE } satisfies ChildInput,
      { timeoutMs: 300_000, execArgv: ['--expose-gc'] },
    );
    const stats = await fetchSimStats(sim.value.baseUrl);
    // After wankit's tasks have finished, so the simulator's 1000 concurrent-task slots are free again.
    const raw = await runRole<{ idleRssMb: number; peakRssMb: number }>(
      SCALE_RAW_ROLE,
      { simulatorUrl: sim.value.baseUrl, tasks: TASKS, timeScale: TIME_SCALE } satisfies ChildInput,
      { timeoutMs: 300_000, execArgv: ['--expose-gc'] },
    );
    return {
      peak_rss_mb: round(out.peakRssMb, 1)!,
      cpu_s: round(out.cpuWaitingS, 2)!,
      rate_limited_responses: out.rateLimited,
      tasks: TASKS,
      succeeded: out.succeeded,
      requests: out.requests,
      idle_rss_mb: round(out.idleRssMb, 1)!,
      cpu_total_s: round(out.cpuTotalS, 2)!,
      submit_wall_s: round(out.submitWallS, 2)!,
      wait_wall_s: round(out.waitWallS, 2)!,
      time_scale: TIME_SCALE,
      simulator_429s: rateLimitedServed(stats),
      status_counts: out.statusCounts,
      raw_burst_peak_rss_mb: round(raw.peakRssMb, 1)!,
      raw_burst_idle_rss_mb: round(raw.idleRssMb, 1)!,
    };
  } finally {
    await sim.stop();
  }
}

/** The simulator's own count of 429s served, as a cross-check (shape per @wankit/simulator's stats). */
function rateLimitedServed(stats: Record<string, unknown>): number | null {
  const value = (stats as { rateLimited?: unknown }).rateLimited;
  return typeof value === 'number' ? value : null;
}
