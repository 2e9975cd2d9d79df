import type { Io } from '../output/io.js';

/** Ctrl-C handling: the first signal asks the command to stop cleanly; the second exits at once. */
export interface Interrupt {
  /** Aborted on the first Ctrl-C (or SIGTERM). */
  readonly signal: AbortSignal;
  readonly interrupted: boolean;
  /**
   * How to pick the work up again: printed instead of an `aborted` error when the command stops after the
   * first signal, and on the second signal before exiting 130.
   */
  setResumeHint(hint: string): void;
  readonly resumeHint: string | undefined;
  dispose(): void;
}

export function createInterrupt(io: Io): Interrupt {
  const controller = new AbortController();
  let hint = '';
  let count = 0;
  const onSignal = () => {
    count += 1;
    if (count === 1) {
      io.err('');
      io.note('interrupted: stopping; press Ctrl-C again to exit at once');
      controller.abort(new Error('interrupted'));
      return;
    }
    if (hint) io.note(hint);
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    get interrupted() {
      return controller.signal.aborted;
    },
    setResumeHint: (text) => {
      hint = text;
    },
    get resumeHint() {
      return hint || undefined;
    },
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
