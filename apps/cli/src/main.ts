// Everything `wankit` does beyond the two snapshot answers of fast-path.ts; bin.ts loads it lazily.
import { CommanderError } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { ExitCode } from './exit-codes.js';
import { buildProgram } from './program.js';
import { runAction } from './run-action.js';

// `wankit models | head` closes stdout early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const program = buildProgram(runAction, packageJson.version);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  // Help and version exit 0; every other commander error is a usage error (nothing was sent).
  process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
}
