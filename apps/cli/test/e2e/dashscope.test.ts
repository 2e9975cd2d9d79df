import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@wankit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, freshUser, isMp4, parseJsonOutput, readJournal, runCli } from './harness.js';

// `--provider dashscope` end to end: the built CLI against a simulator it is pointed at, and against the embedded
// one (`--sim`), for text- and image-to-video.

// A 1×1 PNG: --image with a local file sends it inline (a data URI), which DashScope's first-frame models take.
const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

interface TaskDoc {
  ok: boolean;
  status: string;
  providerStatus: string;
  ref: {
    adapter: string;
    taskId: string;
    kind: string;
    model: string;
    providerModel: string;
    baseUrl: string;
  };
  files: { path: string; bytes: number; sha256: string }[];
  simulator?: boolean;
}

let sim: Simulator;
beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator({ timeScale: 0.01, seed: 21 });
});
afterAll(async () => {
  await sim?.close();
});

const remote = () => ['--provider', 'dashscope', '--base-url', sim.baseUrl, '--time-scale', '0.01', '--json'];

async function userWithImage() {
  const user = await freshUser();
  await writeFile(join(user.cwd, 'cat.png'), tinyPng);
  return user;
}

describe('wankit --provider dashscope', () => {
  it('text- and image-to-video against a simulator: default models, DashScope words, real MP4s', async () => {
    const user = await userWithImage();
    const before = sim.stats().formats.dashscope.creates;
    const cases = [
      { args: ['video', 'a kitten running'], kind: 'text-to-video', model: 'wan2.2-t2v-plus' },
      {
        args: ['video', 'the cat turns', '--image', 'cat.png'],
        kind: 'image-to-video',
        model: 'wan2.2-i2v-plus',
      },
      {
        args: ['video', 'the cat turns', '--image', 'https://example.com/cat.png', '--resolution', '480p'],
        kind: 'image-to-video',
        model: 'wan2.2-i2v-plus',
      },
    ];
    const results = await Promise.all(
      cases.map((c, i) =>
        runCli([...c.args, ...remote(), '--out', `out-${i}`], { ...user, timeoutMs: 40_000 }),
      ),
    );
    for (const [i, result] of results.entries()) {
      const c = cases[i]!;
      expect(result.code, `${c.kind}: ${result.stderr}`).toBe(0);
      const doc = parseJsonOutput(result) as unknown as TaskDoc;
      expect({ ok: doc.ok, status: doc.status, providerStatus: doc.providerStatus }).toStrictEqual({
        ok: true,
        status: 'succeeded',
        providerStatus: 'SUCCEEDED',
      });
      expect(doc.ref).toMatchObject({
        adapter: 'dashscope',
        kind: c.kind,
        model: c.model,
        providerModel: c.model,
        baseUrl: sim.baseUrl,
      });
      expect(doc.files).toHaveLength(1);
      expect(await isMp4(doc.files[0]!.path)).toBe(true);
    }
    expect(sim.stats().formats.dashscope.creates - before).toBe(3);
  });

  it('status finds a DashScope task by its id in the journal and polls it where it was created', async () => {
    const user = await freshUser();
    const submitted = await runCli(['video', 'a lighthouse', ...remote(), '--no-download'], user);
    expect(submitted.code, submitted.stderr).toBe(0);
    const doc = parseJsonOutput(submitted) as unknown as TaskDoc;
    const journal = await readJournal(join(user.env.XDG_STATE_HOME!, 'wankit', 'journal.jsonl'));
    expect(journal.map((record) => record.type)).toStrictEqual(['intent', 'submitted', 'snapshot']);
    const status = await runCli(['status', doc.ref.taskId, '--time-scale', '0.01', '--json'], user);
    expect(status.code, status.stderr).toBe(0);
    expect(parseJsonOutput(status)).toMatchObject({
      status: 'succeeded',
      providerStatus: 'SUCCEEDED',
      ref: { adapter: 'dashscope', taskId: doc.ref.taskId },
    });
  });

  it('runs text- and image-to-video on the embedded simulator with --sim, saying so', async () => {
    const user = await userWithImage();
    const runs = await Promise.all([
      runCli(['video', 'a kitten running', '--sim', '--provider', 'dashscope', '--json', '--out', 't'], {
        ...user,
        timeoutMs: 60_000,
      }),
      runCli(
        [
          'video',
          'the cat turns',
          '--image',
          'cat.png',
          '--sim',
          '--provider',
          'dashscope',
          '--json',
          '--out',
          'i',
        ],
        { ...user, timeoutMs: 60_000 },
      ),
    ]);
    for (const [i, kind] of ['text-to-video', 'image-to-video'].entries()) {
      const result = runs[i]!;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(
        /using the embedded simulator \(--sim\) at http:\/\/127\.0\.0\.1:\d+, speaking dashscope/,
      );
      const doc = parseJsonOutput(result) as unknown as TaskDoc;
      expect(doc).toMatchObject({
        ok: true,
        status: 'succeeded',
        simulator: true,
        ref: { adapter: 'dashscope', kind },
      });
      expect(await isMp4(doc.files[0]!.path)).toBe(true);
    }
  });

  it('takes --region and --workspace-id for dashscope only, and lists dashscope in `providers`', async () => {
    const user = await freshUser();
    const beijing = await runCli(
      ['video', 'a kitten', ...remote(), '--region', 'beijing', '--workspace-id', 'ws-1', '--no-download'],
      user,
    );
    expect(beijing.code, beijing.stderr).toBe(0);
    expect(parseJsonOutput(beijing)).toMatchObject({ status: 'succeeded', ref: { adapter: 'dashscope' } });

    const wrong = await runCli(
      ['video', 'a kitten', '--sim', '--provider', 'native', '--region', 'beijing'],
      user,
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--region is a DashScope setting; the native provider has none');
    const unknown = await runCli(['video', 'a kitten', ...remote(), '--region', 'hangzhou'], user);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('hangzhou');

    const listed = await runCli(['providers', '--json'], user);
    expect(listed.code).toBe(0);
    const providers = parseJsonOutput(listed).providers as {
      id: string;
      defaultBaseUrl: string;
      package: string;
    }[];
    expect(providers.find((p) => p.id === 'dashscope')).toMatchObject({
      package: '@wankit/adapter-dashscope',
      defaultBaseUrl: 'https://dashscope-intl.aliyuncs.com',
    });
  });
});
