import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, ratio, round, type Spread, spread } from '../stats/summary.js';

export interface CliStartupResult {
  readonly help_ratio_vs_node: number | null;
  readonly models_ratio_vs_node: number | null;
  /** Per-run ratios (each run against the `node -e 0` run next to it): median and range. */
  readonly help_spread: Spread;
  readonly models_spread: Spread;
  readonly runs: number;
  readonly median_ms: { readonly node_e_0: number; readonly help: number; readonly models_json: number };
  readonly bin: string;
}

const RUNS = 20;

export function cliBin(): string {
  const require = createRequire(import.meta.url);
  const bin = join(dirname(require.resolve('@wankit/cli/package.json')), 'dist', 'bin.cjs');
  if (!existsSync(bin))
    throw new Error(`${bin} is missing: build the CLI first (turbo's bench task depends on ^build)`);
  return bin;
}

/** Wall time of one process from spawn to exit, in ms. Fails loudly if the command fails. */
function timeProcess(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(
      `node ${args.join(' ')} exited with ${result.status}: ${result.stderr.toString().slice(0, 500)}`,
    );
  }
  return elapsed;
}

/**
 * `wankit --help` and `wankit models --json` against `node -e 0`, interleaved run by run so that
 * noise from the shared machine hits all three alike; medians of 20 after one warm-up each.
 */
export function runCliStartup(): CliStartupResult {
  const bin = cliBin();
  const home = mkdtempSync(join(tmpdir(), 'wankit-bench-cli-'));
  // A fresh, empty user environment: no config file, no provider, no colour.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_STATE_HOME: join(home, 'state'),
    XDG_CACHE_HOME: join(home, 'cache'),
    NO_COLOR: '1',
  };
  const commands = {
    node_e_0: ['-e', '0'],
    help: [bin, '--help'],
    models_json: [bin, 'models', '--json'],
  } as const;
  const times: Record<keyof typeof commands, number[]> = { node_e_0: [], help: [], models_json: [] };
  try {
    for (const args of Object.values(commands)) timeProcess(args, env, home);
    for (let run = 0; run < RUNS; run++) {
      for (const [name, args] of Object.entries(commands) as [keyof typeof commands, readonly string[]][]) {
        times[name].push(timeProcess(args, env, home));
      }
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  const medians = {
    node_e_0: median(times.node_e_0),
    help: median(times.help),
    models_json: median(times.models_json),
  };
  return {
    help_ratio_vs_node: round(ratio(medians.help, medians.node_e_0), 2),
    models_ratio_vs_node: round(ratio(medians.models_json, medians.node_e_0), 2),
    help_spread: spread(
      times.help.map((t, i) => ratio(t, times.node_e_0[i]!) ?? Number.NaN),
      2,
    ),
    models_spread: spread(
      times.models_json.map((t, i) => ratio(t, times.node_e_0[i]!) ?? Number.NaN),
      2,
    ),
    runs: RUNS,
    median_ms: {
      node_e_0: round(medians.node_e_0, 1)!,
      help: round(medians.help, 1)!,
      models_json: round(medians.models_json, 1)!,
    },
    bin: 'apps/cli/dist/bin.cjs',
  };
}
