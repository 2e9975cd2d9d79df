export const benchmarkNames = [
  'status',
  'lifecycle',
  'polling',
  'scale_1000',
  'download',
  'cli_startup',
  'fleet',
] as const;
export type BenchmarkName = (typeof benchmarkNames)[number];

export interface BenchArgs {
  /** The child-process role to play, when this process is a benchmark's child. */
  readonly role?: string;
  readonly only: readonly BenchmarkName[];
  /** Where results.json goes. */
  readonly out?: string;
}

const aliases: Record<string, BenchmarkName> = {
  scale: 'scale_1000',
  cli: 'cli_startup',
  overhead: 'lifecycle',
};

/** `--only polling,download` (or repeated `--only`), `--out FILE`, `--role NAME` (internal). */
export function parseArgs(argv: readonly string[]): BenchArgs {
  let role: string | undefined;
  let out: string | undefined;
  const only: BenchmarkName[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--') continue;
    if (flag === '--role') role = value();
    else if (flag === '--out') out = value();
    else if (flag === '--only') {
      for (const name of value().split(',')) {
        const resolved = aliases[name] ?? name;
        if (!(benchmarkNames as readonly string[]).includes(resolved)) {
          throw new Error(`unknown benchmark "${name}"; choose from ${benchmarkNames.join(', ')}`);
        }
        only.push(resolved as BenchmarkName);
      }
    } else
      throw new Error(
        `unknown option ${arg}; usage: bench [--only ${benchmarkNames.join(',')}] [--out FILE]`,
      );
  }
  return { role, out, only: only.length > 0 ? only : benchmarkNames };
}
