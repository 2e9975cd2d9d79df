// What a published README must not hold: references to the repository's internal documents (design
// notes, wire-format notes, section numbers, issue numbers, seed files), and relative links that do not
// resolve to a file inside the package (on npm, a link outside the package is dead).
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const internalReferences: readonly [RegExp, string][] = [
  [/DESIGN\.md/, 'the design notes'],
  [/wire-formats(\.md)?/, 'the wire-format notes'],
  [/style-anchors|feature-anchors|toolchain\.md|catalog-facts/, 'an internal reference document'],
  [/\/work\/|\bresearch\/|\bcorpus\//, "a path on the maintainers' machine"],
  [/§\s*\d/, 'a section number of an internal document'],
  [/\bshared\/(seeds|reference)\b/, 'the shared notes folder'],
  [/\bseeds?\s+0\d\d\b/, 'an internal seed file'],
  [/\bissue\s+#?\d+\b/i, 'an issue number'],
  [/(^|[\s(])#\d+\b/, 'an issue number'],
];

export interface ReadmeProblem {
  readonly line: number;
  readonly problem: string;
}

/** Markdown links and images `[text](target)` plus `<a href>` / `<img src>` targets, with their line. */
function linkTargets(markdown: string): { line: number; target: string }[] {
  const found: { line: number; target: string }[] = [];
  const lines = markdown.split('\n');
  let inFence = false;
  lines.forEach((text, index) => {
    if (/^\s*(```|~~~)/.test(text)) inFence = !inFence;
    if (inFence) return;
    for (const match of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|(?:href|src)="([^"]+)"/g)) {
      found.push({ line: index + 1, target: match[1] ?? match[2] ?? '' });
    }
  });
  return found;
}

export function readmeProblems(
  markdown: string,
  packageDir: string,
  readmePath = 'README.md',
): ReadmeProblem[] {
  const problems: ReadmeProblem[] = [];
  markdown.split('\n').forEach((text, index) => {
    for (const [pattern, what] of internalReferences) {
      if (pattern.test(text))
        problems.push({ line: index + 1, problem: `refers to ${what}: ${text.trim()}` });
    }
  });
  const base = dirname(join(packageDir, readmePath));
  for (const { line, target } of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('//')) continue;
    const path = decodeURIComponent(target.split('#')[0] ?? '');
    const file = resolve(base, path);
    const inside = relative(packageDir, file);
    if (inside.startsWith('..') || inside.startsWith(sep)) {
      problems.push({ line, problem: `links outside the package: ${target}` });
    } else if (!existsSync(file)) {
      problems.push({ line, problem: `links to a missing file: ${target}` });
    }
  }
  return problems;
}
