// Issue 17: Ctrl-C prints only the resume hint (the full command), and a client pointed at a `wankit sim
// --time-scale x` polls at the simulator's pace without being told (the simulator names its scale in a header).
import { join } from 'node:path';
import { type Simulator, startSimulator, TIME_SCALE_HEADER } from '@wankit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simTimeScaleHeader } from '../../src/runtime/server-time-scale.js';
import { freshUser, parseJsonOutput, runCli, startCli, until } from './harness.js';

/** The "~Ns left" of the first progress line: the wait the CLI expects, from the time scale it polls with. */
function expectedLeftSeconds(stderr: string): number {
  const match = /queued · \d+s elapsed · ~(?:(\d+)m)?(\d+)s left/.exec(stderr);
  if (!match) throw new Error(`no progress line with an expected remaining time:\n${stderr}`);
  return Number(match[1] ?? 0) * 60 + Number(match[2]);
}

async function statusReads(baseUrl: string): Promise<number> {
  const stats = (await (await fetch(`${baseUrl}/__sim/stats`)).json()) as {
    formats: { native: { requests: { status: number } } };
  };
  return stats.formats.native.requests.status;
}

describe('the simulator names its time scale', () => {
  it('in the header the CLI reads', () => {
    expect(simTimeScaleHeader).toBe(TIME_SCALE_HEADER);
  });
});

describe('a `wankit sim --time-scale 0.05` run', () => {
  let sim: ReturnType<typeof startCli>;
  let baseUrl: string;
  let user: Awaited<ReturnType<typeof freshUser>>;
  beforeAll(async () => {
    user = await freshUser();
    sim = startCli(['sim', '--time-scale', '0.05', '--seed', '5'], user);
    await until(() => sim.stdout().includes('http://127.0.0.1:'), 30_000, 'the simulator URL');
    baseUrl = sim.stdout().trim().split('\n')[0]!.trim();
  });
  afterAll(async () => {
    sim?.child.kill('SIGINT');
    await sim?.done;
  });

  it('`wankit video --base-url <sim>` polls at the simulator pace without --time-scale', async () => {
    const before = await statusReads(baseUrl);
    const result = await runCli(
      [
        'video',
        'a kitten running in the moonlight',
        '--provider',
        'native',
        '--base-url',
        baseUrl,
        '--no-download',
        '--json',
      ],
      user,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(parseJsonOutput(result).status).toBe('succeeded');
    // Documented 720p: 50-70 s; at 0.05 about 3 s. Unscaled, the CLI would plan on a minute.
    expect(expectedLeftSeconds(result.stderr)).toBeLessThanOrEqual(4);
    // A handful of status reads: the first planned near the scaled window, then short scaled intervals.
    const reads = (await statusReads(baseUrl)) - before;
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(reads).toBeLessThanOrEqual(20);
  });

  it('a timed-out wait prints the full command, and that command as printed finishes the task', async () => {
    const journal = join(user.cwd, 'journal.jsonl');
    const first = await runCli(
      [
        'video',
        'a kitten',
        '--provider',
        'native',
        '--base-url',
        baseUrl,
        '--journal',
        journal,
        '--timeout',
        '1ms',
        '--no-download',
      ],
      user,
    );
    expect(first.code, first.stderr).toBe(5);
    const hint = /resume with: (wankit wait \S+ .*?) {3}\(or: (wankit resume .*)\)/.exec(first.stderr);
    expect(hint, first.stderr).not.toBeNull();
    const taskId = /submitted (\S+)/.exec(first.stderr)![1]!;
    expect(hint![1]).toBe(
      `wankit wait ${taskId} --provider native --base-url ${baseUrl} --time-scale 0.05 --journal ${journal}`,
    );
    expect(hint![2]).toBe(
      `wankit resume --provider native --base-url ${baseUrl} --time-scale 0.05 --journal ${journal}`,
    );
    // Run it as printed, in an environment with no wankit settings at all.
    const rerun = await runCli([...hint![1]!.split(' ').slice(1), '--no-download', '--json'], user);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(parseJsonOutput(rerun).status).toBe('succeeded');
  });

  it('`wankit wait` learns the pace from one status read before planning its polls', async () => {
    const journal = join(user.cwd, 'journal-2.jsonl');
    const connection = ['--provider', 'native', '--base-url', baseUrl, '--journal', journal];
    const first = await runCli(
      ['video', 'a kitten', ...connection, '--timeout', '1ms', '--no-download'],
      user,
    );
    const taskId = /submitted (\S+)/.exec(first.stderr)![1]!;
    const waited = await runCli(['wait', taskId, ...connection, '--no-download'], user);
    expect(waited.code, waited.stderr).toBe(0);
    expect(expectedLeftSeconds(waited.stderr)).toBeLessThanOrEqual(4);
  });
});

describe('Ctrl-C while waiting on the simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    // Documented durations: the task is still running when Ctrl-C comes.
    sim = await startSimulator({ timeScale: 1, seed: 8 });
  });
  afterAll(async () => {
    await sim?.close();
  });

  const errorLines = (stderr: string) =>
    stderr.split('\n').filter((line) => /^(error|internal error):/.test(line));

  it('`wankit video` prints the resume hint (the full command), no error line, and exits 130', async () => {
    const user = await freshUser();
    const journal = join(user.cwd, 'j.jsonl');
    const run = startCli(
      ['video', 'a kitten', '--provider', 'native', '--base-url', sim.baseUrl, '--journal', journal],
      user,
    );
    await until(() => run.stderr().includes('submitted '), 60_000, 'the submit');
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(errorLines(result.stderr)).toEqual([]);
    const taskId = /submitted (\S+)/.exec(result.stderr)![1]!;
    const flags = `--provider native --base-url ${sim.baseUrl} --journal ${journal}`;
    expect(result.stderr).toContain(
      `wankit: task ${taskId} keeps running; resume with: wankit wait ${taskId} ${flags}   (or: wankit resume ${flags})`,
    );
    expect(result.stderr).not.toContain('aborted');

    // The same for `wankit wait` (its error goes through the common reporter).
    const waiting = startCli(
      ['wait', taskId, '--provider', 'native', '--base-url', sim.baseUrl, '--journal', journal],
      user,
    );
    await until(
      () => waiting.stderr().includes('queued') || waiting.stderr().includes('running'),
      60_000,
      'the wait',
    );
    waiting.child.kill('SIGINT');
    const waited = await waiting.done;
    expect(waited.code).toBe(130);
    expect(errorLines(waited.stderr)).toEqual([]);
    expect(waited.stderr).toContain(`resume with: wankit wait ${taskId} ${flags}`);
  });
});
