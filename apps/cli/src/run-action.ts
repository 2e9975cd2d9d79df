import type { Command } from 'commander';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { createIo, type Io } from './output/io.js';
import { createInterrupt, type Interrupt } from './runtime/interrupt.js';
import type { JournalFileSystem } from './runtime/journal.js';

/** What every command module gets. */
export interface CommandContext {
  readonly name: string;
  readonly args: readonly string[];
  readonly options: Record<string, unknown>;
  readonly io: Io;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly interrupt: Interrupt;
  /** The command line after `wankit`, for "re-run the same command" hints. */
  readonly argv: readonly string[];
  /** The file system under the journal; tests put a failing one here (a full or read-only disk). */
  readonly journalFileSystem?: JournalFileSystem;
}

export interface CommandModule {
  run(context: CommandContext): Promise<ExitCodeValue>;
}

export type ActionRunner = (
  name: string,
  load: () => Promise<CommandModule>,
) => (...actionArgs: unknown[]) => Promise<void>;

/** Where a command runs: the process for `wankit`, captured streams for in-process tests. */
export interface RunEnvironment {
  readonly io: Io;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly interrupt: Interrupt;
  readonly argv: readonly string[];
  readonly journalFileSystem?: JournalFileSystem;
}

/** Splits commander's action arguments into positional arguments and the command's options. */
export function actionParts(actionArgs: readonly unknown[]): {
  args: string[];
  options: Record<string, unknown>;
} {
  const command = actionArgs.at(-1) as Command;
  return {
    options: command.opts(),
    args: actionArgs.slice(0, -2).filter((a): a is string => typeof a === 'string'),
  };
}

/**
 * Runs a lazily imported command and turns any error into a message (or a JSON error document) and an
 * exit code from the table.
 */
export async function runCommand(
  name: string,
  load: () => Promise<CommandModule>,
  actionArgs: readonly unknown[],
  environment: RunEnvironment,
): Promise<ExitCodeValue> {
  const { args, options } = actionParts(actionArgs);
  const { io } = environment;
  try {
    const { run } = await load();
    return await run({
      name,
      args,
      options,
      io,
      env: environment.env,
      cwd: environment.cwd,
      interrupt: environment.interrupt,
      argv: environment.argv,
      ...(environment.journalFileSystem ? { journalFileSystem: environment.journalFileSystem } : {}),
    });
  } catch (error) {
    // Loaded on failure only: it pulls in core, which `--help` does not need.
    const { reportError } = await import('./output/report-error.js');
    return reportError(io, error, environment.interrupt);
  }
}

/** The `wankit` process's runner: real streams, Ctrl-C handling, the process exit code. */
export const runAction: ActionRunner =
  (name, load) =>
  async (...actionArgs) => {
    const { options } = actionParts(actionArgs);
    const io = createIo({ json: options.json === true });
    const interrupt = createInterrupt(io);
    try {
      process.exitCode = await runCommand(name, load, actionArgs, {
        io,
        env: process.env,
        cwd: process.cwd(),
        interrupt,
        argv: process.argv.slice(2),
      });
    } finally {
      interrupt.dispose();
    }
    if (process.exitCode === ExitCode.interrupted) {
      // Work in flight was abandoned on purpose; do not wait for sockets to drain.
      process.exit(ExitCode.interrupted);
    }
  };
