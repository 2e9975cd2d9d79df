import { NATIVE_ERROR_FORMS, NATIVE_VOCABULARIES } from '@wankit/simulator';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import type { Io } from '../output/io.js';
import { buildProgram } from '../program.js';
import type { ActionRunner, CommandContext } from '../run-action.js';
import { nativeErrorForms, nativeVocabularies, run } from './sim.js';

/** The options `wankit sim …` hands its action. */
async function parse(argv: string[]): Promise<Record<string, unknown>> {
  let options: Record<string, unknown> | undefined;
  const runner: ActionRunner =
    () =>
    async (...actionArgs) => {
      options = (actionArgs.at(-1) as { opts(): Record<string, unknown> }).opts();
    };
  const program = buildProgram(runner, '0.0.0');
  program.configureOutput({ writeErr: () => {}, writeOut: () => {}, outputError: () => {} });
  await program.parseAsync(['node', 'wankit', 'sim', ...argv]);
  if (!options) throw new Error('no action ran');
  return options;
}

describe('wankit sim: native answer variants', () => {
  it('offers exactly the variants the simulator supports', () => {
    expect(nativeVocabularies).toStrictEqual(NATIVE_VOCABULARIES);
    expect(nativeErrorForms).toStrictEqual(NATIVE_ERROR_FORMS);
  });

  it('parses --native-vocabulary and --native-error-form, leaving them unset by default', async () => {
    expect(await parse([])).not.toHaveProperty('nativeVocabulary');
    expect(
      await parse(['--native-vocabulary', 'cli-docs', '--native-error-form', 'error_message']),
    ).toMatchObject({
      nativeVocabulary: 'cli-docs',
      nativeErrorForm: 'error_message',
    });
    await expect(parse(['--native-vocabulary', 'docs'])).rejects.toBeInstanceOf(CommanderError);
    await expect(parse(['--native-error-form', 'json'])).rejects.toBeInstanceOf(CommanderError);
  });

  it('serves the chosen status words and error form', async () => {
    const options = await parse([
      '--port',
      '0',
      '--instant',
      '--native-vocabulary',
      'seed',
      '--native-error-form',
      'string',
    ]);
    const controller = new AbortController();
    let started: (url: string) => void = () => {};
    const baseUrl = new Promise<string>((resolve) => {
      started = resolve;
    });
    const io = { json: false, out: (line: string) => started(line), err: () => {} } as unknown as Io;
    const context = {
      name: 'sim',
      args: [],
      argv: [],
      options,
      io,
      env: {},
      cwd: '.',
      interrupt: {
        signal: controller.signal,
        interrupted: false,
        setResumeHint: () => {},
        resumeHint: undefined,
        dispose: () => {},
      },
    } satisfies CommandContext;
    const running = run(context);
    const url = await baseUrl;
    const create = async (prompt: string) => {
      const response = await fetch(`${url}/model/v1/generation`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
        body: JSON.stringify({ model: 'wan26_t2v', input: [{ params: { input: { prompt } } }] }),
      });
      const { id } = (await response.json()) as { id: string };
      const status = await fetch(`${url}/model/v1/generation/task/${id}`, {
        headers: { authorization: 'Bearer sk-test' },
      });
      return (await status.json()) as Record<string, unknown>;
    };
    try {
      expect(await create('a kitten')).toMatchObject({ status: 'done' });
      expect(await create('a kitten [[fail]]')).toMatchObject({
        status: 'failed',
        error: '001026095: Internal generation error',
      });
    } finally {
      controller.abort();
      expect(await running).toBe(0);
    }
  });
});
