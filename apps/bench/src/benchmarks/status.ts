import { performance } from 'node:perf_hooks';
import type { TaskRef } from '@wankit/core';
import { createClient, createUndiciFetch } from '@wankit/core/node';
import ky from 'ky';
import { runRole, serveRole } from '../process/child-role.js';
import { startSimService } from '../sim/sim-service.js';
import { median, ratio, round, type Spread, spread } from '../stats/summary.js';
import { runPool } from './pool.js';
import { type AdapterId, adapterIds, subjects } from './subjects.js';

/**
 * `client.status()` against a bare `fetch` loop reading the same URL, and against ky on the same
 * transport wankit uses (ky over core's undici fetch, ky's timeout off as core sets it): the first
 * ratio is wankit's whole cost, the second what wankit adds on top of its HTTP library.
 */
const API_KEY = 'bench-key';
const modes = { sequential: 1, concurrent_64: 64 } as const;
type Mode = keyof typeof modes;
const sides = ['fetch', 'ky', 'wankit'] as const;
type Side = (typeof sides)[number];

interface Input {
  readonly simulatorUrl: string;
  readonly calls: Readonly<Record<Mode, number>>;
  readonly rounds: number;
}

interface Sample {
  readonly wallUs: number;
  readonly cpuUs: number;
}

export interface StatusModeResult {
  /** wankit ÷ bare fetch, per call: median and range of the paired rounds. */
  readonly wall_vs_fetch: Spread;
  readonly cpu_vs_fetch: Spread;
  /** wankit ÷ ky on the same transport. */
  readonly wall_vs_ky: Spread;
  readonly cpu_vs_ky: Spread;
  /** Median µs per call, context only. */
  readonly us_per_call: Readonly<Record<Side, { readonly wall: number; readonly cpu: number }>>;
}

export interface StatusResult {
  /** The worst adapter and mode of each ratio (its median), as the targets read them. */
  readonly worst: {
    readonly vs_fetch: { readonly value: number | null; readonly at: string; readonly spread: Spread };
    readonly vs_ky: { readonly value: number | null; readonly at: string; readonly spread: Spread };
  };
  readonly per_adapter: Readonly<Record<AdapterId, Readonly<Record<Mode, StatusModeResult>>>>;
  readonly calls: Readonly<Record<Mode, number>>;
  readonly rounds: number;
}

async function measure(calls: number, concurrency: number, call: () => Promise<unknown>): Promise<Sample> {
  global.gc?.();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await runPool(calls, concurrency, call);
  const wallUs = ((performance.now() - started) * 1000) / calls;
  const used = process.cpuUsage(cpu);
  return { wallUs, cpuUs: (used.user + used.system) / calls };
}

async function contestants(
  id: AdapterId,
  simulatorUrl: string,
): Promise<Record<Side, () => Promise<unknown>>> {
  const subject = subjects[id];
  const baseUrl = subject.baseUrl(simulatorUrl);
  // Pacing off: no request-rate budget (generateTask documents 10 000/min), so only per-call cost counts.
  const client = createClient({
    adapter: subject.adapter(),
    apiKey: API_KEY,
    baseUrl,
    limits: { requestsPerMinute: Number.POSITIVE_INFINITY, concurrentTasks: Number.POSITIVE_INFINITY },
  });
  const { ref } = await client.submit(subject.request());
  const snapshot = await client.status(ref);
  if (snapshot.status !== 'succeeded') throw new Error(`${id}: the status read saw ${snapshot.status}`);
  const url = baseUrl + subject.raw(ref.providerModel).statusPath(ref.taskId);
  const headers = { authorization: `Bearer ${API_KEY}`, accept: 'application/json' };
  const http = ky.create({
    retry: 0,
    throwHttpErrors: false,
    timeout: false,
    fetch: createUndiciFetch({ headersTimeoutMs: 30_000, bodyTimeoutMs: 30_000 }),
  });
  const readOk = (status: number, text: string) => {
    if (status !== 200) throw new Error(`${id}: status read answered ${status}`);
    return JSON.parse(text) as unknown;
  };
  const statusOf = (r: TaskRef) => client.status(r);
  return {
    fetch: async () => {
      const response = await fetch(url, { headers });
      return readOk(response.status, await response.text());
    },
    ky: async () => {
      const response = await http(url, { method: 'GET', headers });
      return readOk(response.status, await response.text());
    },
    wankit: () => statusOf(ref),
  };
}

async function statusRole(input: Input): Promise<StatusResult> {
  const perAdapter = {} as Record<AdapterId, Record<Mode, StatusModeResult>>;
  for (const id of adapterIds) {
    const calls = await contestants(id, input.simulatorUrl);
    perAdapter[id] = {} as Record<Mode, StatusModeResult>;
    for (const mode of Object.keys(modes) as Mode[]) {
      const n = input.calls[mode];
      const concurrency = modes[mode];
      // Warm-up: JIT and keep-alive pools hot on every side.
      for (const side of sides) await measure(Math.min(n, 500), concurrency, calls[side]);
      const samples: Record<Side, Sample[]> = { fetch: [], ky: [], wankit: [] };
      for (let r = 0; r < input.rounds; r++) {
        // Rotate the order so drift on the shared machine hits every side alike.
        const order = sides.map((_, i) => sides[(i + r) % sides.length]!);
        for (const side of order) samples[side].push(await measure(n, concurrency, calls[side]));
      }
      const paired = (of: Side, pick: (s: Sample) => number) =>
        spread(samples.wankit.map((s, i) => ratio(pick(s), pick(samples[of][i]!)) ?? Number.NaN));
      const perCall = (side: Side) => ({
        wall: round(median(samples[side].map((s) => s.wallUs)), 0)!,
        cpu: round(median(samples[side].map((s) => s.cpuUs)), 0)!,
      });
      perAdapter[id][mode] = {
        wall_vs_fetch: paired('fetch', (s) => s.wallUs),
        cpu_vs_fetch: paired('fetch', (s) => s.cpuUs),
        wall_vs_ky: paired('ky', (s) => s.wallUs),
        cpu_vs_ky: paired('ky', (s) => s.cpuUs),
        us_per_call: { fetch: perCall('fetch'), ky: perCall('ky'), wankit: perCall('wankit') },
      };
    }
  }
  const worstOf = (keys: readonly ('wall_vs_fetch' | 'cpu_vs_fetch' | 'wall_vs_ky' | 'cpu_vs_ky')[]) => {
    let worst = { value: null as number | null, at: '', spread: spread([]) };
    for (const id of adapterIds)
      for (const mode of Object.keys(modes) as Mode[])
        for (const key of keys) {
          const figure = perAdapter[id][mode][key];
          if (figure.median !== null && (worst.value === null || figure.median > worst.value))
            worst = { value: figure.median, at: `${id} ${mode} ${key.split('_')[0]}`, spread: figure };
        }
    return worst;
  };
  return {
    worst: {
      vs_fetch: worstOf(['wall_vs_fetch', 'cpu_vs_fetch']),
      vs_ky: worstOf(['wall_vs_ky', 'cpu_vs_ky']),
    },
    per_adapter: perAdapter,
    calls: input.calls,
    rounds: input.rounds,
  };
}

export const STATUS_ROLE = 'status';
export const serveStatus = () => serveRole((input) => statusRole(input as Input));

export async function runStatus(): Promise<StatusResult> {
  const sim = await startSimService({ options: { instantCompletion: true, seed: 1 } });
  try {
    return await runRole<StatusResult>(
      STATUS_ROLE,
      {
        simulatorUrl: sim.value.baseUrl,
        calls: { sequential: 1000, concurrent_64: 2000 },
        rounds: 5,
      } satisfies Input,
      { timeoutMs: 900_000, execArgv: ['--expose-gc'] },
    );
  } finally {
    await sim.stop();
  }
}
