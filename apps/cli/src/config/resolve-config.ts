import { WankitError } from '@wankit/core';
import type { ConfigFile } from './config-file.js';
import { defaultJournalFile } from './paths.js';
import {
  dashscopeRegions,
  defaultEmbeddedProvider,
  isProviderId,
  type ProviderId,
  providerIds,
} from './provider-ids.js';
import { type RouteTarget, resolveRoutes } from './resolve-routes.js';

export type { RouteTarget };

/** The connection flags every talking command accepts. */
export interface ConnectionFlags {
  readonly provider?: string;
  readonly baseUrl?: string;
  readonly apiKeyEnv?: string;
  readonly sim?: boolean;
  readonly journal?: string;
  /** `--allow-insecure-http`: a plain http: base URL off loopback is accepted. */
  readonly allowInsecureHttp?: boolean;
  /** DashScope's region and workspace (`--region`, `--workspace-id`). */
  readonly region?: string;
  readonly workspaceId?: string;
}

/** Adapter settings beyond the base URL: DashScope's region and workspace. */
export interface ProviderSettings {
  readonly region?: (typeof dashscopeRegions)[number];
  readonly workspaceId?: string;
}

/** Where requests go. The key is carried but never printed: `apiKeySource` describes where it came from. */
export type Target =
  | {
      readonly mode: 'embedded';
      readonly provider: ProviderId;
      readonly reason: 'no provider configured' | '--sim';
      readonly settings?: ProviderSettings;
    }
  | {
      readonly mode: 'remote';
      readonly provider: ProviderId;
      /** Undefined: the adapter's documented default. */
      readonly baseUrl: string | undefined;
      readonly apiKey: string | undefined;
      readonly apiKeySource: string;
      readonly providerSource: string;
      readonly settings?: ProviderSettings;
      /** Several providers to fall back across (the first is also `provider`, `baseUrl` and `apiKey`). */
      readonly routes?: readonly RouteTarget[];
      readonly allowInsecureHttp?: boolean;
    };

export interface ResolvedConfig {
  readonly target: Target;
  /** Journal path; `undefined` when the caller decides (batch uses one next to its input). */
  readonly journal: string | undefined;
  /** Notes for stderr (never containing a key). */
  readonly notes: readonly string[];
}

/** Placeholder key for a local server: the simulator accepts any non-empty key. */
export const localPlaceholderKey = 'wankit-local-placeholder';

export const isLoopbackUrl = (url: string): boolean => {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
};

/**
 * A provider's own settings: its `providers.<id>` section, else its entry in the `router` list (so status, wait
 * and download of a task a router sent there find that provider's base URL and key).
 */
const sectionOf = (file: ConfigFile, provider: ProviderId) =>
  file.providers?.[provider] ?? file.router?.find((entry) => entry.provider === provider);

function pickProvider(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  file: ConfigFile,
): { id: ProviderId; source: string } | undefined {
  const candidates: [string | undefined, string][] = [
    [flags.provider, '--provider'],
    [env.WANKIT_PROVIDER || undefined, 'WANKIT_PROVIDER'],
    [file.provider, 'the config file'],
  ];
  for (const [value, source] of candidates) {
    if (value === undefined) continue;
    if (!isProviderId(value)) {
      throw new WankitError({
        kind: 'invalid_request',
        message: `${source}: unknown provider "${value}"; choose one of ${providerIds.join(', ')}`,
        field: 'provider',
        value,
        allowed: providerIds,
      });
    }
    return { id: value, source };
  }
  return undefined;
}

function pickApiKey(
  provider: ProviderId,
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  file: ConfigFile,
): { key: string | undefined; source: string } {
  if (flags.apiKeyEnv !== undefined) {
    const key = env[flags.apiKeyEnv];
    if (!key) {
      throw new WankitError({
        kind: 'invalid_request',
        message: `--api-key-env ${flags.apiKeyEnv}: that environment variable is not set or empty`,
        field: 'api-key-env',
        value: flags.apiKeyEnv,
        allowed: ['the name of a set, non-empty environment variable'],
      });
    }
    return { key, source: `$${flags.apiKeyEnv}` };
  }
  if (env.WANKIT_API_KEY) return { key: env.WANKIT_API_KEY, source: '$WANKIT_API_KEY' };
  const own = sectionOf(file, provider);
  const sections: [typeof own, string][] = [
    [
      own,
      `${file.providers?.[provider] ? `providers.${provider}` : `the router entry for ${provider}`} in the config file`,
    ],
    // Top-level settings apply to the config's own provider (or to any, when it names none).
    [file.provider === undefined || file.provider === provider ? file : undefined, 'the config file'],
  ];
  for (const [section, where] of sections) {
    if (!section) continue;
    if (section.apiKeyEnv) {
      const key = env[section.apiKeyEnv];
      if (key) return { key, source: `$${section.apiKeyEnv} (named by ${where})` };
    }
    if (section.apiKey) return { key: section.apiKey, source: where };
  }
  return { key: undefined, source: 'none' };
}

function pickBaseUrl(
  provider: ProviderId,
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  file: ConfigFile,
): string | undefined {
  const own = sectionOf(file, provider)?.baseUrl;
  const top = file.provider === undefined || file.provider === provider ? file.baseUrl : undefined;
  return flags.baseUrl ?? (env.WANKIT_BASE_URL || undefined) ?? own ?? top;
}

/**
 * DashScope's region and workspace: flags, then `providers.dashscope` in the config file, then its top level
 * (when it names dashscope or no provider). Given for another provider, or an unknown region: a usage error.
 */
function pickProviderSettings(
  provider: ProviderId,
  flags: ConnectionFlags,
  file: ConfigFile,
): ProviderSettings | undefined {
  if (provider !== 'dashscope') {
    const given =
      flags.region !== undefined ? '--region' : flags.workspaceId !== undefined ? '--workspace-id' : '';
    if (given) {
      throw new WankitError({
        kind: 'invalid_request',
        message: `${given} is a DashScope setting; the ${provider} provider has none (use --provider dashscope)`,
        field: given.slice(2),
        value: flags.region ?? flags.workspaceId,
        allowed: ['--provider dashscope'],
      });
    }
    return undefined;
  }
  const own = file.providers?.dashscope;
  const top = file.provider === undefined || file.provider === 'dashscope' ? file : undefined;
  const region = flags.region ?? own?.region ?? top?.region;
  const workspaceId = flags.workspaceId ?? own?.workspaceId ?? top?.workspaceId;
  if (region !== undefined && !(dashscopeRegions as readonly string[]).includes(region)) {
    throw new WankitError({
      kind: 'invalid_request',
      message: `unknown DashScope region "${region}"; choose one of ${dashscopeRegions.join(', ')}`,
      field: 'region',
      value: region,
      allowed: dashscopeRegions,
    });
  }
  if (region === undefined && workspaceId === undefined) return undefined;
  return {
    ...(region !== undefined ? { region: region as ProviderSettings['region'] & string } : {}),
    ...(workspaceId !== undefined ? { workspaceId } : {}),
  };
}

const withSettings = (settings: ProviderSettings | undefined) => (settings ? { settings } : {});

/** A base URL with `user:password@` would be printed and journaled: refused before anything else (exit 2). */
function refuseCredentials(baseUrl: string | undefined): void {
  if (baseUrl === undefined) return;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return; // core names an unparsable URL when it builds the client
  }
  if (url.username === '' && url.password === '') return;
  url.username = '';
  url.password = '';
  const shown = url.href.replace('://', '://[redacted]@');
  throw new WankitError({
    kind: 'invalid_request',
    message: `base URL ${shown} carries credentials (user:password@): remove them and give the key through WANKIT_API_KEY, --api-key-env or the config file`,
    field: 'baseUrl',
    value: shown,
    allowed: ['a URL without user:password@'],
  });
}

/**
 * Resolves provider, base URL, key and journal from flags, then the environment, then the config
 * file. With no provider and no base URL anywhere (or with `--sim`) the embedded simulator is used.
 */
export function resolveConfig(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  file: ConfigFile,
): ResolvedConfig {
  const notes: string[] = [];
  const journal = flags.journal ?? file.journal;
  const routed = resolveRoutes({
    flags,
    env,
    file,
    isLoopback: isLoopbackUrl,
    placeholderKey: localPlaceholderKey,
  });
  if (routed && !flags.sim) {
    for (const route of routed.routes) refuseCredentials(route.baseUrl);
    const [first] = routed.routes as [RouteTarget, ...RouteTarget[]];
    return {
      target: {
        mode: 'remote',
        provider: first.provider,
        baseUrl: first.baseUrl,
        apiKey: first.apiKey,
        apiKeySource: first.apiKeySource,
        providerSource: routed.source,
        routes: routed.routes,
      },
      journal,
      notes: [...notes, ...routed.notes],
    };
  }
  const chosen = routed
    ? { id: (routed.routes[0] as RouteTarget).provider, source: routed.source }
    : pickProvider(flags, env, file);
  if (flags.sim) {
    const provider = chosen?.id ?? defaultEmbeddedProvider;
    return {
      target: {
        mode: 'embedded',
        provider,
        reason: '--sim',
        ...withSettings(pickProviderSettings(provider, flags, file)),
      },
      journal,
      notes,
    };
  }
  const baseUrlAnywhere = flags.baseUrl ?? (env.WANKIT_BASE_URL || undefined) ?? file.baseUrl;
  refuseCredentials(baseUrlAnywhere);
  if (!chosen && !baseUrlAnywhere) {
    return {
      target: { mode: 'embedded', provider: defaultEmbeddedProvider, reason: 'no provider configured' },
      journal,
      notes,
    };
  }
  const provider = chosen ?? { id: defaultEmbeddedProvider, source: 'default (a base URL was given)' };
  if (!chosen)
    notes.push(`no provider configured; speaking the ${provider.id} wire format to the given base URL`);
  const baseUrl = pickBaseUrl(provider.id, flags, env, file);
  refuseCredentials(baseUrl);
  let { key, source } = pickApiKey(provider.id, flags, env, file);
  if (key === undefined && baseUrl !== undefined && isLoopbackUrl(baseUrl)) {
    key = localPlaceholderKey;
    source = 'placeholder (local server)';
    notes.push(`no API key configured; using a placeholder key for the local server at ${baseUrl}`);
  }
  return {
    target: {
      mode: 'remote',
      provider: provider.id,
      baseUrl,
      apiKey: key,
      apiKeySource: source,
      providerSource: provider.source,
      ...withSettings(pickProviderSettings(provider.id, flags, file)),
      ...(flags.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
    },
    journal,
    notes,
  };
}

/** The journal path for single-task commands: flag, config, or the per-user state directory. */
export const journalPathFor = (config: ResolvedConfig, env: NodeJS.ProcessEnv = process.env): string =>
  config.journal ?? defaultJournalFile(env);
