import { fileURLToPath } from 'node:url';
import { type BenchArgs, type BenchmarkName, benchmarkNames, parseArgs } from './args.js';
import { runCliStartup } from './benchmarks/cli-startup.js';
import { DOWNLOAD_ROLE, runDownload, serveDownload } from './benchmarks/download.js';
import { runFleet } from './benchmarks/fleet.js';
import { OVERHEAD_ROLE, runOverhead, serveOverhead } from './benchmarks/overhead.js';
import { runPolling } from './benchmarks/polling.js';
import { runScale, SCALE_RAW_ROLE, SCALE_ROLE, serveScale, serveScaleRaw } from './benchmarks/scale.js';
import { runStatus, STATUS_ROLE, serveStatus } from './benchmarks/status.js';
import { machineInfo } from './report/machine.js';
import { loadPrevious, type Results, writeResults } from './report/results.js';
import { resultRows } from './report/rows.js';
import { formatTable } from './report/table.js';
import { SIM_SERVICE_ROLE, serveSimService } from './sim/sim-service.js';

/** Child processes: the same entry, told which part to play. */
const roles: Record<string, () => void> = {
  [SIM_SERVICE_ROLE]: serveSimService,
  [OVERHEAD_ROLE]: serveOverhead,
  [STATUS_ROLE]: serveStatus,
  [SCALE_ROLE]: serveScale,
  [SCALE_RAW_ROLE]: serveScaleRaw,
  [DOWNLOAD_ROLE]: serveDownload,
};

const runners: Record<BenchmarkName, () => Promise<unknown> | unknown> = {
  status: runStatus,
  lifecycle: runOverhead,
  polling: runPolling,
  scale_1000: runScale,
  download: runDownload,
  cli_startup: runCliStartup,
  fleet: runFleet,
};

async function main(args: BenchArgs): Promise<number> {
  const out = args.out ?? fileURLToPath(new URL('../results.json', import.meta.url));
  const machine = machineInfo();
  const loaded = loadPrevious(out, machine);
  // Only sections this version still measures are carried over from an earlier run.
  const previous: Partial<Results> = Object.fromEntries(
    Object.entries(loaded).filter(([key]) => (benchmarkNames as readonly string[]).includes(key)),
  );
  previous.errors = Object.fromEntries(
    Object.entries(loaded.errors ?? {}).filter(([key]) =>
      (benchmarkNames as readonly string[]).includes(key),
    ),
  );
  const results: Results = {
    ...previous,
    command:
      args.only.length === benchmarkNames.length
        ? 'pnpm bench'
        : `pnpm bench -- --only ${args.only.join(',')}`,
    date: new Date().toISOString(),
    machine,
    errors: { ...previous.errors },
  };
  for (const name of args.only) {
    process.stderr.write(`bench: ${name}…\n`);
    const started = performance.now();
    try {
      const value = (await runners[name]()) as object;
      const duration_s = Math.round((performance.now() - started) / 100) / 10;
      Object.assign(results, { [name]: { ...value, measured_at: new Date().toISOString(), duration_s } });
      delete results.errors![name];
      process.stderr.write(`bench: ${name} done in ${duration_s} s\n`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.errors![name] = message;
      process.stderr.write(`bench: ${name} FAILED: ${error instanceof Error ? error.stack : message}\n`);
    }
  }
  if (Object.keys(results.errors!).length === 0) delete results.errors;
  const rows = resultRows(results);
  results.targets = rows.flatMap((row) =>
    row.target === undefined || row.met === undefined
      ? []
      : [
          {
            benchmark: row.benchmark,
            metric: row.metric,
            value: row.value,
            target: row.target,
            met: row.met,
          },
        ],
  );
  writeResults(out, results);
  console.log(formatTable(rows));
  console.log(
    `\n${machine.nproc} × ${machine.cpuModel}, ${machine.totalMemMb} MB, node ${machine.node}; written to ${out}`,
  );
  return results.errors ? 1 : 0;
}

const args = parseArgs(process.argv.slice(2));
if (args.role) {
  const serve = roles[args.role];
  if (!serve) throw new Error(`unknown role ${args.role}`);
  serve();
} else {
  main(args).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
