import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isWankitError } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfigFile } from './config-file.js';
import { defaultConfigFile, defaultJournalFile } from './paths.js';
import { isLoopbackUrl, journalPathFor, localPlaceholderKey, resolveConfig } from './resolve-config.js';

const catchError = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
};

describe('resolveConfig', () => {
  it.each([
    [{ baseUrl: 'https://joe:hunter2pw@gw.example' }, {}, {}],
    [{}, { WANKIT_BASE_URL: 'http://joe:hunter2pw@127.0.0.1:8080' }, {}],
    [{ provider: 'v2' }, {}, { providers: { v2: { baseUrl: 'https://joe:hunter2pw@gw.example' } } }],
  ])('refuses credentials in a base URL without printing them (%j %j %j)', (flags, env, file) => {
    const error = catchError(() => resolveConfig(flags, env, file));
    expect(error).toMatchObject({ kind: 'invalid_request', field: 'baseUrl' });
    expect(JSON.stringify(error)).not.toContain('hunter2pw');
    expect((error as Error).message).not.toContain('hunter2pw');
  });

  it('uses the embedded simulator (native) when nothing is configured', () => {
    const resolved = resolveConfig({}, {}, {});
    expect(resolved.target).toStrictEqual({
      mode: 'embedded',
      provider: 'native',
      reason: 'no provider configured',
    });
    expect(resolved.journal).toBeUndefined();
  });

  it('uses the simulator with --sim even when a provider is configured, speaking that provider', () => {
    const resolved = resolveConfig({ sim: true }, { WANKIT_PROVIDER: 'v2', WANKIT_API_KEY: 'k-123456' }, {});
    expect(resolved.target).toStrictEqual({ mode: 'embedded', provider: 'v2', reason: '--sim' });
  });

  it('prefers flags, then the environment, then the config file', () => {
    const file = { provider: 'v2' as const, baseUrl: 'https://file.example', apiKey: 'file-key-1' };
    expect(resolveConfig({}, {}, file).target).toStrictEqual({
      mode: 'remote',
      provider: 'v2',
      baseUrl: 'https://file.example',
      apiKey: 'file-key-1',
      apiKeySource: 'the config file',
      providerSource: 'the config file',
    });
    const env = {
      WANKIT_PROVIDER: 'generate-task',
      WANKIT_BASE_URL: 'https://env.example',
      WANKIT_API_KEY: 'env-key-1',
    };
    expect(resolveConfig({}, env, file).target).toMatchObject({
      provider: 'generate-task',
      baseUrl: 'https://env.example',
      apiKey: 'env-key-1',
      apiKeySource: '$WANKIT_API_KEY',
    });
    const flags = { provider: 'native', baseUrl: 'https://flag.example', apiKeyEnv: 'MY_KEY' };
    expect(resolveConfig(flags, { ...env, MY_KEY: 'flag-key-1' }, file).target).toMatchObject({
      provider: 'native',
      baseUrl: 'https://flag.example',
      apiKey: 'flag-key-1',
      apiKeySource: '$MY_KEY',
      providerSource: '--provider',
    });
  });

  it('reads per-provider sections and apiKeyEnv from the config file', () => {
    const file = parseConfigFile(
      {
        provider: 'native',
        providers: { native: { baseUrl: 'https://gw.example', apiKeyEnv: 'VTRIX_KEY' } },
      },
      'config.json',
    );
    expect(resolveConfig({}, { VTRIX_KEY: 'vtrix-key-1' }, file).target).toMatchObject({
      provider: 'native',
      baseUrl: 'https://gw.example',
      apiKey: 'vtrix-key-1',
      apiKeySource: '$VTRIX_KEY (named by providers.native in the config file)',
    });
  });

  it('does not apply top-level config settings of another provider', () => {
    const file = { provider: 'v2' as const, baseUrl: 'https://v2.example', apiKey: 'v2-key-1' };
    expect(resolveConfig({ provider: 'native' }, {}, file).target).toMatchObject({
      provider: 'native',
      baseUrl: undefined,
      apiKey: undefined,
    });
  });

  it('speaks native to a bare --base-url and uses a placeholder key for a loopback server', () => {
    const resolved = resolveConfig({ baseUrl: 'http://127.0.0.1:8787' }, {}, {});
    expect(resolved.target).toMatchObject({
      mode: 'remote',
      provider: 'native',
      baseUrl: 'http://127.0.0.1:8787',
      apiKey: localPlaceholderKey,
    });
    expect(resolved.notes).toHaveLength(2);
  });

  it('keeps no key for a remote server without one (the client then refuses before sending)', () => {
    expect(resolveConfig({ provider: 'native' }, {}, {}).target).toMatchObject({
      apiKey: undefined,
      apiKeySource: 'none',
    });
  });

  it('rejects an unknown provider naming the allowed ones', () => {
    const error = catchError(() => resolveConfig({ provider: 'openai' }, {}, {}));
    expect(isWankitError(error) && error.toJSON()).toMatchObject({
      kind: 'invalid_request',
      field: 'provider',
      value: 'openai',
      allowed: ['native', 'v2', 'generate-task', 'dashscope'],
    });
  });

  it('carries DashScope region and workspace from flags, then providers.dashscope, then the top level', () => {
    const env = { WANKIT_API_KEY: 'sk-1' };
    const file = {
      provider: 'dashscope' as const,
      region: 'virginia',
      workspaceId: 'ws-top',
      providers: { dashscope: { region: 'beijing' } },
    };
    expect(resolveConfig({}, env, file).target).toMatchObject({
      mode: 'remote',
      provider: 'dashscope',
      settings: { region: 'beijing', workspaceId: 'ws-top' },
    });
    expect(resolveConfig({ region: 'singapore', workspaceId: 'ws-flag' }, env, file).target).toMatchObject({
      settings: { region: 'singapore', workspaceId: 'ws-flag' },
    });
    // the embedded simulator gets them too (the region decides model spellings and the price list)
    expect(
      resolveConfig({ provider: 'dashscope', sim: true, region: 'beijing' }, {}, {}).target,
    ).toStrictEqual({
      mode: 'embedded',
      provider: 'dashscope',
      reason: '--sim',
      settings: { region: 'beijing' },
    });
    // none given: no settings at all
    expect(resolveConfig({ provider: 'dashscope' }, env, {}).target).not.toHaveProperty('settings');
  });

  it('refuses a DashScope setting for another provider, and an unknown region, before anything is sent', () => {
    const other = catchError(() => resolveConfig({ provider: 'v2', workspaceId: 'ws-1' }, {}, {}));
    expect(isWankitError(other) && other.toJSON()).toMatchObject({
      kind: 'invalid_request',
      field: 'workspace-id',
      message: '--workspace-id is a DashScope setting; the v2 provider has none (use --provider dashscope)',
    });
    const region = catchError(() =>
      resolveConfig({}, { WANKIT_API_KEY: 'sk-1' }, { provider: 'dashscope', region: 'hangzhou' }),
    );
    expect(isWankitError(region) && region.toJSON()).toMatchObject({
      kind: 'invalid_request',
      field: 'region',
      value: 'hangzhou',
      allowed: ['singapore', 'beijing', 'virginia'],
    });
  });

  it('rejects an empty --api-key-env variable without echoing anything secret', () => {
    const error = catchError(() => resolveConfig({ provider: 'native', apiKeyEnv: 'NOPE' }, {}, {}));
    expect(isWankitError(error) && error.toJSON()).toMatchObject({
      kind: 'invalid_request',
      field: 'api-key-env',
    });
  });

  it('puts the journal in XDG_STATE_HOME and the config in XDG_CONFIG_HOME', () => {
    const env = { XDG_STATE_HOME: '/s', XDG_CONFIG_HOME: '/c' };
    expect(defaultJournalFile(env)).toBe('/s/wankit/journal.jsonl');
    expect(defaultConfigFile(env)).toBe('/c/wankit/config.json');
    expect(journalPathFor(resolveConfig({}, env, {}), env)).toBe('/s/wankit/journal.jsonl');
    expect(journalPathFor(resolveConfig({ journal: '/j.jsonl' }, env, {}), env)).toBe('/j.jsonl');
  });

  it('recognises loopback URLs only', () => {
    expect(isLoopbackUrl('http://127.0.0.1:1')).toBe(true);
    expect(isLoopbackUrl('http://localhost')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:80')).toBe(true);
    expect(isLoopbackUrl('https://cloud.vtrix.ai')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });
});

describe('config file', () => {
  it('treats a missing default file as empty and a missing explicit file as an error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wankit-config-'));
    await expect(loadConfigFile(join(dir, 'none.json'), false)).resolves.toStrictEqual({});
    await expect(loadConfigFile(join(dir, 'none.json'), true)).rejects.toMatchObject({
      kind: 'invalid_request',
    });
  });

  it('names the field, the value and the allowed values', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wankit-config-'));
    const path = join(dir, 'config.json');
    await writeFile(path, JSON.stringify({ provider: 'acme' }));
    await expect(loadConfigFile(path, true)).rejects.toMatchObject({
      field: 'config.provider',
      value: 'acme',
      allowed: ['native', 'v2', 'generate-task', 'dashscope'],
    });
    await writeFile(path, JSON.stringify({ providers: { v2: { apiKey: 42 } } }));
    await expect(loadConfigFile(path, true)).rejects.toMatchObject({
      field: 'config.providers.v2.apiKey',
      value: '[redacted]',
    });
    await writeFile(path, JSON.stringify({ colour: 'blue' }));
    await expect(loadConfigFile(path, true)).rejects.toMatchObject({ field: 'config.colour' });
    await writeFile(path, '{ not json');
    await expect(loadConfigFile(path, true)).rejects.toMatchObject({ kind: 'invalid_request' });
  });
});
