import type { Io } from './io.js';

/** A live status line on stderr: a spinner on a TTY, otherwise plain lines at a sane rate. */
export interface Progress {
  /** Replace the live line. Plain mode prints it when it changed in substance or every `plainIntervalMs`. */
  update(text: string, key?: string): void;
  /** Print a permanent line above the live line. */
  log(line: string): void;
  stop(): void;
}

interface Spinner {
  text: string;
  start(): Spinner;
  stop(): Spinner;
  clear(): Spinner;
  render(): Spinner;
}

/**
 * `key` identifies the substance of an update (e.g. the status word): plain mode prints a line when
 * the key changes, or at most every `plainIntervalMs` otherwise (default 15 s), so logs stay short.
 */
export async function createProgress(io: Io, options: { plainIntervalMs?: number } = {}): Promise<Progress> {
  const interval = options.plainIntervalMs ?? 15_000;
  if (io.interactive) {
    // Loaded lazily: ora is only needed when a spinner is drawn.
    const { default: ora } = await import('ora');
    const spinner: Spinner = ora({
      stream: io.stderr,
      discardStdin: false,
      text: '',
      // Decided by `io.interactive` already; NO_COLOR leaves the spinner moving, uncoloured.
      isEnabled: true,
      color: io.colors.isColorSupported ? 'cyan' : false,
    }).start();
    return {
      update: (text) => {
        spinner.text = text;
      },
      log: (line) => {
        spinner.clear();
        io.err(line);
        spinner.render();
      },
      stop: () => {
        spinner.stop();
      },
    };
  }
  let lastKey: string | undefined;
  let lastAt = 0;
  return {
    update: (text, key) => {
      const now = Date.now();
      if (key !== undefined && key === lastKey && now - lastAt < interval) return;
      if (key === undefined && now - lastAt < interval) return;
      lastKey = key;
      lastAt = now;
      io.err(text);
    },
    log: (line) => io.err(line),
    stop: () => {},
  };
}
