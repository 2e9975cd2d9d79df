import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './program.js';
import type { ActionRunner } from './run-action.js';

/** Parses a command line with a runner that records what the action would get. */
async function parse(
  argv: string[],
): Promise<{ name: string; args: unknown[]; options: Record<string, unknown> }> {
  let seen: { name: string; args: unknown[]; options: Record<string, unknown> } | undefined;
  const runner: ActionRunner =
    (name) =>
    async (...actionArgs) => {
      const command = actionArgs.at(-1) as { opts(): Record<string, unknown> };
      seen = { name, args: actionArgs.slice(0, -2), options: command.opts() };
    };
  const program = buildProgram(runner, '0.0.0');
  program.configureOutput({ writeErr: () => {}, writeOut: () => {}, outputError: () => {} });
  await program.parseAsync(['node', 'wankit', ...argv]);
  if (!seen) throw new Error('no action ran');
  return seen;
}

describe('command line parsing', () => {
  it('leaves tri-state flags undefined unless given', async () => {
    const plain = await parse(['video', 'a kitten']);
    expect(plain.name).toBe('video');
    expect(plain.args).toStrictEqual(['a kitten']);
    expect(plain.options.promptExtend).toBeUndefined();
    expect(plain.options.audio).toBeUndefined();
    expect(plain.options.watermark).toBeUndefined();
    expect(plain.options.download).toBe(true);
    expect(plain.options.out).toBe('.');
    const negated = await parse([
      'video',
      'x',
      '--no-prompt-extend',
      '--no-audio',
      '--watermark',
      '--no-download',
    ]);
    expect(negated.options).toMatchObject({
      promptExtend: false,
      audio: false,
      watermark: true,
      download: false,
    });
  });

  it('parses numbers, durations and repeatable provider options', async () => {
    const { options } = await parse([
      'video',
      'x',
      '--seed',
      '42',
      '--duration',
      '10',
      '--timeout',
      '10m',
      '--provider-option',
      'provider=auto',
      '--provider-option',
      'x=1',
      '--time-scale',
      '0.05',
    ]);
    expect(options).toMatchObject({
      seed: 42,
      duration: 10,
      timeout: 600_000,
      providerOption: ['provider=auto', 'x=1'],
      timeScale: 0.05,
    });
  });

  it('rejects bad values as usage errors (exit code mapped to 2 by bin.ts)', async () => {
    for (const argv of [
      ['video', 'x', '--seed', 'abc'],
      ['video', 'x', '--timeout', 'soon'],
      ['video', 'x', '--provider', 'acme'],
      ['batch', 'f.jsonl', '--kind', 'audio'],
      ['video'],
    ]) {
      await expect(parse(argv), argv.join(' ')).rejects.toBeInstanceOf(CommanderError);
    }
  });

  it('gives batch its defaults', async () => {
    const { options } = await parse(['batch', 'prompts.jsonl']);
    expect(options).toMatchObject({ kind: 'video', concurrency: 4, out: '.', download: true });
    expect(options.resubmitUncertain).toBeUndefined();
  });
});
