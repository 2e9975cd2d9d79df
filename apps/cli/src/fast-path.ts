import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the build captured from the real commands (tsup `onSuccess`), next to the bundle. */
export interface CliSnapshots {
  /** `wankit --help` as commander renders it when stdout is not a terminal (80 columns). */
  readonly help: string;
  /** `wankit models --json`: static catalog data. */
  readonly modelsJson: string;
}

export const snapshotsFile = 'cli-snapshots.json';

function loadSnapshots(dir: string): CliSnapshots | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, snapshotsFile), 'utf8')) as CliSnapshots;
  } catch {
    return undefined; // run from source, or the build has not captured them yet
  }
}

/**
 * Answers `wankit --help` (when stdout is not a terminal, whose width would change the wrapping) and
 * `wankit models --json` from text the build captured from the same commands, so these two, the ones
 * scripts run most, start without loading commander and the program (the CLI start-up benchmark
 * holds them to ≤ 1.5× `node -e 0`). Returns false for anything else.
 */
export function answerFromSnapshot(
  args: readonly string[],
  stdout: NodeJS.WriteStream,
  /** The folder holding the snapshot file (the bundle's). */
  dir: string,
): boolean {
  const help = args.length === 1 && (args[0] === '--help' || args[0] === '-h') && !stdout.isTTY;
  const models = args.length === 2 && args[0] === 'models' && args[1] === '--json';
  if (!help && !models) return false;
  const snapshots = loadSnapshots(dir);
  if (!snapshots) return false;
  stdout.write(help ? snapshots.help : snapshots.modelsJson);
  return true;
}
