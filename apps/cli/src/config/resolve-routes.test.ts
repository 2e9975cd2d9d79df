import { isWankitError } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { parseConfigFile } from './config-file.js';
import { resolveConfig } from './resolve-config.js';

const catchError = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
};

describe('resolveConfig with several providers', () => {
  const file = parseConfigFile(
    {
      provider: 'native',
      providers: {
        native: { baseUrl: 'https://gw.example', apiKeyEnv: 'VTRIX_KEY' },
        v2: { baseUrl: 'https://relay.example', apiKeyEnv: 'RELAY_KEY' },
      },
    },
    'config.json',
  );
  const env = { VTRIX_KEY: 'vtrix-key-1', RELAY_KEY: 'relay-key-1' };

  it('turns --provider a,b into routes, each with its own base URL and key', () => {
    const { target } = resolveConfig({ provider: 'v2,native' }, env, file);
    expect(target).toStrictEqual({
      mode: 'remote',
      provider: 'v2',
      baseUrl: 'https://relay.example',
      apiKey: 'relay-key-1',
      apiKeySource: '$RELAY_KEY (named by providers.v2 in the config file)',
      providerSource: '--provider',
      routes: [
        {
          provider: 'v2',
          baseUrl: 'https://relay.example',
          apiKey: 'relay-key-1',
          apiKeySource: '$RELAY_KEY (named by providers.v2 in the config file)',
        },
        {
          provider: 'native',
          baseUrl: 'https://gw.example',
          apiKey: 'vtrix-key-1',
          apiKeySource: '$VTRIX_KEY (named by providers.native in the config file)',
        },
      ],
    });
  });

  it('reads WANKIT_PROVIDER=a,b, never applying WANKIT_API_KEY to any of them', () => {
    const resolved = resolveConfig(
      {},
      { ...env, WANKIT_PROVIDER: 'native,v2', WANKIT_API_KEY: 'global-1' },
      file,
    );
    expect(resolved.target.mode === 'remote' && resolved.target.routes?.map((r) => r.apiKey)).toEqual([
      'vtrix-key-1',
      'relay-key-1',
    ]);
    expect(resolved.notes).toContain(
      'WANKIT_API_KEY is not used with several providers: each key comes from its router entry or providers.<id>',
    );
  });

  it("uses the config file's router list when no provider is named, entries before providers.<id>", () => {
    const routed = parseConfigFile(
      {
        ...file,
        router: [
          {
            provider: 'v2',
            baseUrl: 'https://second-relay.example',
            apiKeyEnv: 'OTHER_KEY',
            models: ['wan2.2-t2v-plus'],
          },
          { provider: 'native' },
          { provider: 'generate-task', baseUrl: 'http://127.0.0.1:8787' },
        ],
      },
      'config.json',
    );
    const resolved = resolveConfig({}, { ...env, OTHER_KEY: 'other-key-1' }, routed);
    expect(resolved.target.mode === 'remote' && resolved.target.routes).toStrictEqual([
      {
        provider: 'v2',
        baseUrl: 'https://second-relay.example',
        apiKey: 'other-key-1',
        apiKeySource: '$OTHER_KEY (named by router[0] in the config file)',
        models: ['wan2.2-t2v-plus'],
      },
      {
        provider: 'native',
        baseUrl: 'https://gw.example',
        apiKey: 'vtrix-key-1',
        apiKeySource: '$VTRIX_KEY (named by providers.native in the config file)',
      },
      {
        provider: 'generate-task',
        baseUrl: 'http://127.0.0.1:8787',
        apiKey: 'wankit-local-placeholder',
        apiKeySource: 'placeholder (local server)',
      },
    ]);
    // A single named provider wins over the list.
    expect(resolveConfig({ provider: 'native' }, env, routed).target).not.toHaveProperty('routes');
  });

  it('notes a provider without a key (the router skips it) and refuses single-provider flags', () => {
    const resolved = resolveConfig({ provider: 'native,generate-task' }, env, file);
    expect(resolved.notes).toContain('no API key for generate-task (provider 2 of 2): it will be skipped');
    for (const flags of [
      { provider: 'native,v2', baseUrl: 'https://x.example' },
      { provider: 'native,v2', apiKeyEnv: 'VTRIX_KEY' },
    ]) {
      const error = catchError(() => resolveConfig(flags, env, file));
      expect(isWankitError(error) && error.kind).toBe('invalid_request');
    }
    const unknown = catchError(() => resolveConfig({ provider: 'native,openai' }, env, file));
    expect(isWankitError(unknown) && unknown.toJSON()).toMatchObject({ field: 'provider', value: 'openai' });
  });

  it('validates the router list, never echoing a key', () => {
    for (const [router, field] of [
      [[], 'config.router'],
      [[{ provider: 'acme' }], 'config.router[0].provider'],
      [[{ provider: 'v2', colour: 'blue' }], 'config.router[0].colour'],
      [[{ provider: 'v2', models: 'wan2.6-t2v' }], 'config.router[0].models'],
      [[{ provider: 'v2', apiKey: 42 }], 'config.router[0].apiKey'],
    ] as const) {
      const error = catchError(() => parseConfigFile({ router }, 'config.json'));
      expect(isWankitError(error) && error.toJSON()).toMatchObject({ kind: 'invalid_request', field });
    }
    const secret = catchError(() => parseConfigFile({ router: [{ provider: 'v2', apiKey: 42 }] }, 'c.json'));
    expect(isWankitError(secret) && secret.value).toBe('[redacted]');
  });
});
