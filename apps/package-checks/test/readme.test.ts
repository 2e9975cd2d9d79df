// The README of every published package is what npm shows: it speaks to users, and its relative links
// resolve to files the package ships.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { publishedPackages } from '../src/published-packages.js';
import { readmeProblems } from '../src/readme-problems.js';

describe.each(publishedPackages().map((pkg) => [pkg.name, pkg] as const))('%s README', (_name, pkg) => {
  it('has no internal reference and no dead or outside relative link', () => {
    const markdown = readFileSync(join(pkg.dir, 'README.md'), 'utf8');
    expect(readmeProblems(markdown, pkg.dir)).toEqual([]);
  });

  // Absolute links (https:, mailto:) point outside the package on purpose and are not checked here.
  it('links only to files the package ships', () => {
    const markdown = readFileSync(join(pkg.dir, 'README.md'), 'utf8');
    const targets = [...markdown.matchAll(/\]\((?!\s*[a-z][a-z0-9+.-]*:)\s*\.?\/?([^)\s:#]+)[^)]*\)/gi)].map(
      (match) => match[1] ?? '',
    );
    const shipped = ['README.md', 'LICENSE', 'package.json', ...(pkg.manifest.files ?? [])];
    for (const target of targets) {
      const top = target.split('/')[0] ?? '';
      expect(
        shipped.some((entry) => entry.replace(/^\.\//, '').split('/')[0] === top),
        target,
      ).toBe(true);
    }
  });
});

describe('readmeProblems', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wankit-readme-'));
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs', 'guide.md'), '# guide');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names internal references with their line', () => {
    const markdown = [
      '# pkg',
      'See DESIGN.md for why.',
      'The body follows wire-formats.md §0.4.',
      'Fixed in issue 17 and (#12).',
      'Written from shared/seeds/ (seed 004).',
    ].join('\n');
    expect(readmeProblems(markdown, dir)).toEqual([
      { line: 2, problem: 'refers to the design notes: See DESIGN.md for why.' },
      { line: 3, problem: 'refers to the wire-format notes: The body follows wire-formats.md §0.4.' },
      {
        line: 3,
        problem: 'refers to a section number of an internal document: The body follows wire-formats.md §0.4.',
      },
      { line: 4, problem: 'refers to an issue number: Fixed in issue 17 and (#12).' },
      { line: 4, problem: 'refers to an issue number: Fixed in issue 17 and (#12).' },
      { line: 5, problem: 'refers to the shared notes folder: Written from shared/seeds/ (seed 004).' },
      { line: 5, problem: 'refers to an internal seed file: Written from shared/seeds/ (seed 004).' },
    ]);
  });

  it('flags missing and outside relative links, and passes good, absolute and in-page ones', () => {
    const markdown = [
      '[guide](docs/guide.md) [section](./docs/guide.md#setup) [top](#usage) [web](https://example.com/x.md)',
      '[gone](docs/missing.md)',
      '[core](../core/README.md)',
      '```md',
      '[in a code block](nowhere.md)',
      '```',
      '<img src="docs/logo.png">',
    ].join('\n');
    expect(readmeProblems(markdown, dir)).toEqual([
      { line: 2, problem: 'links to a missing file: docs/missing.md' },
      { line: 3, problem: 'links outside the package: ../core/README.md' },
      { line: 7, problem: 'links to a missing file: docs/logo.png' },
    ]);
  });
});
