import pc from 'picocolors';

type Colors = ReturnType<typeof pc.createColors>;

/** Where the CLI writes: results on stdout, everything else (progress, notes, warnings) on stderr. */
export interface Io {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  /** Colors for stderr; all identity functions under NO_COLOR or a non-TTY stderr. */
  readonly colors: Colors;
  /**
   * A spinner may be drawn on stderr: a TTY, not `--json`, not a dumb terminal, not CI. NO_COLOR only turns
   * colour off (https://no-color.org: "prevent the addition of ANSI color"), not the live line.
   */
  readonly interactive: boolean;
  readonly json: boolean;
  /** A line of result on stdout (on stderr in `--json` mode). */
  out(line: string): void;
  /** A line on stderr. */
  err(line: string): void;
  note(line: string): void;
  warn(line: string): void;
  /** The single JSON document of `--json` mode. */
  printJson(value: unknown): void;
}

export function createIo(options: {
  json: boolean;
  env?: NodeJS.ProcessEnv;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
}): Io {
  const env = options.env ?? process.env;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const tty = Boolean(stderr.isTTY) && env.TERM !== 'dumb';
  const colors = pc.createColors(tty && !noColor);
  const io: Io = {
    env,
    stdout,
    stderr,
    colors,
    interactive: tty && !options.json && env.CI === undefined,
    json: options.json,
    // In `--json` mode stdout carries the JSON document only; result lines move to stderr.
    out: (line) => {
      (options.json ? stderr : stdout).write(`${line}\n`);
    },
    err: (line) => {
      stderr.write(`${line}\n`);
    },
    note: (line) => io.err(colors.dim(`wankit: ${line}`)),
    warn: (line) => io.err(colors.yellow(`warning: ${line}`)),
    printJson: (value) => {
      stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
  };
  return io;
}
