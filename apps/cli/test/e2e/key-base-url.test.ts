// Issue 12 item 7: the key goes only to the base URL it is configured for.
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@wankit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../in-process.js';
import { freshUser } from './harness.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ timeScale: 0.005, seed: 21 });
});
afterAll(async () => {
  await sim?.close();
});

const key = 'sk-configured-for-the-gateway-0123456789';

describe('a ref naming another base URL than the configured one', () => {
  it('status, wait, download and resume refuse it before sending the key; --base-url says where to send it', async () => {
    const user = await freshUser();
    const journal = join(user.cwd, 'j.jsonl');
    // A task on a local server, started with an explicit --base-url (the user said so).
    const created = await runInProcess(
      ['video', 'a cat', '--provider', 'native', '--base-url', sim.baseUrl, '--time-scale', '0.005'].concat([
        '--size',
        '832*480',
        '--no-download',
        '--json',
        '--journal',
        journal,
      ]),
      { ...user, env: { ...user.env, WANKIT_API_KEY: key } },
    );
    expect(created.code, created.stderr).toBe(0);
    const ref = JSON.stringify(JSON.parse(created.stdout).ref);
    const taskId = JSON.parse(created.stdout).ref.taskId as string;

    // The key is configured for another gateway.
    const env = {
      ...user.env,
      WANKIT_API_KEY: key,
      WANKIT_PROVIDER: 'native',
      WANKIT_BASE_URL: 'https://gateway.example.test',
    };
    const reads = () => sim.stats().formats.native.requests.status;
    const before = reads();
    for (const args of [
      ['status', ref],
      ['wait', taskId, '--journal', journal],
      ['download', ref, '--out', 'o'],
    ]) {
      const result = await runInProcess(args, { ...user, env });
      expect(result.code, `${args[0]}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain(`was created at ${sim.baseUrl}`);
      expect(result.stderr).toContain('is configured for https://gateway.example.test');
      expect(result.stderr).toContain(`--base-url ${sim.baseUrl}`);
      expect(result.stderr).not.toContain(key);
    }
    const resumed = await runInProcess(['resume', '--journal', journal], { ...user, env });
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain(`--base-url ${sim.baseUrl}`);
    expect(reads()).toBe(before);

    const explicit = await runInProcess(['status', ref, '--base-url', sim.baseUrl], { ...user, env });
    expect(explicit.code, explicit.stderr).toBe(0);
    expect(reads()).toBe(before + 1);
  });

  it('with no key configured, a local server named by the ref gets the placeholder key', async () => {
    const user = await freshUser();
    const created = await runInProcess(
      [
        'video',
        'a dog',
        '--provider',
        'native',
        '--base-url',
        sim.baseUrl,
        '--time-scale',
        '0.005',
        '--size',
        '832*480',
        '--no-download',
        '--json',
      ],
      user,
    );
    const ref = JSON.stringify(JSON.parse(created.stdout).ref);
    const status = await runInProcess(['status', ref], user);
    expect(status.code, status.stderr).toBe(0);
  });
});
