#!/usr/bin/env node
// `pnpm wankit …` from the repo root: builds the CLI and what it depends on (cached by turbo), then runs it.
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const build = spawnSync(
  'pnpm',
  ['exec', 'turbo', 'run', 'build', '--filter=@wankit/cli...', '--output-logs=errors-only'],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
if (build.status !== 0) {
  console.error('wankit: building the CLI failed; run `pnpm build` to see why.');
  process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, [`${root}apps/cli/dist/bin.cjs`, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: process.env.INIT_CWD ?? process.cwd(),
});
process.exit(run.status ?? 1);
