import type { Command } from 'commander';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { createIo, type Io } from './output/io.js';
import { createInterrupt, type Interrupt } from './runtime/interrupt.js';

/** What every command module gets. */
export interface CommandContext {
  readonly name: string;
  readonly args: readonly string[];
  readonly options: Record<string, unknown>;
  readonly io: Io;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly interrupt: Interrupt;
}

export interface CommandModule {
  run(context: CommandContext): Promise<ExitCodeValue>;
}

export type ActionRunner = (
  name: string,
  load: () => Promise<CommandModule>,
) => (...actionArgs: unknown[]) => Promise<void>;

/**
 * Wraps a lazily imported command: builds the IO for its `--json` flag, runs it, and turns any error
 * into a message (or a JSON error document) and an exit code from the table.
 */
export const runAction: ActionRunner =
  (name, load) =>
  async (...actionArgs) => {
    const command = actionArgs.at(-1) as Command;
    const options = command.opts();
    const args = actionArgs.slice(0, -2).filter((a): a is string => typeof a === 'string');
    const io = createIo({ json: options.json === true });
    const interrupt = createInterrupt(io);
    try {
      const { run } = await load();
      process.exitCode = await run({
        name,
        args,
        options,
        io,
        env: process.env,
        cwd: process.cwd(),
        interrupt,
      });
    } catch (error) {
      // Loaded on failure only: it pulls in core, which `--help` does not need.
      const { reportError } = await import('./output/report-error.js');
      process.exitCode = reportError(io, error);
    } finally {
      interrupt.dispose();
    }
    if (process.exitCode === ExitCode.interrupted) {
      // Work in flight was abandoned on purpose; do not wait for sockets to drain.
      process.exit(ExitCode.interrupted);
    }
  };
