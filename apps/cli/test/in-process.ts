import { CommanderError } from 'commander';
import { ExitCode } from '../src/exit-codes.js';
import { createIo } from '../src/output/io.js';
import { buildProgram } from '../src/program.js';
import { type ActionRunner, actionParts, runCommand } from '../src/run-action.js';
import type { Interrupt } from '../src/runtime/interrupt.js';
import type { JournalFileSystem } from '../src/runtime/journal.js';

export interface InProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface InProcessOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** The file system under the journal (a full or read-only disk in tests). */
  readonly journalFileSystem?: JournalFileSystem;
  /** Aborting it is Ctrl-C. */
  readonly interrupt?: AbortSignal;
}

function capture(): { stream: NodeJS.WriteStream; text(): string } {
  let text = '';
  const stream = {
    isTTY: false,
    write(chunk: string | Uint8Array) {
      text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      return true;
    },
    on: () => stream,
    once: () => stream,
    off: () => stream,
    removeListener: () => stream,
  };
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

/**
 * Runs `wankit <args>` in this process: the same command tree, commands and error reporting as the binary,
 * with captured stdout and stderr and the exit code returned instead of set on the process. Hundreds of
 * cases run in the time one spawned process takes to start.
 */
export async function runInProcess(
  args: readonly string[],
  options: InProcessOptions,
): Promise<InProcessResult> {
  const stdout = capture();
  const stderr = capture();
  const controller = new AbortController();
  options.interrupt?.addEventListener('abort', () => controller.abort(new Error('interrupted')), {
    once: true,
  });
  let resumeHint: string | undefined;
  const interrupt: Interrupt = {
    signal: controller.signal,
    get interrupted() {
      return controller.signal.aborted;
    },
    setResumeHint: (hint) => {
      resumeHint = hint;
    },
    get resumeHint() {
      return resumeHint;
    },
    dispose: () => undefined,
  };
  let code: number = ExitCode.ok;
  const runner: ActionRunner =
    (name, load) =>
    async (...actionArgs) => {
      const { options: flags } = actionParts(actionArgs);
      const io = createIo({
        json: flags.json === true,
        env: options.env,
        stdout: stdout.stream,
        stderr: stderr.stream,
      });
      code = await runCommand(name, load, actionArgs, {
        io,
        env: options.env,
        cwd: options.cwd,
        interrupt,
        argv: args,
        ...(options.journalFileSystem ? { journalFileSystem: options.journalFileSystem } : {}),
      });
    };
  const program = buildProgram(runner, '0.0.0-test', {
    writeOut: (text) => stdout.stream.write(text),
    writeErr: (text) => stderr.stream.write(text),
  });
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    code = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
