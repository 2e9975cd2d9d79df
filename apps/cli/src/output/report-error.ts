import { isWankitError, type WankitError } from '@wankit/core';
import { CommanderError } from 'commander';
import { ExitCode, type ExitCodeValue, exitCodeForError } from '../exit-codes.js';
import { cliMessage } from './hint-text.js';
import type { Io } from './io.js';

/** The error part of `--json` output. */
export function errorJson(error: WankitError): Record<string, unknown> {
  const { name: _name, ...rest } = error.toJSON();
  // The message in the CLI's words; `hint` keeps the neutral remedy for scripts.
  return { ...rest, message: cliMessage(error) };
}

/** One line naming what was wrong and what is allowed. */
export function errorLine(error: WankitError): string {
  const message = cliMessage(error);
  // A message that already says what is wanted needs no list after it.
  const saysWhatIsWanted =
    /must be|must have|choose|allowed:|e\.g\.|; give |write it as| is (empty|required)$/.test(message);
  const allowed =
    error.allowed &&
    error.allowed.length > 0 &&
    !saysWhatIsWanted &&
    !message.includes(String(error.allowed[0]))
      ? ` (allowed: ${error.allowed.join(', ')})`
      : '';
  return `${message}${allowed}`;
}

/** What Ctrl-C left to say: the command stopped because of it, and how to pick the work up again. */
export interface InterruptState {
  readonly interrupted: boolean;
  readonly resumeHint: string | undefined;
}

/** An error that only says "you pressed Ctrl-C": the user knows; the resume hint is what they need. */
export const stoppedByCtrlC = (error: WankitError, interrupt: InterruptState | undefined): boolean =>
  error.kind === 'aborted' && interrupt?.interrupted === true;

/**
 * Prints an error on stderr (and as the JSON document in `--json` mode); returns the exit code. After Ctrl-C,
 * an `aborted` error prints only the resume hint.
 */
export function reportError(io: Io, error: unknown, interrupt?: InterruptState): ExitCodeValue {
  if (error instanceof CommanderError) return ExitCode.usage;
  if (isWankitError(error)) {
    const code = exitCodeForError(error);
    if (stoppedByCtrlC(error, interrupt)) {
      if (interrupt?.resumeHint) io.note(interrupt.resumeHint);
    } else {
      io.err(
        `${io.colors.red('error:')} ${errorLine(error)}${error.kind === 'aborted' ? '' : ` [${error.kind}]`}`,
      );
    }
    if (io.json) io.printJson({ ok: false, error: errorJson(error), exitCode: code });
    return code;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.err(`${io.colors.red('internal error:')} ${message}`);
  if (io.json) io.printJson({ ok: false, error: { kind: 'internal', message: String(error) }, exitCode: 1 });
  return ExitCode.internal;
}
