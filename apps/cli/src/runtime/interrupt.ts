import type { Io } from '../output/io.js';

/** Ctrl-C handling: the first signal asks the command to stop cleanly; the second exits at once. */
export interface Interrupt {
  /** Aborted on the first Ctrl-C (or SIGTERM). */
  readonly signal: AbortSignal;
  readonly interrupted: boolean;
  /** Printed on the second signal, before exiting 130: how to pick the work up again. */
  setResumeHint(hint: string): void;
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
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
