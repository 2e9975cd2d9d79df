import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalRecord } from '@wankit/core';
import { createFileJournal } from '@wankit/core/node';
import { type Simulator, startSimulator } from '@wankit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, freshUser, parseJsonOutput, readJournal, runCli } from './harness.js';

// `--verbose`, `wankit tasks`, `batch --retry-failed` and `--name-by`, against a loopback simulator.
const apiKey = 'sk-what-happened-secret-9191';
let sim: Simulator;
beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator({ timeScale: 0.02, seed: 11 });
});
afterAll(async () => {
  await sim?.close();
});

async function user() {
  const fresh = await freshUser();
  const env: NodeJS.ProcessEnv = { ...fresh.env, WANKIT_API_KEY: apiKey };
  return { ...fresh, env };
}

const remote = (s: Simulator, provider = 'generate-task') => [
  '--provider',
  provider,
  '--base-url',
  s.baseUrl,
  '--time-scale',
  '0.02',
];

interface BatchDoc {
  exitCode: number;
  lines: { line: number; key: string; result: string; taskId?: string; files: { path: string }[] }[];
}

describe('--verbose / WANKIT_DEBUG', () => {
  it('prints every HTTP exchange on stderr with status and time, and never the key', async () => {
    const u = await user();
    const result = await runCli(
      ['video', 'a kitten', ...remote(sim, 'native'), '--no-download', '--verbose', '--json'],
      u,
    );
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.split('\n');
    const create = `POST ${sim.baseUrl}/model/v1/generation`;
    expect(lines).toContain(`http → ${create}`);
    expect(lines).toContain(
      '  headers: accept: application/json; user-agent: wankit; content-type: application/json; authorization: [redacted]',
    );
    expect(lines).toContain(
      '  body: {"model":"wan22_t2v_plus","input":[{"params":{"input":{"prompt":"a kitten"}}}]}',
    );
    expect(lines.some((line) => new RegExp(`^http ← 200 ${create} \\(\\d+ ms\\)$`).test(line))).toBe(true);
    // Status reads too, each with its answer.
    const reads = lines.filter((line) => line.startsWith(`http → GET ${sim.baseUrl}/`));
    const answers = lines.filter((line) => line.startsWith(`http ← 200 GET ${sim.baseUrl}/`));
    expect(reads.length).toBeGreaterThan(0);
    expect(answers).toHaveLength(reads.length);
    // stdout stays one JSON document; the key is nowhere.
    expect(parseJsonOutput(result)).toMatchObject({ ok: true });
    expect(`${result.stdout}${result.stderr}`).not.toContain(apiKey);
  });

  it('WANKIT_DEBUG=1 does the same, and an exchange that got no answer is shown too', async () => {
    const u = await user();
    const closed = await startSimulator({});
    const deadUrl = closed.baseUrl;
    await closed.close();
    const result = await runCli(
      ['video', 'a kitten', '--provider', 'native', '--base-url', deadUrl, '--no-download'],
      { ...u, env: { ...u.env, WANKIT_DEBUG: '1' } },
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`http → POST ${deadUrl}/model/v1/generation`);
    expect(result.stderr).toMatch(
      new RegExp(`http ✗ POST ${deadUrl}/model/v1/generation \\(\\d+ ms\\): \\[network\\]`),
    );
    expect(`${result.stdout}${result.stderr}`).not.toContain(apiKey);
  });

  it('prints nothing of the kind without it', async () => {
    const u = await user();
    const result = await runCli(['video', 'a kitten', ...remote(sim, 'native'), '--no-download'], u);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('http →');
  });
});

describe('wankit tasks on the file journal', () => {
  it('lists the tasks with prompt, provider, status, cost with currency and files; filters; history alias', async () => {
    const u = await user();
    await writeFile(
      join(u.cwd, 'prompts.jsonl'),
      `${[
        JSON.stringify({ prompt: 'a red kite', resolution: '720p' }),
        JSON.stringify({ prompt: 'broken [[fail]]', resolution: '720p' }),
      ].join('\n')}\n`,
    );
    const batch = await runCli(['batch', 'prompts.jsonl', ...remote(sim), '--out', 'results', '--json'], u);
    expect(batch.code, batch.stderr).toBe(4);
    // The summary's cost names its currency, and says it is an estimate.
    expect(batch.stderr).toContain('; cost 0.4 USD (est.) (journal ');
    expect(batch.stderr).toContain(
      'wankit: 1 line(s) ran and failed; re-run with --retry-failed to submit them again (a new task each, paid again)',
    );
    const doc = parseJsonOutput(batch) as unknown as BatchDoc;
    const [kite, broken] = doc.lines;
    const journal = join(u.cwd, 'prompts.jsonl.journal.jsonl');
    const records = await readJournal(journal);
    const createdAt = (key: string) => records.find((r) => r.type === 'intent' && r.key === key)?.at;
    const updatedAt = (key: string) => records.filter((r) => r.key === key).at(-1)?.at;

    const tasks = (...args: string[]) => runCli(['tasks', '--journal', journal, '--json', ...args], u);
    const succeeded = await tasks('--status', 'succeeded');
    expect(succeeded.code, succeeded.stderr).toBe(0);
    expect(parseJsonOutput(succeeded)).toStrictEqual({
      ok: true,
      exitCode: 0,
      source: `journal ${journal}`,
      tasks: [
        {
          key: kite?.key,
          state: 'downloaded',
          status: 'succeeded',
          prompt: 'a red kite',
          provider: 'generate-task',
          model: 'wan2.5-t2v-preview',
          taskId: kite?.taskId,
          cost: 0.4,
          currency: 'USD',
          estimated: true,
          files: [kite?.files[0]?.path],
          createdAt: createdAt(kite?.key ?? ''),
          updatedAt: updatedAt(kite?.key ?? ''),
        },
      ],
    });
    const failed = parseJsonOutput(await tasks('--status', 'failed'));
    expect(failed.tasks).toStrictEqual([
      {
        key: broken?.key,
        state: 'finished',
        status: 'failed',
        prompt: 'broken [[fail]]',
        provider: 'generate-task',
        model: 'wan2.5-t2v-preview',
        taskId: broken?.taskId,
        files: [],
        createdAt: createdAt(broken?.key ?? ''),
        updatedAt: updatedAt(broken?.key ?? ''),
        error: '[provider_error] Generation failed',
      },
    ]);

    const today = new Date().toISOString().slice(0, 10);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const keys = async (...args: string[]) =>
      (parseJsonOutput(await tasks(...args)).tasks as { key: string }[]).map((t) => t.key).sort();
    const both = [kite?.key, broken?.key].sort();
    expect(await keys('--until', today)).toStrictEqual(both); // a date-only --until takes in that whole day
    expect(await keys('--since', today)).toStrictEqual(both);
    expect(await keys('--since', day(1))).toStrictEqual([]);
    expect(await keys('--until', day(-1))).toStrictEqual([]);

    const table = await runCli(['tasks', '--journal', journal], u);
    const history = await runCli(['history', '--journal', journal], u);
    expect(history.stdout).toBe(table.stdout);
    const rows = table.stdout.trimEnd().split('\n');
    expect(rows[0]).toBe('created\tstate\tstatus\tprovider\tcost\tprompt\tfiles');
    expect(
      rows
        .slice(1)
        .map((row) => row.split('\t').slice(1))
        .sort(),
    ).toStrictEqual(
      [
        ['downloaded', 'succeeded', 'generate-task', '0.4 USD (est.)', 'a red kite', kite?.files[0]?.path],
        ['finished', 'failed', 'generate-task', '-', 'broken [[fail]]', '[provider_error] Generation failed'],
      ].sort(),
    );
    const bad = await tasks('--since', 'yesterday-ish');
    expect(bad.code).toBe(2);
  });
});

describe('wankit tasks on the default per-user journal', () => {
  it('lists what `video` and `image` did, newest first', async () => {
    const u = await user();
    const video = await runCli(
      ['video', 'a first kitten', ...remote(sim), '--resolution', '720p', '--json'],
      u,
    );
    expect(video.code, video.stderr).toBe(0);
    const image = await runCli(['image', 'a second fox', ...remote(sim, 'native'), '--json'], u);
    expect(image.code, image.stderr).toBe(0);
    const ids = [image, video].map((r) => (parseJsonOutput(r).ref as { taskId: string }).taskId);
    const listed = await runCli(['tasks', '--json'], u);
    expect(listed.code, listed.stderr).toBe(0);
    const doc = parseJsonOutput(listed) as { source: string; tasks: Record<string, unknown>[] };
    expect(doc.source).toBe(`journal ${join(u.env.XDG_STATE_HOME as string, 'wankit', 'journal.jsonl')}`);
    expect(
      doc.tasks.map(({ taskId, prompt, provider, status, cost, currency, estimated, files }) => ({
        taskId,
        prompt,
        provider,
        status,
        cost,
        currency,
        estimated,
        files: (files as string[]).map((file) => file.slice(u.cwd.length + 1)),
      })),
    ).toStrictEqual([
      {
        taskId: ids[0],
        prompt: 'a second fox',
        provider: 'native',
        status: 'succeeded',
        // The native gateway reports each task's cost itself; generate-task's is estimated from apixo's prices.
        cost: 0.03,
        currency: 'USD',
        estimated: undefined,
        files: [`${ids[0]}.png`],
      },
      {
        taskId: ids[1],
        prompt: 'a first kitten',
        provider: 'generate-task',
        status: 'succeeded',
        cost: 0.4,
        currency: 'USD',
        estimated: true,
        files: [`${ids[1]}.mp4`],
      },
    ]);
  });
});

describe('batch --retry-failed', () => {
  it('re-submits only failed lines, under a new journal key per retry, never uncertain or succeeded ones', async () => {
    // The provider fails "flaky" prompts, then gets better: a second simulator on the same address.
    const first = await startSimulator({ timeScale: 0.02, seed: 21, failureMarker: 'flaky' });
    const port = Number(new URL(first.baseUrl).port);
    const u = await user();
    await writeFile(
      join(u.cwd, 'prompts.jsonl'),
      `${[
        JSON.stringify({ prompt: 'a calm sea', resolution: '720p' }),
        JSON.stringify({ prompt: 'a flaky bridge', resolution: '720p' }),
        JSON.stringify({ prompt: 'an unknown fate', resolution: '720p' }),
      ].join('\n')}\n`,
    );
    const args = ['batch', 'prompts.jsonl', ...remote(first), '--out', 'results', '--json'];
    const journalPath = join(u.cwd, 'prompts.jsonl.journal.jsonl');
    try {
      const run1 = await runCli(args, u);
      expect(run1.code, run1.stderr).toBe(4);
      const doc1 = parseJsonOutput(run1) as unknown as BatchDoc;
      expect(doc1.lines.map((l) => l.result)).toStrictEqual(['succeeded', 'failed', 'succeeded']);
      // Line 3's later history is unknown: a create that may or may not have reached the provider.
      const line3 = doc1.lines[2]?.key as string;
      const intent = (await readJournal(journalPath)).find((r) => r.type === 'intent' && r.key === line3);
      const { sum: _sum, ...record } = intent as Record<string, unknown>;
      await createFileJournal(journalPath).append({
        ...record,
        key: `${line3}:retry-1`,
        at: new Date().toISOString(),
      } as unknown as JournalRecord);
    } finally {
      await first.close();
    }

    const second = await startSimulator({ port, timeScale: 0.02, seed: 22 });
    try {
      const before = second.stats().formats.generateTask.creates;
      const run2 = await runCli([...args, '--retry-failed'], u);
      expect(run2.code, run2.stderr).toBe(5); // line 3 is uncertain: reported, not sent
      const doc2 = parseJsonOutput(run2) as unknown as BatchDoc;
      const key2 = doc1Key(doc2, 2);
      expect(doc2.lines.map((l) => [l.line, l.result])).toStrictEqual([
        [1, 'succeeded'],
        [2, 'succeeded'],
        [3, 'uncertain'],
      ]);
      expect(doc2.lines[1]?.key).toMatch(/^request:[0-9a-f]{64}:1:retry-1$/);
      expect(second.stats().formats.generateTask.creates - before).toBe(1);
      expect(run2.stderr).toContain(`line 2: submitting again: its task`);
      expect(run2.stderr).toContain(
        'line 3: an earlier submit may or may not have created a task; not sent again',
      );
      // The retry is journaled under its own key: intent, submitted, snapshot, downloaded.
      const records = await readJournal(journalPath);
      expect(records.filter((r) => r.key === key2).map((r) => r.type)).toStrictEqual([
        'intent',
        'submitted',
        'snapshot',
        'downloaded',
      ]);
      // A third run has nothing to retry and sends nothing.
      const run3 = await runCli([...args, '--retry-failed'], u);
      expect(run3.code).toBe(5);
      expect(second.stats().formats.generateTask.creates - before).toBe(1);
    } finally {
      await second.close();
    }
  });
});

describe('batch --dry-run after a run', () => {
  it('plans from the journal: finished lines are not sent, a failed one would be retried under a new key', async () => {
    const u = await user();
    await writeFile(
      join(u.cwd, 'prompts.jsonl'),
      `${[
        JSON.stringify({ prompt: 'a fine day', resolution: '720p' }),
        JSON.stringify({ prompt: 'a bad day [[fail]]', resolution: '1080p' }),
      ].join('\n')}\n`,
    );
    const args = ['batch', 'prompts.jsonl', ...remote(sim), '--out', 'results'];
    const run = await runCli([...args, '--json'], u);
    expect(run.code, run.stderr).toBe(4);
    const failedTask = (parseJsonOutput(run) as unknown as BatchDoc).lines[1]?.taskId;
    const journal = await readFile(join(u.cwd, 'prompts.jsonl.journal.jsonl'), 'utf8');
    const before = sim.stats().requests;
    const dry = await runCli([...args, '--retry-failed', '--dry-run'], u);
    expect(dry.code, dry.stderr).toBe(0);
    const stdout = dry.stdout.split('\n');
    expect(stdout[0]).toBe('line 1: would not be sent (done)');
    expect(stdout[1]).toMatch(
      new RegExp(
        `^line 2: estimated cost 0\\.65 USD \\(5 s × 0\\.13 USD/s at 1080p; price list apixo\\) — submitting again: its task ${failedTask} failed \\(\\[provider_error\\] Generation failed\\); --retry-failed \\(retry 1, journal key request:[0-9a-f]{64}:1:retry-1\\)$`,
      ),
    );
    expect(stdout[2]).toBe(`  POST ${sim.baseUrl}/api/v1/generateTask/wan-2-5`);
    expect(stdout.at(-3)).toBe('1 of 2 line(s) would be sent; estimated total: 0.65 USD');
    expect(sim.stats().requests - before).toBe(0);
    // The dry run neither locked nor wrote the journal.
    expect(await readFile(join(u.cwd, 'prompts.jsonl.journal.jsonl'), 'utf8')).toBe(journal);
  });
});

function doc1Key(doc: BatchDoc, line: number): string {
  return doc.lines.find((l) => l.line === line)?.key as string;
}

describe('batch --name-by', () => {
  it("names outputs by a line's name field, made safe, and falls back to the task id", async () => {
    const u = await user();
    await writeFile(
      join(u.cwd, 'prompts.jsonl'),
      `${[
        JSON.stringify({ prompt: 'a kite', name: '../../escape' }),
        JSON.stringify({ prompt: 'a dune', name: 'dune shot #2' }),
        JSON.stringify({ prompt: 'an unnamed line' }),
      ].join('\n')}\n`,
    );
    const result = await runCli(
      ['batch', 'prompts.jsonl', ...remote(sim, 'native'), '--size', '832*480', '--out', 'results', '--json'],
      u,
    );
    expect(result.code, result.stderr).toBe(0);
    const doc = parseJsonOutput(result) as unknown as BatchDoc;
    const results = join(u.cwd, 'results');
    expect(doc.lines.map((l) => l.files.map((f) => f.path))).toStrictEqual([
      [join(results, 'escape.mp4')],
      [join(results, 'dune_shot_2.mp4')],
      [join(results, `${doc.lines[2]?.taskId}.mp4`)],
    ]);
    expect((await readdir(results)).sort()).toStrictEqual(
      ['dune_shot_2.mp4', 'escape.mp4', `${doc.lines[2]?.taskId}.mp4`].sort(),
    );
    expect((await readdir(u.cwd)).sort()).toStrictEqual(
      ['prompts.jsonl', 'prompts.jsonl.journal.jsonl', 'results'].sort(),
    );
  });

  it('--name-by line names them line-<n>; an existing file is kept unless --overwrite', async () => {
    const u = await user();
    await writeFile(
      join(u.cwd, 'prompts.jsonl'),
      `${[JSON.stringify({ prompt: 'first' }), '', JSON.stringify({ prompt: 'third' })].join('\n')}\n`,
    );
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(u.cwd, 'results'));
    await writeFile(join(u.cwd, 'results', 'line-3.mp4'), 'mine');
    const args = [
      'batch',
      'prompts.jsonl',
      ...remote(sim, 'native'),
      '--size',
      '832*480',
      '--out',
      'results',
      '--name-by',
      'line',
      '--json',
    ];
    const run1 = await runCli(args, u);
    expect(run1.code, run1.stderr).toBe(6); // line 3 succeeded but was not saved over the existing file
    const doc1 = parseJsonOutput(run1) as unknown as BatchDoc;
    expect(doc1.lines.map((l) => [l.line, l.result])).toStrictEqual([
      [1, 'succeeded'],
      [3, 'not-saved'],
    ]);
    expect(await readFile(join(u.cwd, 'results', 'line-3.mp4'), 'utf8')).toBe('mine');
    const before = sim.stats().formats.native.creates;
    const run2 = await runCli([...args, '--overwrite'], u);
    expect(run2.code, run2.stderr).toBe(0);
    expect(sim.stats().formats.native.creates - before).toBe(0); // downloaded, not paid for again
    expect((await readdir(join(u.cwd, 'results'))).sort()).toStrictEqual(['line-1.mp4', 'line-3.mp4']);
    expect((await readFile(join(u.cwd, 'results', 'line-3.mp4'))).subarray(4, 8).toString('latin1')).toBe(
      'ftyp',
    );
  });

  it('refuses two lines that would write the same file, before anything is sent', async () => {
    const u = await user();
    await writeFile(
      join(u.cwd, 'prompts.jsonl'),
      `${[JSON.stringify({ prompt: 'a', name: 'Shot' }), JSON.stringify({ prompt: 'b', name: 'shot' })].join('\n')}\n`,
    );
    const before = sim.stats().requests;
    const result = await runCli(['batch', 'prompts.jsonl', ...remote(sim, 'native'), '--json'], u);
    expect(result.code).toBe(2);
    expect(parseJsonOutput(result)).toMatchObject({
      ok: false,
      exitCode: 2,
      errors: [
        {
          line: 2,
          kind: 'invalid_request',
          field: 'name',
          value: 'shot',
          message:
            'line 2: its outputs would be named "shot", like those of line 1; give each line its own name',
        },
      ],
    });
    expect(sim.stats().requests - before).toBe(0);
  });
});
