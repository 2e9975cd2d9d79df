import { ExitCode } from '../exit-codes.js';
import type { Io } from '../output/io.js';
import { errorLine } from '../output/report-error.js';
import type { BatchLineError } from './batch-lines.js';

/** Reports a batch file's invalid lines (text and `--json`) and gives the usage exit code: nothing was sent. */
export function reportInvalidLines(
  io: Io,
  errors: readonly BatchLineError[],
  file: string,
  nothingWas: 'sent' | 'queued',
): typeof ExitCode.usage {
  for (const { error } of errors) io.err(`${io.colors.red('error:')} ${errorLine(error)}`);
  io.err(`${errors.length} invalid line(s) in ${file}; nothing was ${nothingWas}`);
  if (io.json) {
    io.printJson({
      ok: false,
      exitCode: ExitCode.usage,
      errors: errors.map(({ line, error }) => ({ line, ...error.toJSON() })),
    });
  }
  return ExitCode.usage;
}
