import { availableParallelism, cpus, totalmem } from 'node:os';

export interface MachineInfo {
  readonly nproc: number;
  readonly cpuModel: string;
  readonly totalMemMb: number;
  readonly node: string;
  readonly platform: string;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    nproc: availableParallelism(),
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    totalMemMb: Math.round(totalmem() / (1024 * 1024)),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}
