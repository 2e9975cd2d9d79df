import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { CliStartupResult } from '../benchmarks/cli-startup.js';
import type { DownloadResult } from '../benchmarks/download.js';
import type { FleetResult } from '../benchmarks/fleet.js';
import type { OverheadResult } from '../benchmarks/overhead.js';
import type { PollingResult } from '../benchmarks/polling.js';
import type { ScaleResult } from '../benchmarks/scale.js';
import type { StatusResult } from '../benchmarks/status.js';
import type { MachineInfo } from './machine.js';

/** Every section carries when it was measured and how long it took (context only). */
export type Timed<T> = T & { readonly measured_at: string; readonly duration_s: number };

export interface Results {
  readonly command: string;
  readonly date: string;
  readonly machine: MachineInfo;
  status?: Timed<StatusResult>;
  lifecycle?: Timed<OverheadResult>;
  polling?: Timed<PollingResult>;
  scale_1000?: Timed<ScaleResult>;
  download?: Timed<DownloadResult>;
  cli_startup?: Timed<CliStartupResult>;
  fleet?: Timed<FleetResult>;
  /** Every target with its figure and verdict (the table's rows that have a target). */
  targets?: readonly {
    benchmark: string;
    metric: string;
    value: unknown;
    target: string;
    met: boolean | null;
  }[];
  /** Benchmarks that could not run this time, with the reason. */
  errors?: Record<string, string>;
}

/**
 * Reads the previous results so that a filtered run (`--only polling`) replaces only what it measured.
 * A previous section from another machine is dropped rather than mixed with this one's figures.
 */
export function loadPrevious(path: string, machine: MachineInfo): Partial<Results> {
  if (!existsSync(path)) return {};
  try {
    const previous = JSON.parse(readFileSync(path, 'utf8')) as Partial<Results>;
    const same =
      previous.machine?.cpuModel === machine.cpuModel &&
      previous.machine?.nproc === machine.nproc &&
      previous.machine?.node === machine.node;
    return same ? previous : {};
  } catch {
    return {};
  }
}

export function writeResults(path: string, results: Results): void {
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
