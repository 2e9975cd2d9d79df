// Issue 14: a list of providers in the config file (or --provider a,b) makes video, image and batch fall back
// across them; each key goes to its own provider only.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@wankit/simulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../in-process.js';
import { freshUser } from './harness.js';

const timeScale = '0.005';
const keys = { native: 'sk-router-native-0123456789', v2: 'sk-router-v2-0123456789' };
let down: Simulator;
let up: Simulator;
beforeAll(async () => {
  // Each simulator accepts only its own provider's key: a key sent to the wrong one is a 401.
  down = await startSimulator({ timeScale: Number(timeScale), seed: 1410, apiKey: keys.native });
  up = await startSimulator({ timeScale: Number(timeScale), seed: 1411, apiKey: keys.v2 });
});
afterEach(() => {
  down.reset();
  up.reset();
  down.setFaults({});
});
afterAll(async () => {
  await Promise.all([down?.close(), up?.close()]);
});

async function routerUser(config: unknown) {
  const user = await freshUser();
  const path = join(user.cwd, 'config.json');
  await writeFile(path, JSON.stringify(config));
  return {
    ...user,
    env: { ...user.env, WANKIT_CONFIG: path, NATIVE_KEY: keys.native, V2_KEY: keys.v2 },
  };
}

const routerConfig = () => ({
  router: [
    { provider: 'native', baseUrl: down.baseUrl, apiKeyEnv: 'NATIVE_KEY' },
    { provider: 'v2', baseUrl: up.baseUrl, apiKeyEnv: 'V2_KEY' },
  ],
});

describe('a router of providers in the CLI', () => {
  it('wankit video falls back from a provider answering 503 to the next, creating once', async () => {
    down.setFaults({ rates: { '503': 1 }, endpoints: ['create'] });
    const user = await routerUser(routerConfig());
    const result = await runInProcess(
      [
        'video',
        'a kitten',
        '--model',
        'wan2.2-t2v-plus',
        '--size',
        '832*480',
        '--no-download',
        '--json',
      ].concat(['--time-scale', timeScale]),
      user,
    );
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.ref).toMatchObject({ adapter: 'v2', baseUrl: up.baseUrl, model: 'wan2.2-t2v-plus' });
    expect(out.status).toBe('succeeded');
    expect(down.stats().formats.native.requests.create).toBe(1);
    expect(down.stats().formats.native.creates).toBe(0);
    expect(up.stats().formats.v2.creates).toBe(1);
    expect(down.stats().formats.native.unauthorized + up.stats().formats.v2.unauthorized).toBe(0);
    for (const key of Object.values(keys)) expect(result.stdout + result.stderr).not.toContain(key);

    // status of that task goes back to the provider that took it, with that provider's key.
    const reads = up.stats().formats.v2.statusReads;
    const status = await runInProcess(['status', JSON.stringify(out.ref), '--json'], user);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).status).toBe('succeeded');
    expect(up.stats().formats.v2.statusReads).toBe(reads + 1);
    expect(down.stats().formats.native.requests.status).toBe(0);
  });

  it('--provider native,v2 takes each base URL and key from providers.<id>, and goes to the first that serves the model', async () => {
    const user = await routerUser({
      providers: {
        native: { baseUrl: down.baseUrl, apiKeyEnv: 'NATIVE_KEY' },
        v2: { baseUrl: up.baseUrl, apiKeyEnv: 'V2_KEY' },
      },
    });
    // wanx2.1-t2v-turbo: v2 serves it, native does not: no request reaches native.
    const result = await runInProcess(
      [
        'video',
        'a kitten',
        '--provider',
        'native,v2',
        '--model',
        'wanx2.1-t2v-turbo',
        '--no-download',
        '--json',
      ].concat(['--time-scale', timeScale]),
      user,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).ref).toMatchObject({ adapter: 'v2', baseUrl: up.baseUrl });
    expect(down.stats().requests).toBe(0);
    expect(up.stats().formats.v2.creates).toBe(1);
  });

  it('wankit batch sends every line once across the providers and journals each attempt', async () => {
    down.setFaults({ rates: { '503': 0.5 }, endpoints: ['create'] });
    const user = await routerUser(routerConfig());
    const lines = Array.from({ length: 6 }, (_, i) => JSON.stringify({ prompt: `scene ${i + 1}` }));
    await writeFile(join(user.cwd, 'prompts.jsonl'), `${lines.join('\n')}\n`);
    const args = [
      'batch',
      'prompts.jsonl',
      '--model',
      'wan2.2-t2v-plus',
      '--size',
      '832*480',
      '--no-download',
    ];
    const result = await runInProcess(args.concat(['--time-scale', timeScale, '--json']), user);
    expect(result.code, result.stderr).toBe(0);
    const creates = down.stats().formats.native.creates + up.stats().formats.v2.creates;
    expect(creates).toBe(6);
    const journal = (await readFile(join(user.cwd, 'prompts.jsonl.journal.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; baseUrl?: string });
    expect(journal.filter((record) => record.type === 'submitted')).toHaveLength(6);
    expect(journal.filter((record) => record.type === 'uncertain')).toHaveLength(0);
    const refused = journal.filter((record) => record.type === 'refused').length;
    expect(refused).toBe(down.stats().faults.byKind['503']);
    expect(journal.filter((record) => record.type === 'intent')).toHaveLength(6 + refused);

    // Re-running the same batch sends nothing: every line is done, whichever provider took it.
    const again = await runInProcess(args.concat(['--time-scale', timeScale, '--json']), user);
    expect(again.code, again.stderr).toBe(0);
    expect(down.stats().formats.native.creates + up.stats().formats.v2.creates).toBe(6);
  });

  it('refuses --base-url with several providers, before sending anything', async () => {
    const user = await routerUser(routerConfig());
    const result = await runInProcess(
      ['video', 'a kitten', '--provider', 'native,v2', '--base-url', up.baseUrl, '--json'],
      user,
    );
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain('--base-url');
    expect(down.stats().requests + up.stats().requests).toBe(0);
  });

  it('refuses --provider-option with several providers (each takes its own), before sending anything', async () => {
    const user = await routerUser(routerConfig());
    const before = down.stats().requests + up.stats().requests;
    const result = await runInProcess(
      ['video', 'a kitten', '--provider', 'native,v2', '--provider-option', 'foo=bar', '--json'],
      user,
    );
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain('--provider-option applies to one provider');
    expect(down.stats().requests + up.stats().requests).toBe(before);
  });
});
