// Issue 12, "the suite that keeps it": kill -9 at random moments of a batch, and two processes on one journal.
// These spawn the built CLI: a SIGKILL and a second process are what they are about.
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@wankit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  freshUser,
  hangGuardMs,
  parseJsonOutput,
  readJournal,
  runCli,
  startCli,
  until,
} from './harness.js';

let sim: Simulator;
beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator({ timeScale: 0.02, seed: 31 });
});
afterAll(async () => {
  await sim?.close();
});

/** mulberry32: a small seeded generator, so a failing run can be repeated with its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function batchUser(lines: number, tag: string) {
  const user = await freshUser();
  const prompts = Array.from({ length: lines }, (_, i) => JSON.stringify({ prompt: `${tag} shot ${i + 1}` }));
  await writeFile(join(user.cwd, 'prompts.jsonl'), `${prompts.join('\n')}\n`);
  const args = [
    'batch',
    'prompts.jsonl',
    '--provider',
    'native',
    '--base-url',
    sim.baseUrl,
    '--time-scale',
    '0.02',
    '--size',
    '832*480',
    '--concurrency',
    '2',
    '--out',
    'results',
  ];
  return { user, args, journalPath: join(user.cwd, 'prompts.jsonl.journal.jsonl') };
}

const simTaskIds = () =>
  new Set(
    sim.tasks
      .list()
      .filter((t) => t.format === 'native')
      .map((t) => t.id),
  );

describe('kill -9 at random moments of a batch', () => {
  it('never creates a task twice and loses none, over at least 10 kills (seed printed)', async () => {
    const seed = Number(process.env.WANKIT_KILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`kill -9 test: seed ${seed} (repeat with WANKIT_KILL_SEED=${seed})`);
    const random = seededRandom(seed);
    const lines = 20;
    const setup = await batchUser(lines, `kill-${seed}`);
    const tasksBefore = simTaskIds();
    const kills: string[] = [];
    let landed = 0;
    for (let round = 0; landed < 10 && round < 30; round++) {
      const run = startCli(setup.args, { ...setup.user, timeoutMs: hangGuardMs });
      // A random moment: anywhere from start-up (lock, planning) to submits, waits and downloads.
      const delay = Math.floor(50 + random() * 1_200);
      await new Promise((resolve) => setTimeout(resolve, delay));
      run.child.kill('SIGKILL');
      const result = await run.done;
      if (result.signal === 'SIGKILL') landed += 1;
      const records = await readJournal(setup.journalPath);
      kills.push(
        `${delay} ms: ${result.signal ?? `exit ${result.code}`}, ${records.filter((r) => r.type === 'submitted').length} submitted`,
      );
      // Between kills the invariant already holds: no line has two tasks.
      const created = [...simTaskIds()].filter((id) => !tasksBefore.has(id));
      expect(created.length).toBeLessThanOrEqual(lines);
    }
    console.log(`kills:\n  ${kills.join('\n  ')}`);
    expect(landed).toBeGreaterThanOrEqual(10);

    // Run to the end; lines whose create was cut mid-request are reported, never sent again.
    const end = await runCli([...setup.args, '--json'], { ...setup.user, timeoutMs: hangGuardMs });
    expect([0, 5]).toContain(end.code);
    const records = await readJournal(setup.journalPath);
    const journaled = new Set(
      records.filter((r) => r.type === 'submitted').map((r) => (r.ref as { taskId: string }).taskId),
    );
    const created = [...simTaskIds()].filter((id) => !tasksBefore.has(id));
    const orphans = created.filter((id) => !journaled.has(id));
    const doc = parseJsonOutput(end) as { lines: { key: string; result: string }[] };
    const uncertain = doc.lines.filter((l) => l.result === 'uncertain');
    console.log(
      `after the kills: ${uncertain.length} uncertain line(s), ${orphans.length} task(s) created but not journaled`,
    );
    // Every task the provider created is journaled, or belongs to a line reported as uncertain.
    expect(orphans.length).toBeLessThanOrEqual(uncertain.length);
    // The user settles each uncertain line as `wankit resolve` says: with a task found at the provider, or --drop.
    for (const [index, line] of uncertain.entries()) {
      const orphan = orphans[index];
      const settle = orphan ? ['--task-id', orphan] : ['--drop'];
      const resolved = await runCli(
        ['resolve', line.key, ...settle, '--journal', setup.journalPath],
        setup.user,
      );
      expect(resolved.code, resolved.stderr).toBe(0);
    }
    const final = await runCli([...setup.args, '--json'], { ...setup.user, timeoutMs: hangGuardMs });
    expect(final.code, final.stderr).toBe(0);
    // One task per line, exactly: nothing paid twice, nothing lost, over every kill.
    expect([...simTaskIds()].filter((id) => !tasksBefore.has(id))).toHaveLength(lines);
    const finalRecords = await readJournal(setup.journalPath);
    const submittedKeys = finalRecords.filter((r) => r.type === 'submitted').map((r) => r.key);
    expect(new Set(submittedKeys).size).toBe(lines);
    const files = (await readdir(join(setup.user.cwd, 'results'))).filter((f) => f.endsWith('.mp4'));
    expect(files.length).toBe(lines);
  });
});

describe('two processes on one journal', () => {
  it('the second refuses at once with the holder pid and command; with --wait it waits; creates equal lines', async () => {
    const lines = 4;
    const setup = await batchUser(lines, 'two');
    const tasksBefore = simTaskIds();
    const first = startCli(setup.args, { ...setup.user, timeoutMs: hangGuardMs });
    const owner = join(`${setup.journalPath}.lock`, 'owner.json');
    await until(() => existsSync(owner), hangGuardMs, 'the first run to take the journal lock');
    // Frozen while holding the lock: the second run meets it whatever the machine's speed.
    first.child.kill('SIGSTOP');
    try {
      const second = await runCli(setup.args, { ...setup.user, timeoutMs: hangGuardMs });
      expect(second.code).toBe(8);
      expect(second.stderr).toContain(`in use by pid ${first.child.pid} (wankit batch prompts.jsonl`);
      expect(second.stderr).toContain('--wait');
      const waiting = startCli([...setup.args, '--wait'], { ...setup.user, timeoutMs: hangGuardMs });
      await until(() => waiting.stderr().includes('waiting (--wait)'), hangGuardMs, 'the third run to wait');
      first.child.kill('SIGCONT');
      const [done, waited] = await Promise.all([first.done, waiting.done]);
      expect(done.code, done.stderr).toBe(0);
      expect(waited.code, waited.stderr).toBe(0);
      expect(waited.stderr).toContain(`${lines} already done`);
    } finally {
      first.child.kill('SIGCONT');
    }
    expect([...simTaskIds()].filter((id) => !tasksBefore.has(id))).toHaveLength(lines);
    // The lock is gone with its holders.
    expect(existsSync(`${setup.journalPath}.lock`)).toBe(false);
  });

  it('a lock left by kill -9 is taken over at once by the next run', async () => {
    const setup = await batchUser(2, 'stale');
    const run = startCli(setup.args, { ...setup.user, timeoutMs: hangGuardMs });
    await until(() => existsSync(join(`${setup.journalPath}.lock`, 'owner.json')), hangGuardMs, 'the lock');
    run.child.kill('SIGKILL');
    await run.done;
    expect(existsSync(`${setup.journalPath}.lock`)).toBe(true);
    const next = await runCli(setup.args, { ...setup.user, timeoutMs: hangGuardMs });
    expect([0, 5], next.stderr).toContain(next.code);
    expect(next.stderr).not.toContain('in use by');
  });
});
