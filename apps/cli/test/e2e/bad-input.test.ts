import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@wankit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, freshUser, parseJsonOutput, runCli } from './harness.js';

let sim: Simulator;
beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator({ timeScale: 0.01, seed: 11 });
});
afterAll(async () => {
  await sim?.close();
});

describe('invalid input is rejected before any request', () => {
  it('exits 2 naming the field, with zero requests at the simulator', async () => {
    const user = await freshUser();
    await writeFile(join(user.cwd, 'bad.jsonl'), '{"prompt":"fine"}\n{"prompt":"bad size","size":"1*1"}\n');
    const to = (provider: string) => ['--provider', provider, '--base-url', sim.baseUrl];
    const cases: { args: string[]; mention: string[] }[] = [
      {
        args: ['video', 'x', ...to('native'), '--model', 'wan2.2-t2v-plus', '--size', '1280*720'],
        mention: ['size', '1920*1080'],
      },
      {
        args: ['video', 'x', ...to('native'), '--model', 'wan9-t2v-nope'],
        mention: ['wan9-t2v-nope', 'wan2.2-t2v-plus'],
      },
      { args: ['video', 'x', ...to('native'), '--seed', 'abc'], mention: ['--seed'] },
      {
        args: ['video', 'x', ...to('native'), '--model', 'wan2.5-t2v-preview', '--duration', '7'],
        mention: ['duration', '10'],
      },
      { args: ['video', 'x', ...to('native'), '--aspect', '5:4'], mention: ['5:4'] },
      { args: ['video', '', ...to('native')], mention: ['prompt'] },
      { args: ['video', 'x', ...to('native'), '--image', 'missing.png'], mention: ['missing.png'] },
      { args: ['image', 'x', ...to('v2')], mention: ['text-to-image'] },
      { args: ['video', 'x', ...to('generate-task'), '--resolution', '480p'], mention: ['480p'] },
      { args: ['video', 'x', '--provider', 'acme'], mention: ['acme'] },
      { args: ['batch', 'bad.jsonl', ...to('native')], mention: ['line 2', 'size'] },
      { args: ['batch', 'missing.jsonl', ...to('native')], mention: ['missing.jsonl'] },
    ];
    const before = sim.stats().requests;
    const results = await Promise.all(cases.map((c) => runCli(c.args, user)));
    for (const [i, result] of results.entries()) {
      const label = cases[i]!.args.join(' ');
      expect(result.code, `${label}\n${result.stderr}`).toBe(2);
      for (const word of cases[i]!.mention) expect(result.stderr, label).toContain(word);
    }
    expect(sim.stats().requests).toBe(before);
  });

  it('prints one JSON error document with field, value and allowed values', async () => {
    const user = await freshUser();
    const result = await runCli(
      [
        'video',
        'x',
        '--provider',
        'native',
        '--base-url',
        sim.baseUrl,
        '--model',
        'wan2.2-t2v-plus',
        '--size',
        '1280*720',
        '--json',
      ],
      user,
    );
    expect(result.code).toBe(2);
    const doc = parseJsonOutput(result) as { ok: boolean; exitCode: number; error: Record<string, unknown> };
    expect(doc.ok).toBe(false);
    expect(doc.exitCode).toBe(2);
    expect(doc.error).toMatchObject({ kind: 'invalid_request', field: 'size', value: '1280*720' });
    expect(doc.error.allowed).toContain('1920*1080');
  });

  it('refuses a remote provider without a key before sending (exit 2)', async () => {
    const user = await freshUser();
    const result = await runCli(
      ['video', 'x', '--provider', 'native', '--base-url', 'https://gateway.invalid'],
      user,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('authentication');
  });
});
