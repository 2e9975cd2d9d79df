// Issue 17, "messages in the CLI's own words": core's errors carry a neutral hint; the CLI words the remedy with
// its flags, never the library's option names (`allowInsecureHttp`, `createClient`, `overwrite`).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hintOptions } from '@wankit/core';
import { lockJournal } from '@wankit/core/node';
import { type Simulator, startSimulator } from '@wankit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHintText } from '../../src/output/hint-text.js';
import { runInProcess } from '../in-process.js';
import { freshUser } from './harness.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ timeScale: 0.005, seed: 17 });
});
afterAll(async () => {
  await sim?.close();
});

/** Library option names that must never reach a CLI user (a quoted config-file key such as "baseUrl" may). */
const libraryWords =
  /createClient|allowInsecureHttp|acceptRefsFromOtherBaseUrls|(?<!")apiKey\b|(?<!")baseUrl(?!")|pass overwrite|repair\(\)|pass wait/;

const errorLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('error:'));

describe('remedies in flag names', () => {
  it('every neutral hint has a CLI wording without library option names', () => {
    for (const option of hintOptions) {
      const text = cliHintText({ option, value: 'https://gw.example' });
      expect(text, option).not.toMatch(libraryWords);
      expect(text, option).toMatch(/--[a-z-]+|WANKIT_/);
    }
  });

  it('plain http: off loopback names --allow-insecure-http (exit 2, nothing sent)', async () => {
    const user = await freshUser();
    const result = await runInProcess(
      ['video', 'x', '--provider', 'native', '--base-url', 'http://gw.example', '--api-key-env', 'HOME'],
      user,
    );
    expect(result.code).toBe(2);
    expect(errorLines(result.stderr)).toEqual([
      'error: the base URL http://gw.example uses plain http:, which would send the API key unencrypted; ' +
        'use https: or a loopback address, or pass --allow-insecure-http [invalid_request]',
    ]);
  });

  it('--allow-insecure-http lets a plain http: base URL off loopback through to the client', async () => {
    const user = await freshUser();
    const env = { ...user.env, WANKIT_API_KEY: 'sk-hint-test-0123456789' };
    // 0.0.0.0 is not a loopback name (so the check applies), yet on Linux it reaches the local simulator.
    const insecure = sim.baseUrl.replace('127.0.0.1', '0.0.0.0');
    const args = ['video', 'x', '--provider', 'native', '--base-url', insecure, '--time-scale', '0.005'];
    const refused = await runInProcess([...args, '--size', '832*480', '--no-download'], { ...user, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('pass --allow-insecure-http');
    const before = sim.stats().requests;
    const allowed = await runInProcess(
      [...args, '--size', '832*480', '--no-download', '--allow-insecure-http'],
      {
        ...user,
        env,
      },
    );
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(sim.stats().requests).toBeGreaterThan(before);
  });

  it('a provider without a default base URL names --base-url, in text and in the JSON error', async () => {
    const user = await freshUser();
    const env = { ...user.env, WANKIT_API_KEY: 'sk-hint-test-0123456789' };
    const text = await runInProcess(['video', 'x', '--provider', 'v2'], { ...user, env });
    expect(text.code).toBe(2);
    expect(errorLines(text.stderr)).toEqual([
      'error: OpenAI-style /v2/videos/generations documents no default base URL; ' +
        'pass --base-url URL (or set WANKIT_BASE_URL, or "baseUrl" in the config file) [invalid_request]',
    ]);
    const json = await runInProcess(['video', 'x', '--provider', 'v2', '--json'], { ...user, env });
    const doc = JSON.parse(json.stdout) as { error: { message: string; hint: unknown; kind: string } };
    expect(doc.error.kind).toBe('invalid_request');
    expect(doc.error.hint).toEqual({ option: 'baseUrl' });
    expect(doc.error.message).toContain('pass --base-url URL');
    expect(doc.error.message).not.toMatch(libraryWords);
  });

  it('download onto an existing file names --overwrite', async () => {
    const user = await freshUser();
    const journal = join(user.cwd, 'j.jsonl');
    const common = ['--provider', 'native', '--base-url', sim.baseUrl, '--journal', journal];
    const created = await runInProcess(
      ['video', 'a cat', ...common, '--time-scale', '0.005', '--size', '832*480', '--out', 'o', '--json'],
      user,
    );
    expect(created.code, created.stderr).toBe(0);
    const doc = JSON.parse(created.stdout) as { ref: { taskId: string }; files: { path: string }[] };
    const again = await runInProcess(['download', doc.ref.taskId, ...common, '--out', 'o'], user);
    expect(again.code).toBe(2);
    expect(errorLines(again.stderr)).toEqual([
      `error: ${doc.files[0]?.path} already exists; pass --overwrite to replace it [invalid_request]`,
    ]);
    const replaced = await runInProcess(
      ['download', doc.ref.taskId, ...common, '--out', 'o', '--overwrite'],
      user,
    );
    expect(replaced.code, replaced.stderr).toBe(0);
  });

  it('a journal locked by another run names --wait, a damaged one --repair', async () => {
    const user = await freshUser();
    const journal = join(user.cwd, 'locked.jsonl');
    const lock = await lockJournal(journal, { command: 'the test' });
    try {
      const refused = await runInProcess(
        ['resume', '--provider', 'native', '--base-url', sim.baseUrl, '--journal', journal],
        user,
      );
      expect(refused.code).toBe(8);
      const [line] = errorLines(refused.stderr);
      expect(line).toMatch(
        /^error: the journal .* is in use by pid \d+ \(the test\), since .*; nothing was sent; wait for it to finish, or re-run with --wait \[journal\]$/,
      );
    } finally {
      await lock.release();
    }
    const damaged = join(user.cwd, 'damaged.jsonl');
    await writeFile(damaged, '{"this is not":\n');
    const result = await runInProcess(
      ['resume', '--provider', 'native', '--base-url', sim.baseUrl, '--journal', damaged],
      user,
    );
    expect(result.code).toBe(8);
    const [line] = errorLines(result.stderr);
    expect(line).toContain('nothing was sent; re-run with --repair to keep every readable record');
    expect(line).not.toMatch(libraryWords);
  });
});
