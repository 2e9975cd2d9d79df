import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, freshUser, isMp4, parseJsonOutput, runCli, startCli, until } from './harness.js';

beforeAll(assertBuilt);

describe('wankit on a fresh machine', () => {
  it('runs the README command with no config, no key and no network, leaving a playable MP4', async () => {
    const user = await freshUser();
    const result = await runCli(['video', 'a kitten running in the moonlight'], {
      ...user,
      timeoutMs: 40_000,
    });
    expect(result.stderr).toContain('using the embedded simulator (no provider configured)');
    expect(result.code).toBe(0);
    const files = (await readdir(user.cwd)).filter((name) => name.endsWith('.mp4'));
    expect(files).toHaveLength(1);
    expect(result.stdout.trim()).toBe(join(user.cwd, files[0]!));
    expect(await isMp4(join(user.cwd, files[0]!))).toBe(true);
  });

  it('prints help with examples for every command, exit 0', async () => {
    const user = await freshUser();
    const top = await runCli(['--help'], user);
    expect(top.code).toBe(0);
    for (const name of [
      'video',
      'image',
      'status',
      'wait',
      'download',
      'batch',
      'resume',
      'models',
      'providers',
      'sim',
    ]) {
      expect(top.stdout).toContain(name);
    }
    const helps = await Promise.all(
      ['video', 'image', 'batch', 'status', 'sim'].map((name) => runCli([name, '--help'], user)),
    );
    for (const help of helps) {
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Examples:');
    }
  });

  it('exits 2 on an unknown command or option', async () => {
    const user = await freshUser();
    const [command, option] = await Promise.all([
      runCli(['render', 'x'], user),
      runCli(['video', 'x', '--colour', 'red'], user),
    ]);
    expect(command.code).toBe(2);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '--colour'");
  });

  it('lists the catalog as one JSON document, per provider', async () => {
    const user = await freshUser();
    const result = await runCli(['models', '--json'], user);
    expect(result.code).toBe(0);
    const json = parseJsonOutput(result) as {
      models: { id: string; kind: string; providers: { provider: string }[] }[];
    };
    const byId = new Map(json.models.map((m) => [m.id, m]));
    expect(byId.get('wan2.2-t2v-plus')?.kind).toBe('text-to-video');
    expect(byId.get('wan2.5-t2i-preview')?.providers.map((p) => p.provider)).toContain('native');
    expect(byId.get('wan2.5-t2v-preview')?.providers.map((p) => p.provider)).toContain('generate-task');
    const v2 = await runCli(['models', '--provider', 'v2', '--json'], user);
    const v2Json = parseJsonOutput(v2) as { models: { kind: string }[] };
    expect(v2Json.models.length).toBeGreaterThan(0);
    expect(v2Json.models.every((m) => m.kind !== 'text-to-image')).toBe(true);
  });

  it('describes the providers and the active configuration without printing a key', async () => {
    const user = await freshUser();
    const secret = 'sk-very-secret-value-123';
    const result = await runCli(['providers', '--json'], {
      ...user,
      env: {
        ...user.env,
        WANKIT_PROVIDER: 'v2',
        WANKIT_API_KEY: secret,
        WANKIT_BASE_URL: 'https://gw.example',
      },
    });
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(secret);
    const json = parseJsonOutput(result) as { active: Record<string, string>; providers: { id: string }[] };
    expect(json.providers.map((p) => p.id)).toStrictEqual(['native', 'v2', 'generate-task', 'dashscope']);
    expect(json.active).toStrictEqual({
      provider: 'v2',
      mode: 'remote',
      baseUrl: 'https://gw.example',
      providerFrom: 'WANKIT_PROVIDER',
      apiKeyFrom: '$WANKIT_API_KEY',
    });
  });

  it('runs `wankit sim` as a server until Ctrl-C', async () => {
    const user = await freshUser();
    const sim = startCli(['sim', '--time-scale', '0.01'], { ...user, timeoutMs: 20_000 });
    await until(() => sim.stdout().includes('http://127.0.0.1:'), 15_000, 'the simulator URL');
    const baseUrl = sim.stdout().trim();
    const health = await fetch(`${baseUrl}/__sim/health`);
    expect(health.status).toBe(200);
    const video = await runCli(
      [
        'video',
        'a kitten',
        '--provider',
        'native',
        '--base-url',
        baseUrl,
        '--time-scale',
        '0.01',
        '--no-download',
        '--json',
      ],
      user,
    );
    expect(video.code).toBe(0);
    expect(parseJsonOutput(video).status).toBe('succeeded');
    sim.child.kill('SIGINT');
    const result = await sim.done;
    expect(result.code).toBe(0);
  });
});
