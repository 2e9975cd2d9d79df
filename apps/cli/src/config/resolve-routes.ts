import { WankitError } from '@wankit/core';
import type { ConfigFile, RouteEntry } from './config-file.js';
import { isProviderId, type ProviderId, providerIds } from './provider-ids.js';

/** One provider of a router target. The key is carried but never printed: `apiKeySource` says where it came from. */
export interface RouteTarget {
  readonly provider: ProviderId;
  /** Undefined: the adapter's documented default. */
  readonly baseUrl: string | undefined;
  readonly apiKey: string | undefined;
  readonly apiKeySource: string;
  readonly models?: readonly string[];
}

export interface RouteSettings {
  readonly flags: { readonly provider?: string; readonly baseUrl?: string; readonly apiKeyEnv?: string };
  readonly env: NodeJS.ProcessEnv;
  readonly file: ConfigFile;
  /** A local server gets a placeholder key (the simulator accepts any). */
  readonly isLoopback: (url: string) => boolean;
  readonly placeholderKey: string;
}

const isList = (value: string | undefined): value is string => value?.includes(',') === true;

function idsOf(value: string, source: string): ProviderId[] {
  const ids = value.split(',').map((id) => id.trim());
  for (const id of ids) {
    if (!isProviderId(id)) {
      throw new WankitError({
        kind: 'invalid_request',
        message: `${source}: unknown provider "${id}" in "${value}"; choose from ${providerIds.join(', ')}`,
        field: 'provider',
        value: id,
        allowed: providerIds,
      });
    }
  }
  return ids as ProviderId[];
}

/** The list the user configured, or `undefined` for a single provider. */
function pickList(settings: RouteSettings): { entries: RouteEntry[]; source: string } | undefined {
  const { flags, env, file } = settings;
  if (flags.provider !== undefined) {
    return isList(flags.provider)
      ? {
          entries: idsOf(flags.provider, '--provider').map((provider) => ({ provider })),
          source: '--provider',
        }
      : undefined;
  }
  const fromEnv = env.WANKIT_PROVIDER || undefined;
  if (fromEnv !== undefined) {
    return isList(fromEnv)
      ? {
          entries: idsOf(fromEnv, 'WANKIT_PROVIDER').map((provider) => ({ provider })),
          source: 'WANKIT_PROVIDER',
        }
      : undefined;
  }
  return file.router ? { entries: [...file.router], source: 'the config file (router)' } : undefined;
}

function keyOf(entry: RouteEntry, index: number, settings: RouteSettings, baseUrl: string | undefined) {
  const section = settings.file.providers?.[entry.provider];
  const candidates: [RouteEntry | typeof section, string][] = [
    [entry, `router[${index}] in the config file`],
    [section, `providers.${entry.provider} in the config file`],
  ];
  for (const [where, name] of candidates) {
    if (!where) continue;
    if (where.apiKeyEnv) {
      const key = settings.env[where.apiKeyEnv];
      if (key) return { apiKey: key, apiKeySource: `$${where.apiKeyEnv} (named by ${name})` };
    }
    if (where.apiKey) return { apiKey: where.apiKey, apiKeySource: name };
  }
  if (baseUrl !== undefined && settings.isLoopback(baseUrl)) {
    return { apiKey: settings.placeholderKey, apiKeySource: 'placeholder (local server)' };
  }
  return { apiKey: undefined, apiKeySource: 'none' };
}

/**
 * Providers to fall back across: `--provider a,b`, `WANKIT_PROVIDER=a,b`, or the config file's `router` list
 * (when neither names a single provider). Each provider's base URL and key come from its own entry or its
 * `providers.<id>` section only, never from the single-provider settings, so a key is never sent to another
 * provider's URL.
 */
export function resolveRoutes(
  settings: RouteSettings,
): { routes: RouteTarget[]; source: string; notes: string[] } | undefined {
  const list = pickList(settings);
  if (!list) return undefined;
  const { flags, env, file } = settings;
  for (const [flag, value] of [
    ['--base-url', flags.baseUrl],
    ['--api-key-env', flags.apiKeyEnv],
  ] as const) {
    if (value !== undefined) {
      throw new WankitError({
        kind: 'invalid_request',
        message: `${flag} names one provider's setting, but ${list.source} gives several; set each provider's in the config file (router list or providers.<id>)`,
        field: flag.slice(2),
        value,
      });
    }
  }
  const notes: string[] = [];
  if (env.WANKIT_API_KEY) {
    notes.push(
      'WANKIT_API_KEY is not used with several providers: each key comes from its router entry or providers.<id>',
    );
  }
  const routes = list.entries.map((entry, index): RouteTarget => {
    const baseUrl = entry.baseUrl ?? file.providers?.[entry.provider]?.baseUrl;
    const key = keyOf(entry, index, settings, baseUrl);
    if (key.apiKey === undefined) {
      notes.push(
        `no API key for ${entry.provider} (provider ${index + 1} of ${list.entries.length}): it will be skipped`,
      );
    }
    return { provider: entry.provider, baseUrl, ...key, ...(entry.models ? { models: entry.models } : {}) };
  });
  return { routes, source: list.source, notes };
}
