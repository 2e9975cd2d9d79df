import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answerFromSnapshot, snapshotsFile } from './fast-path.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function bundleDir(snapshots?: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'wankit-fast-path-'));
  dirs.push(dir);
  if (snapshots) writeFileSync(join(dir, snapshotsFile), JSON.stringify(snapshots));
  return dir;
}

function stdout(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('answerFromSnapshot', () => {
  const snapshots = { help: 'Usage: wankit\n', modelsJson: '{"models":[]}\n' };

  it('answers --help, -h and models --json from the snapshots', () => {
    const dir = bundleDir(snapshots);
    for (const [args, text] of [
      [['--help'], snapshots.help],
      [['-h'], snapshots.help],
      [['models', '--json'], snapshots.modelsJson],
    ] as const) {
      const out = stdout(false);
      expect(answerFromSnapshot(args, out.stream, dir)).toBe(true);
      expect(out.written).toEqual([text]);
    }
  });

  it('leaves help on a terminal to commander, whose wrapping follows the width', () => {
    const out = stdout(true);
    expect(answerFromSnapshot(['--help'], out.stream, bundleDir(snapshots))).toBe(false);
    expect(answerFromSnapshot(['models', '--json'], out.stream, bundleDir(snapshots))).toBe(true);
  });

  it('declines every other command, and any command when the snapshots are missing', () => {
    const dir = bundleDir(snapshots);
    for (const args of [
      [],
      ['models'],
      ['models', '--json', '--provider', 'v2'],
      ['video', '--help'],
      ['help'],
    ]) {
      expect(answerFromSnapshot(args, stdout(false).stream, dir)).toBe(false);
    }
    expect(answerFromSnapshot(['--help'], stdout(false).stream, bundleDir())).toBe(false);
  });
});
