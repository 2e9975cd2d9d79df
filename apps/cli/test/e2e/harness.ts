import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built binary: the e2e tests run what users run (turbo builds it before `test`). */
export const binPath = fileURLToPath(new URL('../../dist/bin.cjs', import.meta.url));

export function assertBuilt(): void {
  if (!existsSync(binPath)) {
    throw new Error(
      `${binPath} is missing: run \`pnpm exec tsup\` in apps/cli (turbo's test task builds it first)`,
    );
  }
}

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A fresh user: empty XDG dirs, no wankit variables, no colors, a temporary working directory. */
export async function freshUser(): Promise<{ cwd: string; env: NodeJS.ProcessEnv }> {
  const root = await mkdtemp(join(tmpdir(), 'wankit-e2e-'));
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('WANKIT_') && !name.startsWith('XDG_')) env[name] = value;
  }
  Object.assign(env, {
    HOME: root,
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_STATE_HOME: join(root, 'state'),
    XDG_DATA_HOME: join(root, 'data'),
    NO_COLOR: '1',
  });
  const { mkdir } = await import('node:fs/promises');
  const cwd = join(root, 'work');
  await mkdir(cwd, { recursive: true });
  return { cwd, env };
}

export interface Spawned {
  readonly child: ChildProcess;
  readonly done: Promise<CliResult>;
  stdout(): string;
  stderr(): string;
}

/**
 * Wall-clock limits in these tests are hang guards only: a limit a test names is raised to at least this, so
 * that a loaded machine makes a run slow, never red.
 */
export const hangGuardMs = 240_000;
const guard = (ms: number | undefined) => Math.max(ms ?? 0, hangGuardMs);

/** Starts `node dist/bin.cjs …`; the result promise rejects if it runs past the hang guard. */
export function startCli(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Spawned {
  const child = spawn(process.execPath, [binPath, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    const limit = guard(options.timeoutMs);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`wankit ${args.join(' ')} ran past ${limit} ms (a hang)\n${stderr}`));
    }, limit);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done, stdout: () => stdout, stderr: () => stderr };
}

export const runCli = (
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CliResult> => startCli(args, options).done;

/** Parses the single JSON document `--json` prints on stdout (fails if anything else is there). */
export function parseJsonOutput(result: CliResult): Record<string, unknown> {
  try {
    return JSON.parse(result.stdout) as Record<string, unknown>;
  } catch {
    throw new Error(`stdout is not one JSON document:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** Journal records of a JSONL journal file (skipping a torn last line). */
export async function readJournal(path: string): Promise<Record<string, unknown>[]> {
  if (!existsSync(path)) return [];
  const text = await readFile(path, 'utf8');
  const records: Record<string, unknown>[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // A torn last line after kill -9.
    }
  }
  return records;
}

/** Polls `condition` every 20 ms until it holds, or fails after the hang guard. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + guard(timeoutMs);
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The first MP4 box must be `ftyp` (bytes 4..8). */
export async function isMp4(path: string): Promise<boolean> {
  const bytes = await readFile(path);
  return bytes.subarray(4, 8).toString('latin1') === 'ftyp';
}

/** PNG signature. */
export async function isPng(path: string): Promise<boolean> {
  const bytes = await readFile(path);
  return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}
