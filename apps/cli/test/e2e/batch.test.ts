import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@wankit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  freshUser,
  isMp4,
  parseJsonOutput,
  readJournal,
  runCli,
  startCli,
  until,
} from './harness.js';

let sim: Simulator;
beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator({ timeScale: 0.02, seed: 3 });
});
afterAll(async () => {
  await sim?.close();
});

const lineCount = 6;
const prompts = Array.from({ length: lineCount }, (_, i) =>
  JSON.stringify({ prompt: `scene number ${i + 1}` }),
);

async function batchUser() {
  const user = await freshUser();
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
  const journalPath = join(user.cwd, 'prompts.jsonl.journal.jsonl');
  return { user, args, journalPath };
}

const count = (records: Record<string, unknown>[], type: string) =>
  records.filter((r) => r.type === type).length;

interface BatchDoc {
  exitCode: number;
  summary: { succeeded: number; failed: number; skipped: number };
  lines: { line: number; result: string; files: { path: string }[] }[];
}

/** After a re-run, every line finished exactly once: one create per line at the simulator, one MP4 each. */
async function expectCompletedOnce(setup: Awaited<ReturnType<typeof batchUser>>, createsBefore: number) {
  const rerun = await runCli([...setup.args, '--json'], { ...setup.user, timeoutMs: 40_000 });
  expect(rerun.code, rerun.stderr).toBe(0);
  const doc = parseJsonOutput(rerun) as unknown as BatchDoc;
  expect(doc.summary.succeeded).toBe(lineCount);
  expect(doc.lines.map((l) => l.result)).toStrictEqual(Array(lineCount).fill('succeeded'));
  expect(sim.stats().formats.native.creates - createsBefore).toBe(lineCount);
  const records = await readJournal(setup.journalPath);
  const submittedKeys = records.filter((r) => r.type === 'submitted').map((r) => r.key);
  expect(submittedKeys).toHaveLength(lineCount);
  expect(new Set(submittedKeys).size).toBe(lineCount);
  const files = (await readdir(join(setup.user.cwd, 'results'))).filter((f) => f.endsWith('.mp4'));
  expect(files).toHaveLength(lineCount);
  for (const file of files) expect(await isMp4(join(setup.user.cwd, 'results', file))).toBe(true);
  // A third run has nothing left to do and sends nothing.
  const requests = sim.stats().requests;
  const third = await runCli([...setup.args, '--json'], setup.user);
  expect(third.code).toBe(0);
  expect((parseJsonOutput(third) as unknown as BatchDoc).summary.skipped).toBe(lineCount);
  expect(sim.stats().requests).toBe(requests);
}

describe('batch survives interruption', () => {
  it('Ctrl-C mid-run exits 130 and says how to resume; a re-run completes every line exactly once', async () => {
    const setup = await batchUser();
    const createsBefore = sim.stats().formats.native.creates;
    const run = startCli(setup.args, { ...setup.user, timeoutMs: 40_000 });
    await until(
      async () => {
        const records = await readJournal(setup.journalPath);
        return count(records, 'snapshot') >= 1 && count(records, 'submitted') < lineCount;
      },
      30_000,
      'the first finished line',
    );
    run.child.kill('SIGINT');
    const interrupted = await run.done;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain('re-run the same command');
    const records = await readJournal(setup.journalPath);
    // Ctrl-C lets a create already sent finish and stops one that was only about to be sent (journaled as
    // refused: nothing reached the provider), so no line is left with an unknown outcome.
    expect(count(records, 'uncertain')).toBe(0);
    expect(count(records, 'intent')).toBe(count(records, 'submitted') + count(records, 'refused'));
    for (const record of records) {
      if (record.type === 'refused') expect(record.error).toMatchObject({ kind: 'aborted' });
    }
    expect(count(records, 'submitted')).toBeLessThan(lineCount);
    await expectCompletedOnce(setup, createsBefore);
  });

  it('kill -9 mid-run loses nothing: a re-run re-attaches and never submits a line twice', async () => {
    const setup = await batchUser();
    const createsBefore = sim.stats().formats.native.creates;
    const run = startCli(setup.args, { ...setup.user, timeoutMs: 40_000 });
    await until(
      async () => count(await readJournal(setup.journalPath), 'snapshot') >= 2,
      30_000,
      'two finished lines',
    );
    // Freeze the process and kill it only at a moment when no create is in flight (every intent has its
    // outcome journaled), so the kill lands mid-run but never inside a POST whose outcome is unknown.
    for (;;) {
      run.child.kill('SIGSTOP');
      const records = await readJournal(setup.journalPath);
      if (count(records, 'intent') === count(records, 'submitted')) break;
      run.child.kill('SIGCONT');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    const records = await readJournal(setup.journalPath);
    expect(count(records, 'snapshot')).toBeLessThan(lineCount);
    await expectCompletedOnce(setup, createsBefore);
  });

  it('reports a line whose submit outcome is unknown instead of sending it again', async () => {
    const user = await freshUser();
    await writeFile(join(user.cwd, 'one.jsonl'), '{"prompt":"a slow one"}\n');
    const args = [
      'batch',
      'one.jsonl',
      '--provider',
      'native',
      '--base-url',
      sim.baseUrl,
      '--time-scale',
      '0.02',
      '--size',
      '832*480',
    ];
    const journalPath = join(user.cwd, 'one.jsonl.journal.jsonl');
    // The simulator holds every create for 20 s: the process dies with the POST in flight.
    sim.setFaults({ rates: { slow: 1 }, endpoints: ['create'], slowMs: 20_000 });
    try {
      const run = startCli(args, { ...user, timeoutMs: 30_000 });
      await until(
        async () => count(await readJournal(journalPath), 'intent') === 1,
        20_000,
        'the intent record',
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      run.child.kill('SIGKILL');
      await run.done;
    } finally {
      sim.setFaults({});
    }
    const creates = sim.stats().formats.native.creates;
    const rerun = await runCli([...args, '--json'], user);
    expect(rerun.code, rerun.stderr).toBe(5);
    expect(rerun.stderr).toContain('may or may not have created a task');
    expect((parseJsonOutput(rerun) as unknown as BatchDoc).lines[0]!.result).toBe('uncertain');
    expect(sim.stats().formats.native.creates).toBe(creates);

    const forced = await runCli([...args, '--resubmit-uncertain'], { ...user, timeoutMs: 30_000 });
    expect(forced.code, forced.stderr).toBe(0);
    expect(sim.stats().formats.native.creates).toBe(creates + 1);
  });

  it('Ctrl-C during `wankit video` keeps the task resumable; `wankit resume` finishes it', async () => {
    const user = await freshUser();
    const connection = ['--provider', 'native', '--base-url', sim.baseUrl, '--time-scale', '0.02'];
    const run = startCli(['video', 'a long shot', ...connection, '--size', '1920*1080'], user);
    await until(() => run.stderr().includes('submitted '), 20_000, 'the submit');
    run.child.kill('SIGINT');
    const interrupted = await run.done;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain('resume with: wankit wait');
    const resumed = await runCli(['resume', '--time-scale', '0.02', '--json'], {
      ...user,
      timeoutMs: 30_000,
    });
    expect(resumed.code, resumed.stderr).toBe(0);
    const doc = parseJsonOutput(resumed) as { tasks: { result: string; files: string[] }[] };
    expect(doc.tasks).toHaveLength(1);
    expect(doc.tasks[0]!.result).toBe('succeeded');
    expect(await isMp4(doc.tasks[0]!.files[0]!)).toBe(true);
    const again = await runCli(['resume', '--json'], user);
    expect((parseJsonOutput(again) as { tasks: unknown[] }).tasks).toStrictEqual([]);
  });
});
