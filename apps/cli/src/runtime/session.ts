import { resolve } from 'node:path';
import { loadConfigFile } from '../config/config-file.js';
import { defaultConfigFile } from '../config/paths.js';
import { type ConnectionFlags, type ResolvedConfig, resolveConfig } from '../config/resolve-config.js';
import type { CommandContext } from '../run-action.js';

/** The connection flags of a command, as commander parsed them. */
export function connectionFlags(options: Record<string, unknown>): ConnectionFlags & { config?: string } {
  const pick = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined);
  return {
    ...(pick('provider') ? { provider: pick('provider') } : {}),
    ...(pick('baseUrl') ? { baseUrl: pick('baseUrl') } : {}),
    ...(pick('apiKeyEnv') ? { apiKeyEnv: pick('apiKeyEnv') } : {}),
    ...(pick('journal') ? { journal: pick('journal') } : {}),
    ...(pick('config') ? { config: pick('config') } : {}),
    ...(pick('region') ? { region: pick('region') } : {}),
    ...(pick('workspaceId') ? { workspaceId: pick('workspaceId') } : {}),
    ...(options.sim === true ? { sim: true } : {}),
    ...(options.allowInsecureHttp === true ? { allowInsecureHttp: true } : {}),
  };
}

/** Reads the config file and resolves flags + environment + file into a target; prints the notes. */
export async function loadSettings(
  context: CommandContext,
  overrides: Partial<ConnectionFlags> = {},
): Promise<ResolvedConfig> {
  const flags = { ...connectionFlags(context.options), ...overrides };
  const path = resolve(
    context.cwd,
    flags.config ?? context.env.WANKIT_CONFIG ?? defaultConfigFile(context.env),
  );
  const explicit = flags.config !== undefined || context.env.WANKIT_CONFIG !== undefined;
  const file = await loadConfigFile(path, explicit);
  const resolved = resolveConfig(flags, context.env, file);
  for (const note of resolved.notes) context.io.note(note);
  return resolved;
}

/**
 * How fast the server runs tasks relative to the documented durations, when the user says so: `--time-scale`,
 * then `$WANKIT_TIME_SCALE`. Undefined otherwise: a simulator names its own scale in its responses, and a
 * real provider runs at 1.
 */
export function timeScaleOf(context: CommandContext): number | undefined {
  if (typeof context.options.timeScale === 'number') return context.options.timeScale;
  const fromEnv = Number(context.env.WANKIT_TIME_SCALE);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : undefined;
}
