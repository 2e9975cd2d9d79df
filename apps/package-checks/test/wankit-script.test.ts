// `pnpm wankit …` (scripts/wankit.mjs): where results go by default, and which turbo lines it reports as
// build progress.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script without types
import { buildStarted, withDefaultOut } from '../../../scripts/wankit.mjs';

const repo = '/home/me/wankit';
const out = join(repo, 'wankit-output');

describe('withDefaultOut', () => {
  it('sends a downloading command run at the repository root (or below it) to ./wankit-output', () => {
    expect(withDefaultOut(['video', 'a kitten', '--sim'], repo, repo)).toEqual({
      argv: ['video', 'a kitten', '--sim', '--out', out],
      outDir: out,
    });
    expect(withDefaultOut(['batch', 'prompts.jsonl'], join(repo, 'apps', 'cli'), repo)).toEqual({
      argv: ['batch', 'prompts.jsonl', '--out', out],
      outDir: out,
    });
  });

  it('puts --out before a `--` separator', () => {
    expect(withDefaultOut(['image', '--', '--a prompt starting with dashes'], repo, repo).argv).toEqual([
      'image',
      '--out',
      out,
      '--',
      '--a prompt starting with dashes',
    ]);
  });

  it('leaves the arguments alone outside the repository, with --out, for help and for other commands', () => {
    for (const [argv, cwd] of [
      [['video', 'a kitten'], '/home/me/elsewhere'],
      [['video', 'a kitten'], '/home/me/wankit-other'],
      [['video', 'a kitten', '--out', 'clips'], repo],
      [['video', 'a kitten', '--out=clips'], repo],
      [['video', '--help'], repo],
      [['video', 'a kitten', '--no-download'], repo],
      [['models', '--json'], repo],
      [['sim', '--port', '8787'], repo],
      [[], repo],
    ] as const) {
      expect(withDefaultOut([...argv], cwd, repo)).toEqual({ argv: [...argv], outDir: undefined });
    }
  });
});

describe('buildStarted', () => {
  it('names the package of a build turbo runs, and nothing for cache hits and log lines', () => {
    expect(buildStarted('@wankit/core:build: cache miss, executing 68eb6934dabb2fae')).toBe('@wankit/core');
    expect(buildStarted('@wankit/cli:build: cache bypass, force executing 68eb6934dabb2fae')).toBe(
      '@wankit/cli',
    );
    expect(buildStarted('@wankit/core:build: cache hit, replaying logs 68eb6934dabb2fae')).toBeUndefined();
    expect(buildStarted('@wankit/core:build: CLI Building entry: src/index.ts')).toBeUndefined();
  });
});
