#!/usr/bin/env node
// `pnpm wankit …` from the repo: builds the CLI and what it depends on (cached by turbo), then runs it.
// The first build takes about a minute, so it says so and names each package as turbo starts it; later
// runs are cache hits and print nothing. Run inside the repository, results go to ./wankit-output (ignored
// by git) instead of the repository root, unless --out says otherwise.
import { spawn, spawnSync } from 'node:child_process';
import { relative, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const cwd = process.env.INIT_CWD ?? process.cwd();

// Commands that download results, and so take --out (see apps/cli/src/program.ts).
const downloading = new Set(['video', 'image', 'wait', 'download', 'batch', 'resume', 'worker']);
export const defaultOutDir = 'wankit-output';

/** The arguments to run the CLI with: --out added when a downloading command runs inside the repository. */
export function withDefaultOut(argv, workingDir, repoRoot) {
  const command = argv.find((arg) => !arg.startsWith('-'));
  const inRepo =
    !relative(repoRoot, workingDir).startsWith('..') && !relative(repoRoot, workingDir).startsWith(sep);
  const hasOut = argv.some((arg) => arg === '--out' || arg.startsWith('--out='));
  const asksHelp = argv.some((arg) => arg === '--help' || arg === '-h');
  const noDownload = argv.includes('--no-download');
  if (!inRepo || hasOut || asksHelp || noDownload || !downloading.has(command))
    return { argv, outDir: undefined };
  const outDir = resolve(repoRoot, defaultOutDir);
  const end = argv.indexOf('--');
  const at = end === -1 ? argv.length : end;
  return { argv: [...argv.slice(0, at), '--out', outDir, ...argv.slice(at)], outDir };
}

/** The package whose build turbo starts on this line ("<package>:build: cache miss, executing <hash>",
 * or "cache bypass, force executing" under --force), else undefined (cache hits replay silently). */
export function buildStarted(line) {
  return /^(\S+):build: cache (?:miss|bypass),/.exec(line)?.[1];
}

function build() {
  return new Promise((done) => {
    const started = Date.now();
    const log = [];
    let building = 0;
    const child = spawn(
      'pnpm',
      [
        'exec',
        'turbo',
        'run',
        'build',
        '--filter=@wankit/cli...',
        '--output-logs=full',
        '--log-order=stream',
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } },
    );
    const onLine = (line) => {
      log.push(line);
      const pkg = buildStarted(line);
      if (!pkg) return;
      if (building === 0) {
        console.error(
          'wankit: building the CLI and the packages it uses (first run only, one to a few minutes; later runs reuse the build)…',
        );
      }
      building += 1;
      console.error(`wankit:   building ${pkg}`);
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', onLine);
    child.on('close', (code) => {
      if (code === 0 && building > 0) {
        console.error(
          `wankit: built ${building} package(s) in ${Math.round((Date.now() - started) / 1000)} s`,
        );
      }
      if (code !== 0) {
        console.error(log.slice(-60).join('\n'));
        console.error('wankit: building the CLI failed (above); `pnpm build` shows the whole log.');
      }
      done(code ?? 1);
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const status = await build();
  if (status !== 0) process.exit(status);
  const { argv, outDir } = withDefaultOut(args, cwd, root);
  if (outDir) {
    console.error(
      `wankit: run inside the repository, so results go to ${relative(cwd, outDir) || '.'}${sep} (ignored by git); pass --out to choose another folder.`,
    );
  }
  const run = spawnSync(process.execPath, [`${root}apps/cli/dist/bin.cjs`, ...argv], {
    stdio: 'inherit',
    cwd,
  });
  process.exit(run.status ?? 1);
}
