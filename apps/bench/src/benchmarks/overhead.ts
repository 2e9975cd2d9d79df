import { performance } from 'node:perf_hooks';
import type { WankitClient } from '@wankit/core';
import { createClient, createUndiciFetch } from '@wankit/core/node';
import { createInstantClock } from '../clock/instant-clock.js';
import { runRole, serveRole } from '../process/child-role.js';
import { startSimService } from '../sim/sim-service.js';
import { bodyOf, methodOf } from '../sim/tracked-fetch.js';
import { median, ratio, round, type Spread, spread } from '../stats/summary.js';
import { countingFetch, runPool } from './pool.js';
import { rawLifecycle } from './raw-lifecycle.js';
import { type AdapterId, adapterIds, type Subject, subjects } from './subjects.js';

export interface OverheadInput {
  readonly simulatorUrl: string;
  readonly tasks: number;
  readonly concurrency: number;
  readonly rounds: number;
}

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly requests: number;
}

export interface OverheadAdapterResult {
  readonly wall_ratio: number | null;
  readonly cpu_ratio: number | null;
  /** Median and range of the paired per-round ratios. */
  readonly wall_spread: Spread;
  readonly cpu_spread: Spread;
  readonly wankit_wall_s: number | null;
  readonly raw_wall_s: number | null;
  readonly wankit_cpu_s: number | null;
  readonly raw_cpu_s: number | null;
  readonly wankit_requests_per_task: number | null;
  readonly raw_requests_per_task: number | null;
}

export interface OverheadResult {
  /** wankit ÷ raw, the worst adapter (each the median of per-round paired ratios). */
  readonly wall_ratio: number | null;
  readonly cpu_ratio: number | null;
  readonly worst_adapter: { readonly wall: AdapterId; readonly cpu: AdapterId };
  readonly per_adapter: Readonly<Record<AdapterId, OverheadAdapterResult>>;
  readonly tasks: number;
  readonly concurrency: number;
  readonly rounds: number;
}

const API_KEY = 'bench-key';

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function measure(
  tasks: number,
  concurrency: number,
  lifecycle: () => Promise<unknown>,
): Promise<Sample> {
  global.gc?.();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await runPool(tasks, concurrency, lifecycle);
  return { wallMs: performance.now() - started, cpuMs: cpuMsSince(cpu), requests: 0 };
}

interface Contestants {
  readonly wankit: () => Promise<unknown>;
  readonly raw: () => Promise<unknown>;
  readonly wankitRequests: () => number;
  readonly rawRequests: () => number;
}

/** Builds both sides for one adapter; the raw side sends the create body wankit sent, byte for byte. */
async function contestants(subject: Subject, simulatorUrl: string): Promise<Contestants> {
  // The Node entry's default fetch (an undici pool timing headers itself), wrapped to count requests
  // and capture the first create body; `headersTimeoutMs` is carried over so core sets ky up as it
  // would for the default.
  const undici = createUndiciFetch({ headersTimeoutMs: 30_000, bodyTimeoutMs: 30_000 });
  const wankitFetch = countingFetch(undici);
  let createBody: string | undefined;
  let providerModel: string | undefined;
  const capture = Object.assign(
    async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      if (createBody === undefined && methodOf(input, init) === 'POST')
        createBody = await bodyOf(input, init);
      return wankitFetch.fetch(input, init);
    },
    { headersTimeoutMs: undici.headersTimeoutMs },
  );
  const client: WankitClient = createClient({
    adapter: subject.adapter(),
    apiKey: API_KEY,
    baseUrl: subject.baseUrl(simulatorUrl),
    fetch: capture as typeof fetch,
    clock: createInstantClock(),
  });
  const request = subject.request();
  const wankit = async () => {
    const result = await client.generate(request, { download: false });
    providerModel ??= result.ref.providerModel;
    if (!result.snapshot.outputs[0]?.url) throw new Error(`${subject.id}: wankit saw no result URL`);
  };
  await wankit();
  if (createBody === undefined || providerModel === undefined) {
    throw new Error(`${subject.id}: could not capture wankit's create request`);
  }
  const rawFetch = countingFetch();
  const format = subject.raw(providerModel);
  const body = createBody;
  const baseUrl = subject.baseUrl(simulatorUrl);
  const raw = () =>
    rawLifecycle({ baseUrl, apiKey: API_KEY, format, createBody: body, fetch: rawFetch.fetch });
  return { wankit, raw, wankitRequests: wankitFetch.count, rawRequests: rawFetch.count };
}

/** Child side: interleaves raw and wankit runs per adapter and round, alternating which goes first. */
export async function overheadRole(input: OverheadInput): Promise<OverheadResult> {
  const { tasks, concurrency, rounds } = input;
  const sides = new Map<AdapterId, Contestants>();
  for (const id of adapterIds) sides.set(id, await contestants(subjects[id], input.simulatorUrl));
  // Warm-up: one small run of everything, so JIT and connection pools are hot on both sides.
  for (const side of sides.values()) {
    await runPool(100, concurrency, side.raw);
    await runPool(100, concurrency, side.wankit);
  }
  const samples = new Map<AdapterId, { wankit: Sample[]; raw: Sample[] }>();
  for (const id of adapterIds) samples.set(id, { wankit: [], raw: [] });
  for (let r = 0; r < rounds; r++) {
    for (const id of adapterIds) {
      const side = sides.get(id)!;
      const record = samples.get(id)!;
      const order = r % 2 === 0 ? (['raw', 'wankit'] as const) : (['wankit', 'raw'] as const);
      for (const which of order) {
        const counter = which === 'raw' ? side.rawRequests : side.wankitRequests;
        const before = counter();
        const sample = await measure(tasks, concurrency, side[which]);
        record[which].push({ ...sample, requests: counter() - before });
      }
    }
  }
  const perAdapter = {} as Record<AdapterId, OverheadAdapterResult>;
  for (const id of adapterIds) {
    const { wankit, raw } = samples.get(id)!;
    const paired = (pick: (sample: Sample) => number) =>
      spread(wankit.map((sample, i) => ratio(pick(sample), pick(raw[i]!)) ?? Number.NaN));
    const wallSpread = paired((s) => s.wallMs);
    const cpuSpread = paired((s) => s.cpuMs);
    perAdapter[id] = {
      wall_ratio: wallSpread.median,
      cpu_ratio: cpuSpread.median,
      wall_spread: wallSpread,
      cpu_spread: cpuSpread,
      wankit_wall_s: round(median(wankit.map((s) => s.wallMs)) / 1000),
      raw_wall_s: round(median(raw.map((s) => s.wallMs)) / 1000),
      wankit_cpu_s: round(median(wankit.map((s) => s.cpuMs)) / 1000),
      raw_cpu_s: round(median(raw.map((s) => s.cpuMs)) / 1000),
      wankit_requests_per_task: round(median(wankit.map((s) => s.requests)) / tasks),
      raw_requests_per_task: round(median(raw.map((s) => s.requests)) / tasks),
    };
  }
  const worst = (key: 'wall_ratio' | 'cpu_ratio'): AdapterId =>
    adapterIds.reduce((a, b) => ((perAdapter[b][key] ?? 0) > (perAdapter[a][key] ?? 0) ? b : a));
  const worstWall = worst('wall_ratio');
  const worstCpu = worst('cpu_ratio');
  return {
    wall_ratio: perAdapter[worstWall].wall_ratio,
    cpu_ratio: perAdapter[worstCpu].cpu_ratio,
    worst_adapter: { wall: worstWall, cpu: worstCpu },
    per_adapter: perAdapter,
    tasks,
    concurrency,
    rounds,
  };
}

export const OVERHEAD_ROLE = 'overhead';
export const serveOverhead = () => serveRole((input) => overheadRole(input as OverheadInput));

/** Parent side: a simulator child that completes tasks instantly, the measured client in another child. */
export async function runOverhead(): Promise<OverheadResult> {
  const sim = await startSimService({ options: { instantCompletion: true, seed: 1 } });
  try {
    return await runRole<OverheadResult>(
      OVERHEAD_ROLE,
      { simulatorUrl: sim.value.baseUrl, tasks: 1000, concurrency: 16, rounds: 7 } satisfies OverheadInput,
      { timeoutMs: 600_000, execArgv: ['--expose-gc'] },
    );
  } finally {
    await sim.stop();
  }
}
