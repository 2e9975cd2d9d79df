import { join } from 'node:path';
import envPaths from 'env-paths';

export interface WankitPaths {
  /** Where the config file lives: `$XDG_CONFIG_HOME/wankit` on Linux. */
  readonly configDir: string;
  /** Where the journal lives: `$XDG_STATE_HOME/wankit` on Linux. */
  readonly stateDir: string;
}

/** Per-user directories, following XDG on Linux (and honouring the XDG variables everywhere). */
export function wankitPaths(env: NodeJS.ProcessEnv = process.env): WankitPaths {
  const paths = envPaths('wankit', { suffix: '' });
  const configDir = env.XDG_CONFIG_HOME ? join(env.XDG_CONFIG_HOME, 'wankit') : paths.config;
  // env-paths has no "state" entry; on Linux its `log` dir is $XDG_STATE_HOME/<name>, which is the
  // XDG home for state such as a journal. Elsewhere fall back to the data dir.
  const stateDir = env.XDG_STATE_HOME
    ? join(env.XDG_STATE_HOME, 'wankit')
    : process.platform === 'linux'
      ? paths.log
      : paths.data;
  return { configDir, stateDir };
}

export const defaultConfigFile = (env: NodeJS.ProcessEnv = process.env): string =>
  join(wankitPaths(env).configDir, 'config.json');

export const defaultJournalFile = (env: NodeJS.ProcessEnv = process.env): string =>
  join(wankitPaths(env).stateDir, 'journal.jsonl');
