import { readFile } from 'node:fs/promises';
import { WankitError } from '@wankit/core';
import { parseBoundedJson } from '../runtime/bounded-json.js';
import { isProviderId, type ProviderId, providerIds } from './provider-ids.js';

/** Settings for one provider in the config file. */
export interface ProviderConfig {
  readonly baseUrl?: string;
  /** Name of the environment variable holding the key (preferred over `apiKey`). */
  readonly apiKeyEnv?: string;
  /** The key itself; allowed, but an environment variable keeps it out of the file. */
  readonly apiKey?: string;
  /** DashScope only: `singapore`, `beijing` or `virginia` (the adapter checks the value). */
  readonly region?: string;
  /** DashScope only: the workspace id, sent as `X-DashScope-WorkSpace`. */
  readonly workspaceId?: string;
}

/** One provider of the `router` list: tried in order, each with its own base URL and key. */
export interface RouteEntry extends ProviderConfig {
  readonly provider: ProviderId;
  /** Send only these models to this provider (default: every model it serves). */
  readonly models?: readonly string[];
}

/** `$XDG_CONFIG_HOME/wankit/config.json` (or `--config`, `WANKIT_CONFIG`). Every field optional. */
export interface ConfigFile extends ProviderConfig {
  readonly provider?: ProviderId;
  readonly journal?: string;
  readonly providers?: Readonly<Partial<Record<ProviderId, ProviderConfig>>>;
  /** Providers to fall back across, in order (used when neither --provider nor WANKIT_PROVIDER is set). */
  readonly router?: readonly RouteEntry[];
}

const providerKeys = ['baseUrl', 'apiKeyEnv', 'apiKey', 'region', 'workspaceId'] as const;
const routeKeys = ['provider', 'models', ...providerKeys] as const;
const topKeys = ['provider', 'journal', 'providers', 'router', ...providerKeys] as const;

function invalid(path: string, field: string, value: unknown, message: string, allowed?: readonly unknown[]) {
  return new WankitError({
    kind: 'invalid_request',
    message: `config file ${path}: ${field} ${message}`,
    field: `config.${field}`,
    // Never echo a key back, even a malformed one.
    value: field.endsWith('apiKey') ? '[redacted]' : value,
    ...(allowed ? { allowed } : {}),
  });
}

function checkStrings(path: string, prefix: string, object: Record<string, unknown>): void {
  for (const key of providerKeys) {
    const value = object[key];
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw invalid(path, `${prefix}${key}`, value, 'must be a non-empty string');
    }
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates parsed config JSON, naming the field, the value and the allowed values on error. */
export function parseConfigFile(json: unknown, path: string): ConfigFile {
  if (!isObject(json)) throw invalid(path, '(root)', json, 'must be a JSON object');
  for (const key of Object.keys(json)) {
    if (!(topKeys as readonly string[]).includes(key))
      throw invalid(path, key, json[key], 'is unknown', topKeys);
  }
  if (json.provider !== undefined && !isProviderId(json.provider)) {
    throw invalid(path, 'provider', json.provider, `must be one of ${providerIds.join(', ')}`, providerIds);
  }
  if (json.journal !== undefined && (typeof json.journal !== 'string' || json.journal === '')) {
    throw invalid(path, 'journal', json.journal, 'must be a file path');
  }
  checkStrings(path, '', json);
  if (json.providers !== undefined) {
    if (!isObject(json.providers)) throw invalid(path, 'providers', json.providers, 'must be an object');
    for (const [id, settings] of Object.entries(json.providers)) {
      if (!isProviderId(id)) throw invalid(path, `providers.${id}`, id, 'is not a provider', providerIds);
      if (!isObject(settings)) throw invalid(path, `providers.${id}`, settings, 'must be an object');
      for (const key of Object.keys(settings)) {
        if (!(providerKeys as readonly string[]).includes(key)) {
          throw invalid(path, `providers.${id}.${key}`, settings[key], 'is unknown', providerKeys);
        }
      }
      checkStrings(path, `providers.${id}.`, settings);
    }
  }
  if (json.router !== undefined) checkRouter(path, json.router);
  return json as ConfigFile;
}

function checkRouter(path: string, router: unknown): void {
  if (!Array.isArray(router) || router.length === 0) {
    throw invalid(
      path,
      'router',
      router,
      'must be a non-empty list of { "provider", "baseUrl"?, "apiKeyEnv"? }',
    );
  }
  router.forEach((entry: unknown, index) => {
    const at = `router[${index}]`;
    if (!isObject(entry)) throw invalid(path, at, entry, 'must be an object');
    for (const key of Object.keys(entry)) {
      if (!(routeKeys as readonly string[]).includes(key)) {
        throw invalid(path, `${at}.${key}`, entry[key], 'is unknown', routeKeys);
      }
    }
    if (!isProviderId(entry.provider)) {
      throw invalid(
        path,
        `${at}.provider`,
        entry.provider,
        `must be one of ${providerIds.join(', ')}`,
        providerIds,
      );
    }
    checkStrings(path, `${at}.`, entry);
    const { models } = entry;
    if (
      models !== undefined &&
      (!Array.isArray(models) || !models.every((m) => typeof m === 'string' && m !== ''))
    ) {
      throw invalid(path, `${at}.models`, models, 'must be a list of model ids');
    }
  });
}

/**
 * Reads the config file. A missing file at the default location is an empty config; a missing file
 * the user named explicitly is an error.
 */
export async function loadConfigFile(path: string, explicit: boolean): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !explicit) return {};
    throw new WankitError({
      kind: 'invalid_request',
      message: `cannot read config file ${path}: ${(error as Error).message}`,
      field: 'config',
      value: path,
    });
  }
  const parsed = parseBoundedJson(text);
  if (!parsed.ok) throw invalid(path, '(root)', '(unparsable)', `is ${parsed.reason}`, ['a JSON object']);
  const json = parsed.value;
  return parseConfigFile(json, path);
}
