import type { ChildProcess } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@wankit/simulator';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  freshUser,
  isMp4,
  parseJsonOutput,
  runCli,
  type Spawned,
  startCli,
  until,
} from './harness.js';
import { postgresAvailable, testDatabaseUrl, testSchema } from './store-harness.js';

// The simulator runs tasks at 1/100 of the documented durations: a 480p video takes 0.3-0.5 s.
const timeScale = '0.01';
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});
beforeAll(() => {
  if (postgresAvailable) assertBuilt();
});

async function simulator(options: Parameters<typeof startSimulator>[0] = {}): Promise<Simulator> {
  const sim = await startSimulator({ timeScale: Number(timeScale), seed: 15, ...options });
  cleanup.push(() => sim.close());
  return sim;
}

async function setup(lines: number, prefix: string) {
  const user = await freshUser();
  const db = await testSchema();
  cleanup.push(() => db.drop());
  const prompts = Array.from({ length: lines }, (_, i) =>
    JSON.stringify({ prompt: `${prefix} scene ${i + 1}` }),
  );
  await writeFile(join(user.cwd, 'prompts.jsonl'), `${prompts.join('\n')}\n`);
  const store = ['--store', testDatabaseUrl, '--store-schema', db.schema];
  return { user, db, store };
}

const provider = (sim: Simulator) => [
  '--provider',
  'native',
  '--base-url',
  sim.baseUrl,
  '--time-scale',
  timeScale,
];

const count = async (db: Awaited<ReturnType<typeof testSchema>>, where: string) =>
  Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM $schema.tasks WHERE ${where}`))[0]!.n);

describe.skipIf(!postgresAvailable)('a fleet of workers on one Postgres store', () => {
  it('≥4 workers, 400 lines, workers killed with SIGKILL at 12 moments: every line done exactly once', async () => {
    const sim = await simulator();
    const lines = 400;
    const { user, db, store } = await setup(lines, 'fleet');
    const createsBefore = sim.stats().formats.native.creates;
    const queued = await runCli(
      [
        'batch',
        'prompts.jsonl',
        ...store,
        ...provider(sim),
        '--size',
        '832*480',
        '--enqueue-only',
        '--job-timeout',
        '8s',
        '--json',
      ],
      { ...user, timeoutMs: 60_000 },
    );
    expect(queued.code, queued.stderr).toBe(0);
    expect((parseJsonOutput(queued).enqueued as string[]).length).toBe(lines);

    const workerArgs = [
      'worker',
      ...store,
      ...provider(sim),
      '--concurrency',
      '4',
      '--out',
      'results',
      // A killed worker's jobs run elsewhere 8 s after they started.
      '--job-timeout',
      '8s',
    ];
    const workers = new Set<Spawned>();
    const startWorker = () => {
      const worker = startCli(workerArgs, { ...user, timeoutMs: 400_000 });
      workers.add(worker);
      worker.done.catch(() => undefined);
      return worker;
    };
    cleanup.push(async () => {
      for (const worker of workers) worker.child.kill('SIGKILL');
    });
    for (let i = 0; i < 4; i++) startWorker();

    // A worker is killed only at a moment when it holds no claim (no create of its own in flight), as a
    // create whose outcome is unknown is by design never sent again; everything else is fair game.
    const holdsClaim = async (child: ChildProcess) => {
      const [worker] = await db.query<{ id: string }>(
        `SELECT id FROM $schema.workers WHERE pid = ${Number(child.pid)}`,
      );
      // A statement it sent just before it stopped may still be running in the server: let it finish first.
      await until(
        async () =>
          (
            await db.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND state <> 'idle'`, [
              `wankit ${worker?.id}`,
            ])
          ).length === 0,
        10_000,
        'the stopped worker’s statements',
      );
      return (await count(db, `state = 'intended' AND holder = '${worker?.id}'`)) > 0;
    };
    let kills = 0;
    const killedAt: number[] = [];
    while (kills < 12) {
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 900));
      const done = await count(db, `state = 'downloaded'`);
      if (done === lines) break;
      const live = [...workers].filter((w) => w.child.exitCode === null && w.child.signalCode === null);
      const victim = live[Math.floor(Math.random() * live.length)];
      if (!victim) continue;
      // Only a worker that has registered (and so may hold jobs) is worth killing.
      const registered = await db
        .query(`SELECT 1 FROM $schema.workers WHERE pid = ${Number(victim.child.pid)}`)
        .catch(() => []);
      if (registered.length === 0) continue;
      for (;;) {
        victim.child.kill('SIGSTOP');
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (!(await holdsClaim(victim.child))) break;
        victim.child.kill('SIGCONT');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      victim.child.kill('SIGKILL');
      await victim.done;
      workers.delete(victim);
      kills += 1;
      killedAt.push(done);
      startWorker();
    }
    await until(
      async () => (await count(db, `state = 'downloaded'`)) === lines,
      300_000,
      'every line downloaded',
    ).catch(async (error: Error) => {
      const states = await db.query(`SELECT state, count(*) FROM $schema.tasks GROUP BY 1`);
      const jobs = await db.query(
        `SELECT state, data->>'phase' AS phase, count(*), max(retry_count) AS retries FROM "${db.schema}_queue".job GROUP BY 1, 2`,
      );
      const processes = [...workers].map(
        (w) => `pid ${w.child.pid} exit ${w.child.exitCode} ${w.child.signalCode}: ${w.stderr().slice(-400)}`,
      );
      throw new Error(
        `${error.message}: tasks ${JSON.stringify(states)}, jobs ${JSON.stringify(jobs)}\n${processes.join('\n')}`,
      );
    });
    for (const worker of workers) worker.child.kill('SIGTERM');
    const exits = await Promise.all([...workers].map((worker) => worker.done));
    for (const exit of exits) expect(exit.code, exit.stderr).toBe(0);

    console.info(`fleet: 12 SIGKILLs with ${killedAt.join(', ')} of ${lines} lines downloaded`);
    expect(kills).toBe(12);
    // The kills landed while work was under way, not after it.
    expect(killedAt.every((done) => done < lines)).toBe(true);
    expect(sim.stats().formats.native.creates - createsBefore).toBe(lines);
    expect(await count(db, `attempts = 1 AND state = 'downloaded'`)).toBe(lines);
    expect(await count(db, `state IN ('uncertain', 'refused')`)).toBe(0);
    const submitted = await db.query<{ key: string }>(
      `SELECT key FROM $schema.records WHERE type = 'submitted'`,
    );
    expect(submitted).toHaveLength(lines);
    expect(new Set(submitted.map((r) => r.key)).size).toBe(lines);
    const files = (await readdir(join(user.cwd, 'results'))).filter((name) => name.endsWith('.mp4'));
    expect(files).toHaveLength(lines);
    const recorded = await db.query<{ path: string }>(
      `SELECT f->>'path' AS path FROM $schema.tasks, jsonb_array_elements(files) f`,
    );
    expect(new Set(recorded.map((r) => r.path)).size).toBe(lines);
    for (const file of files.slice(0, 5)) expect(await isMp4(join(user.cwd, 'results', file))).toBe(true);

    const listed = await runCli(['tasks', ...store, '--limit', '1000', '--json'], user);
    expect(listed.code, listed.stderr).toBe(0);
    const tasks = parseJsonOutput(listed).tasks as { state: string; status: string; files: string[] }[];
    expect(tasks).toHaveLength(lines);
    expect(
      tasks.every((t) => t.state === 'downloaded' && t.status === 'succeeded' && t.files.length === 1),
    ).toBe(true);
  }, 400_000);

  it('two `batch --store` runs of one file at once create every line once', async () => {
    const sim = await simulator();
    const lines = 30;
    const { user, db, store } = await setup(lines, 'twice');
    const createsBefore = sim.stats().formats.native.creates;
    const args = [
      'batch',
      'prompts.jsonl',
      ...store,
      ...provider(sim),
      '--size',
      '832*480',
      '--out',
      'results',
      '--job-timeout',
      '10s',
      '--json',
    ];
    const [first, second] = await Promise.all([
      runCli(args, { ...user, timeoutMs: 120_000 }),
      runCli(args, { ...user, timeoutMs: 120_000 }),
    ]);
    for (const run of [first, second]) {
      expect(run.code, run.stderr).toBe(0);
      const doc = parseJsonOutput(run) as { summary: { succeeded: number } };
      expect(doc.summary.succeeded).toBe(lines);
    }
    const queued = [first, second].map(
      (run) => (parseJsonOutput(run).queued as { enqueued: string[] }).enqueued,
    );
    expect(queued[0]!.length + queued[1]!.length).toBe(lines);
    expect(sim.stats().formats.native.creates - createsBefore).toBe(lines);
    expect(await count(db, `state = 'downloaded' AND attempts = 1`)).toBe(lines);

    // A third run finds everything done and sends nothing.
    const requests = sim.stats().requests;
    const third = await runCli(args, { ...user, timeoutMs: 60_000 });
    expect(third.code, third.stderr).toBe(0);
    expect((parseJsonOutput(third).queued as { existing: string[] }).existing).toHaveLength(lines);
    expect(sim.stats().requests).toBe(requests);
  }, 300_000);

  it('four workers under a 600 requests/minute account limit get no 429', async () => {
    // The limit binds only once more than 600 requests fall in one minute: 330 lines of about 2 requests.
    const sim = await simulator({ limits: { requestsPerMinute: 600 } });
    const lines = 330;
    const { user, db, store } = await setup(lines, 'limited');
    const before = sim.stats();
    const queued = await runCli(
      ['batch', 'prompts.jsonl', ...store, ...provider(sim), '--size', '832*480', '--enqueue-only'],
      { ...user, timeoutMs: 60_000 },
    );
    expect(queued.code, queued.stderr).toBe(0);
    const workers = Array.from({ length: 4 }, () =>
      startCli(
        ['worker', ...store, ...provider(sim), '--rpm', '600', '--concurrency', '8', '--no-download'],
        {
          ...user,
          timeoutMs: 400_000,
        },
      ),
    );
    cleanup.push(async () => {
      for (const worker of workers) worker.child.kill('SIGKILL');
    });
    await until(
      async () => (await count(db, `state = 'finished'`)) === lines,
      300_000,
      'every line finished',
    );
    for (const worker of workers) worker.child.kill('SIGTERM');
    for (const exit of await Promise.all(workers.map((w) => w.done))) expect(exit.code, exit.stderr).toBe(0);
    const after = sim.stats();
    expect(after.rateLimited - before.rateLimited).toBe(0);
    expect(after.formats.native.creates - before.formats.native.creates).toBe(lines);
    // More than one minute's worth of requests went through: the shared limit was what paced them.
    expect(after.requests - before.requests).toBeGreaterThan(600);
  }, 400_000);
});
