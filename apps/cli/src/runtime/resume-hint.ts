import type { TaskRef } from '@wankit/core';
import type { Connection } from './connect.js';

const quote = (value: string): string =>
  /^[\w./:=@-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;

/** The connection as a hint needs it: where the task lives and how fast its server runs. */
export type HintConnection = Pick<Connection, 'embedded' | 'provider' | 'baseUrl' | 'timeScale' | 'adapter'>;

/**
 * The flags that reach the same server the same way, spelled out whatever they came from (flag, environment,
 * config file), so that a hint works when pasted into another shell: provider, base URL, the variable holding
 * the key (never the key), the config file, the time scale, the store, the journal.
 */
export function connectionArgs(
  connection: HintConnection,
  options: Record<string, unknown>,
  journalPath: string | undefined,
): string[] {
  const args = ['--provider', connection.provider];
  if (connection.baseUrl) args.push('--base-url', connection.baseUrl);
  const text = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined);
  const apiKeyEnv = text('apiKeyEnv');
  if (apiKeyEnv) args.push('--api-key-env', apiKeyEnv);
  const config = text('config');
  if (config) args.push('--config', config);
  if (options.allowInsecureHttp === true) args.push('--allow-insecure-http');
  if (connection.timeScale !== 1) args.push('--time-scale', String(connection.timeScale));
  const store = text('store');
  if (store) args.push('--store', store);
  const storeSchema = text('storeSchema');
  if (storeSchema) args.push('--store-schema', storeSchema);
  if (journalPath) args.push('--journal', journalPath);
  return args;
}

const command = (words: readonly string[]): string => words.map(quote).join(' ');

/** How to pick a task up again after Ctrl-C or a timeout: the full command. */
export function resumeHint(
  connection: HintConnection,
  ref: TaskRef,
  journalPath: string | undefined,
  options: Record<string, unknown> = {},
): string {
  if (connection.embedded) {
    return `task ${ref.taskId} ran in the embedded simulator, which stops with this process: there is nothing to resume. Use \`wankit sim\` and --base-url for resumable local runs.`;
  }
  const flags = connectionArgs(connection, options, journalPath);
  const wait = command(['wankit', 'wait', ref.taskId, ...flags]);
  return journalPath
    ? `task ${ref.taskId} keeps running; resume with: ${wait}   (or: ${command(['wankit', 'resume', ...flags])})`
    : `task ${ref.taskId} keeps running; resume with: ${wait}`;
}

/** How to fetch the results of a finished task later (after a full disk or a read-only --out): the full command. */
export function downloadHint(
  connection: HintConnection,
  options: Record<string, unknown>,
  taskId: string,
  journalPath: string | undefined,
  outDir: string,
): string {
  return command([
    'wankit',
    'download',
    taskId,
    ...connectionArgs(connection, options, journalPath),
    '--out',
    outDir,
  ]);
}

/** The command line of this run, to run it again (`wankit` plus its arguments, quoted for a POSIX shell). */
export function rerunCommand(argv: readonly string[]): string {
  return command(['wankit', ...argv]);
}

/**
 * This run's command line with the connection spelled out where it came from the environment or a config
 * file (provider, base URL, a learned time scale): "re-run the same command" then works in another shell too.
 */
export function rerunWithConnection(
  argv: readonly string[],
  connection: HintConnection | undefined,
  options: Record<string, unknown>,
): string {
  if (!connection || connection.embedded) return rerunCommand(argv);
  const given = new Set(argv.filter((word) => word.startsWith('--')).map((word) => word.split('=')[0]));
  const extra: string[] = [];
  const flags = connectionArgs(connection, options, undefined);
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i]!;
    const value = flags[i + 1];
    const takesValue = value !== undefined && !value.startsWith('--');
    if (!given.has(flag)) extra.push(flag, ...(takesValue ? [value] : []));
    if (takesValue) i += 1;
  }
  return rerunCommand([...argv, ...extra]);
}
