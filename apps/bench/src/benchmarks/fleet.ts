import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '@wankit/simulator';
import pg from 'pg';
import { cliBin } from './cli-startup.js';

/** The provider's limit the fleet works against, and the batch it works through. */
const RPM_LIMIT = 1_200;
const LINES = 300;
const WORKER_COUNTS = [1, 2, 4] as const;
const TIME_SCALE = '0.01';

export interface FleetRun {
  workers: number;
  tasks: number;
  wall_s: number;
  tasks_per_min: number;
  /** Provider requests per task (create + status reads), as the simulator counted them. */
  requests_per_task: number;
  /** The most tasks a minute the limit allows at that many requests per task. */
  limit_tasks_per_min: number;
  rate_limited: number;
  /** Database round trips of every process (enqueue + workers, pg-boss's polling included), per task. */
  db_round_trips_per_task: number;
}

export interface FleetResult {
  rpm_limit: number;
  lines: number;
  runs: FleetRun[];
}

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: readonly string[], cwd: string): { child: ChildProcess; done: Promise<Exit> } {
  const child = spawn(process.execPath, [cliBin(), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<Exit>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Tasks per minute of a fleet of 1, 2 and 4 `wankit worker` processes on one Postgres store, all against one
 * simulated provider account limited to RPM_LIMIT requests per minute (429 beyond it), and the database round
 * trips each task costs. Each run: a fresh schema, LINES lines queued by `batch --enqueue-only`, then the
 * workers started together; the clock runs from their start to the last line downloaded.
 */
export async function runFleet(): Promise<FleetResult> {
  const databaseUrl = process.env.WANKIT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect().catch((error: Error) => {
    throw new Error(
      `fleet needs PostgreSQL at ${databaseUrl} (set WANKIT_TEST_DATABASE_URL): ${error.message}`,
    );
  });
  const runs: FleetRun[] = [];
  try {
    for (const workers of WORKER_COUNTS) {
      const schema = `wankit_bench_${randomBytes(4).toString('hex')}`;
      const dir = await mkdtemp(join(tmpdir(), 'wankit-fleet-'));
      const sim = await startSimulator({
        timeScale: Number(TIME_SCALE),
        seed: 7,
        limits: { requestsPerMinute: RPM_LIMIT },
      });
      try {
        const prompts = Array.from({ length: LINES }, (_, i) =>
          JSON.stringify({ prompt: `fleet ${workers} ${i}` }),
        );
        await writeFile(join(dir, 'prompts.jsonl'), `${prompts.join('\n')}\n`);
        const common = [
          '--store',
          databaseUrl,
          '--store-schema',
          schema,
          '--provider',
          'native',
          '--base-url',
          sim.baseUrl,
          '--time-scale',
          TIME_SCALE,
          '--job-timeout',
          '60s',
        ];
        const queued = await run(
          ['batch', 'prompts.jsonl', ...common, '--size', '832*480', '--enqueue-only', '--json'],
          dir,
        ).done;
        if (queued.code !== 0) throw new Error(`enqueue failed: ${queued.stderr}`);
        let roundTrips = (JSON.parse(queued.stdout) as { roundTrips: number }).roundTrips;
        const before = sim.stats();
        const started = performance.now();
        const fleet = Array.from({ length: workers }, () =>
          run(
            [
              'worker',
              ...common,
              '--rpm',
              String(RPM_LIMIT),
              '--concurrency',
              '8',
              '--out',
              'results',
              '--json',
            ],
            dir,
          ),
        );
        for (;;) {
          const { rows } = await db.query<{ n: string }>(
            `SELECT count(*) AS n FROM "${schema}".tasks WHERE state = 'downloaded'`,
          );
          if (Number(rows[0]!.n) === LINES) break;
          if (fleet.every((w) => w.child.exitCode !== null)) throw new Error('every worker exited early');
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        const wallMs = performance.now() - started;
        const after = sim.stats();
        for (const worker of fleet) worker.child.kill('SIGTERM');
        for (const exit of await Promise.all(fleet.map((w) => w.done))) {
          if (exit.code !== 0) throw new Error(`a worker exited ${exit.code}: ${exit.stderr.slice(-500)}`);
          roundTrips += (JSON.parse(exit.stdout) as { roundTrips: number }).roundTrips;
        }
        const requestsPerTask = (after.requests - before.requests) / LINES;
        runs.push({
          workers,
          tasks: LINES,
          wall_s: round(wallMs / 1000),
          tasks_per_min: round(LINES / (wallMs / 60_000)),
          requests_per_task: round(requestsPerTask, 2),
          limit_tasks_per_min: round(RPM_LIMIT / requestsPerTask),
          rate_limited: after.rateLimited - before.rateLimited,
          db_round_trips_per_task: round(roundTrips / LINES),
        });
        process.stderr.write(`bench: fleet ${workers} worker(s): ${JSON.stringify(runs.at(-1))}\n`);
      } finally {
        await sim.close();
        await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await db.query(`DROP SCHEMA IF EXISTS "${schema}_queue" CASCADE`);
        await rm(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await db.end();
  }
  return { rpm_limit: RPM_LIMIT, lines: LINES, runs };
}
