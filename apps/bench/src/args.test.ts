import { describe, expect, it } from 'vitest';
import { benchmarkNames, parseArgs } from './args.js';

describe('parseArgs', () => {
  it('runs every benchmark by default', () => {
    expect(parseArgs([])).toStrictEqual({ role: undefined, out: undefined, only: benchmarkNames });
  });

  it('filters with --only, comma lists, aliases and a leading --', () => {
    expect(parseArgs(['--', '--only', 'polling,scale', '--only=cli']).only).toStrictEqual([
      'polling',
      'scale_1000',
      'cli_startup',
    ]);
  });

  it('reads --role and --out', () => {
    expect(parseArgs(['--role', 'scale', '--out', 'x.json'])).toStrictEqual({
      role: 'scale',
      out: 'x.json',
      only: benchmarkNames,
    });
  });

  it('names the allowed benchmarks for an unknown one', () => {
    expect(() => parseArgs(['--only', 'speed'])).toThrow(
      'unknown benchmark "speed"; choose from status, lifecycle, polling, scale_1000, download, cli_startup',
    );
  });
});
