// Issue 17: every example in `wankit --help` and in each command's help runs as written, with the default
// model, through a POSIX shell (so `> result.json` works) with `wankit` on PATH, in one working directory that
// holds the files the examples name. They run against a simulator at a small time scale, named only by
// $WANKIT_BASE_URL: the CLI learns the simulator's pace from its responses. Examples that need your own data
// (a shared PostgreSQL store, a journal key of an uncertain task) are parsed, with every flag and value checked,
// instead of run.
import { spawn } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@wankit/simulator';
import { CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/program.js';
import type { ActionRunner } from '../../src/run-action.js';
import { assertBuilt, binPath, type CliResult, freshUser, hangGuardMs, runCli, until } from './harness.js';

/** `$ wankit …` lines of a help text, in order. */
export function examplesOf(help: string): string[] {
  return help
    .split('\n')
    .map((line) => /^\s+\$ (.+)$/.exec(line)?.[1]?.trim())
    .filter((line): line is string => line !== undefined);
}

/** Words of a command line as a POSIX shell splits them (quotes only; enough for help examples). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const match of line.matchAll(pattern)) words.push(match[1] ?? match[2] ?? match[3]!);
  return words;
}

/** Needs data only the reader has: a PostgreSQL store, or a key from their own journal. */
const needsOwnData = (example: string) => /postgres:\/\/|WANKIT_STORE_URL=|^wankit resolve /.test(example);

/** A long-running server: started, used, stopped with Ctrl-C. */
const isServer = (example: string) => /^wankit sim( |$)/.test(example);

let sim: Simulator;
let user: Awaited<ReturnType<typeof freshUser>>;
let shellEnv: NodeJS.ProcessEnv;
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator({ timeScale: 0.01, seed: 31 });
  user = await freshUser();
  // `wankit` on PATH, as after `npm i -g @wankit/cli`.
  const bin = join(user.cwd, '..', 'bin');
  await mkdir(bin, { recursive: true });
  await writeFile(join(bin, 'wankit'), `#!/bin/sh\nexec "${process.execPath}" "${binPath}" "$@"\n`);
  await chmod(join(bin, 'wankit'), 0o755);
  shellEnv = { ...user.env, PATH: `${bin}:${user.env.PATH ?? ''}`, WANKIT_BASE_URL: sim.baseUrl };
  // The files the examples name.
  await writeFile(
    join(user.cwd, 'prompts.jsonl'),
    '{"prompt":"a kitten running in the moonlight"}\n"waves at dusk"\n',
  );
  await writeFile(join(user.cwd, 'images.jsonl'), '"a red fox in snow, watercolor"\n');
  await writeFile(join(user.cwd, 'cat.png'), png);
});
afterAll(async () => {
  await sim?.close();
});

function shell(line: string, env: NodeJS.ProcessEnv = shellEnv) {
  const child = spawn('/bin/sh', ['-c', line], { cwd: user.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${line} ran past ${hangGuardMs} ms\n${stderr}`));
    }, hangGuardMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done, stdout: () => stdout, stderr: () => stderr };
}

/** Parses an example with the real command tree; the action only records that it would run. */
async function parses(example: string): Promise<string | undefined> {
  const words = shellWords(example).filter((word) => !/^[A-Z_]+=/.test(word));
  let ran = false;
  const runner: ActionRunner = () => async () => {
    ran = true;
  };
  let errors = '';
  const program = buildProgram(runner, '0.0.0', { writeOut: () => {}, writeErr: (text) => (errors += text) });
  try {
    await program.parseAsync(words.slice(1), { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return errors || error.message;
    throw error;
  }
  return ran ? undefined : 'no command ran';
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the help examples', () => {
  it('every example of `wankit --help` and of each command’s help runs as written', async () => {
    const top = await runCli(['--help'], user);
    const commands = [...top.stdout.matchAll(/^ {2}([a-z]+)\b/gm)]
      .map((m) => m[1]!)
      .filter((c) => c !== 'help');
    expect(commands).toEqual(
      expect.arrayContaining(['video', 'image', 'status', 'wait', 'download', 'batch', 'sim']),
    );
    const sections: [string, string[]][] = [['wankit --help', examplesOf(top.stdout)]];
    for (const command of commands) {
      const help = await runCli([command, '--help'], user);
      sections.push([`wankit ${command} --help`, examplesOf(help.stdout)]);
    }
    const all = sections.flatMap(([, examples]) => examples);
    expect(all.length).toBeGreaterThanOrEqual(30);
    console.log(
      `help examples: ${all.length} (${all.filter(needsOwnData).length} need your own data: parsed only)`,
    );

    const failures: string[] = [];
    let ran = 0;
    for (const [where, examples] of sections) {
      for (let i = 0; i < examples.length; i++) {
        const example = examples[i]!;
        if (needsOwnData(example)) {
          const problem = await parses(example);
          if (problem) failures.push(`${where}: ${example}: does not parse: ${problem}`);
          continue;
        }
        if (isServer(example)) {
          // The server example's port, and the examples that use it, on a port that is free here.
          const port = await freePort();
          const withPort = (line: string) => line.replaceAll('8787', String(port));
          // `exec`: Ctrl-C reaches wankit itself, not the shell around it.
          const server = shell(`exec ${withPort(example)}`);
          await until(() => server.stdout().includes('http://127.0.0.1:'), 60_000, `${example} to listen`);
          const clients = example.includes('8787')
            ? examples.slice(i + 1).filter((e) => !isServer(e) && e.includes('8787'))
            : [];
          for (const client of clients) {
            const result = await shell(withPort(client)).done;
            ran += 1;
            if (result.code !== 0)
              failures.push(`${where}: ${client}: exit ${result.code}\n${result.stderr}`);
          }
          server.child.kill('SIGINT');
          const stopped = await server.done;
          ran += 1;
          if (stopped.code !== 0)
            failures.push(`${where}: ${example}: exit ${stopped.code}\n${stopped.stderr}`);
          continue;
        }
        if (example.includes('8787')) continue; // run above, against its server
        const result = await shell(example).done;
        ran += 1;
        if (result.code !== 0) failures.push(`${where}: ${example}: exit ${result.code}\n${result.stderr}`);
      }
    }
    expect(failures).toEqual([]);
    expect(ran).toBeGreaterThanOrEqual(25);
  });
});
