import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@wankit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, freshUser, isMp4, isPng, parseJsonOutput, readJournal, runCli } from './harness.js';

// A 1×1 PNG, to exercise the local file → data URI path of --image.
const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let sim: Simulator;
beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator({ timeScale: 0.01, seed: 7 });
});
afterAll(async () => {
  await sim?.close();
});

const connection = (provider: string) => [
  '--provider',
  provider,
  '--base-url',
  sim.baseUrl,
  '--time-scale',
  '0.01',
];

interface TaskDoc {
  ok: boolean;
  exitCode: number;
  status: string;
  ref: { adapter: string; taskId: string; kind: string; model: string };
  files: { path: string; bytes: number; sha256: string }[];
  failure?: { kind: string };
  outputs: { kind: string; url: string }[];
}

describe('each provider and kind against the simulator', () => {
  it('generates, waits and downloads for every provider × kind it supports', async () => {
    const user = await freshUser();
    await writeFile(join(user.cwd, 'cat.png'), tinyPng);
    const before = sim.stats();
    const cases: { provider: string; args: string[]; kind: string; media: 'mp4' | 'png'; count?: number }[] =
      [
        { provider: 'native', args: ['video', 'a kitten running'], kind: 'text-to-video', media: 'mp4' },
        {
          provider: 'native',
          args: ['video', 'the cat turns', '--image', 'cat.png'],
          kind: 'image-to-video',
          media: 'mp4',
        },
        {
          provider: 'native',
          args: ['image', 'a red fox', '--count', '2'],
          kind: 'text-to-image',
          media: 'png',
          count: 2,
        },
        {
          provider: 'v2',
          args: ['video', 'waves at dusk', '--size', '832*480'],
          kind: 'text-to-video',
          media: 'mp4',
        },
        {
          provider: 'v2',
          // wan2.2-i2v-plus offers 480p and 1080p only.
          args: ['video', 'the cat turns', '--image', 'https://example.com/cat.png', '--resolution', '480p'],
          kind: 'image-to-video',
          media: 'mp4',
        },
        {
          provider: 'generate-task',
          args: ['video', 'city timelapse', '--resolution', '720p', '--aspect', '16:9'],
          kind: 'text-to-video',
          media: 'mp4',
        },
        {
          provider: 'generate-task',
          args: ['video', 'the cat turns', '--image', 'https://example.com/cat.png', '--resolution', '720p'],
          kind: 'image-to-video',
          media: 'mp4',
        },
      ];
    const results = await Promise.all(
      cases.map((c, i) =>
        runCli([...c.args, ...connection(c.provider), '--json', '--out', `out-${i}`], {
          ...user,
          timeoutMs: 40_000,
        }),
      ),
    );
    for (const [i, result] of results.entries()) {
      const c = cases[i]!;
      expect(result.code, `${c.provider} ${c.kind}: ${result.stderr}`).toBe(0);
      const doc = parseJsonOutput(result) as unknown as TaskDoc;
      expect(doc.ok).toBe(true);
      expect(doc.status).toBe('succeeded');
      expect(doc.ref.adapter).toBe(c.provider);
      expect(doc.ref.kind).toBe(c.kind);
      expect(doc.files).toHaveLength(c.count ?? 1);
      for (const file of doc.files) {
        expect(file.path.startsWith(join(user.cwd, `out-${i}`))).toBe(true);
        expect(await (c.media === 'mp4' ? isMp4 : isPng)(file.path)).toBe(true);
      }
    }
    const after = sim.stats();
    expect(after.formats.native.creates - before.formats.native.creates).toBe(3);
    expect(after.formats.v2.creates - before.formats.v2.creates).toBe(2);
    expect(after.formats.generateTask.creates - before.formats.generateTask.creates).toBe(2);
  });

  it('exits 4 when the task fails, with the failure in the JSON document', async () => {
    const user = await freshUser();
    const result = await runCli(['video', 'a kitten [[unsafe]]', ...connection('native'), '--json'], user);
    expect(result.code).toBe(4);
    const doc = parseJsonOutput(result) as unknown as TaskDoc;
    expect(doc.ok).toBe(false);
    expect(doc.status).toBe('failed');
    expect(doc.failure?.kind).toBe('content_policy');
    expect(doc.files).toStrictEqual([]);
  });

  it('status, wait and download find a task by its id in the journal', async () => {
    const user = await freshUser();
    const submitted = await runCli(
      ['video', 'a lighthouse', ...connection('v2'), '--size', '832*480', '--no-download', '--json'],
      user,
    );
    expect(submitted.code).toBe(0);
    const doc = parseJsonOutput(submitted) as unknown as TaskDoc;
    expect(doc.files).toStrictEqual([]);
    expect(doc.outputs).toHaveLength(1);
    const journal = await readJournal(join(user.env.XDG_STATE_HOME!, 'wankit', 'journal.jsonl'));
    expect(journal.map((r) => r.type)).toStrictEqual(['intent', 'submitted', 'snapshot']);
    expect(JSON.stringify(journal)).not.toContain('wankit-local-placeholder');

    const id = doc.ref.taskId;
    const status = await runCli(['status', id, '--time-scale', '0.01', '--json'], user);
    expect(status.code).toBe(0);
    expect(parseJsonOutput(status)).toMatchObject({ status: 'succeeded', ref: { taskId: id } });

    const waited = await runCli(['wait', id, '--time-scale', '0.01', '--out', 'w', '--json'], user);
    expect(waited.code).toBe(0);
    const waitedDoc = parseJsonOutput(waited) as unknown as TaskDoc;
    expect(await isMp4(waitedDoc.files[0]!.path)).toBe(true);

    const downloaded = await runCli(['download', JSON.stringify(doc.ref), '--out', 'd', '--json'], user);
    expect(downloaded.code).toBe(0);
    const downloadedDoc = parseJsonOutput(downloaded) as unknown as TaskDoc;
    expect(downloadedDoc.files[0]!.sha256).toBe(waitedDoc.files[0]!.sha256);

    const unknown = await runCli(['status', 'no-such-task'], user);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('not found in the journal');
  });
});
