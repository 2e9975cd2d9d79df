#!/usr/bin/env node
// Runs every check of the repo (generated-file drift, typecheck, lint, tests) through turbo and ends
// with one plain line "N passed, N failed" summed over every package: CI reads that line, and turbo's
// prefixed vitest output is not readable by it. Exit code is non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

// The Postgres store's tests need a database (WANKIT_TEST_DATABASE_URL, default the local `test` one). Without
// one they are skipped, and this says so in one line next to the totals instead of failing the run.
const databaseUrl = process.env.WANKIT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const postgresMissing = await new Promise((resolve) => {
  let host = '127.0.0.1';
  let port = 5432;
  try {
    const url = new URL(databaseUrl);
    host = url.hostname || host;
    port = Number(url.port) || port;
  } catch {
    return resolve(`WANKIT_TEST_DATABASE_URL is not a URL`);
  }
  const socket = connect({ host, port, timeout: 3_000 });
  socket.once('connect', () => {
    socket.destroy();
    resolve(undefined);
  });
  socket.once('timeout', () => {
    socket.destroy();
    resolve(`no answer from ${host}:${port}`);
  });
  socket.once('error', (error) => resolve(`${error.code ?? error.message} at ${host}:${port}`));
});
const workspaceDirs = ['packages', 'apps']
  .flatMap((dir) => readdirSync(join(root, dir)).map((name) => join(root, dir, name)))
  .concat(join(root, 'contracts'))
  .filter((dir) => existsSync(join(dir, 'package.json')));

for (const dir of workspaceDirs) rmSync(join(dir, '.vitest-results'), { recursive: true, force: true });
const runsDir = join(root, '.turbo', 'runs');
const before = new Set(existsSync(runsDir) ? readdirSync(runsDir) : []);

const turbo = spawnSync(
  'pnpm',
  [
    'exec',
    'turbo',
    'run',
    'typecheck',
    'lint',
    'test',
    '--continue',
    '--summarize',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } },
);
const rootLint = spawnSync('pnpm', ['exec', 'biome', 'check', '--max-diagnostics=20', '.'], {
  cwd: root,
  stdio: 'inherit',
});

let passed = 0;
let failed = 0;
const failures = [];
for (const dir of workspaceDirs) {
  const file = join(dir, '.vitest-results', 'results.json');
  if (!existsSync(file)) continue;
  const result = JSON.parse(readFileSync(file, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  for (const suite of result.testResults ?? []) {
    for (const test of suite.assertionResults ?? []) {
      if (test.status === 'failed') failures.push(`${suite.name.replace(root, '')} > ${test.fullName}`);
    }
    // A test file that failed to load has no assertions but must count as a failure.
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) {
      failed += 1;
      failures.push(`${suite.name.replace(root, '')} (file failed to run: ${suite.message?.split('\n')[0]})`);
    }
  }
}

// Non-test tasks (typecheck, lint) and test tasks that crashed before writing results count as one failure each.
const newRuns = existsSync(runsDir)
  ? readdirSync(runsDir)
      .filter((f) => !before.has(f) && f.endsWith('.json'))
      .sort((a, b) => statSync(join(runsDir, a)).mtimeMs - statSync(join(runsDir, b)).mtimeMs)
  : [];
const summary = newRuns.length ? JSON.parse(readFileSync(join(runsDir, newRuns.at(-1)), 'utf8')) : undefined;
for (const task of summary?.tasks ?? []) {
  const code = task.execution?.exitCode;
  if (code === 0 || code === undefined || code === null) continue;
  const isTest = task.task === 'test';
  const hasResults =
    isTest && existsSync(join(root, task.directory ?? '', '.vitest-results', 'results.json'));
  if (!hasResults) {
    failed += 1;
    failures.push(`${task.taskId} exited with ${code}`);
  }
}
if (rootLint.status !== 0) {
  failed += 1;
  failures.push('biome check (root) failed');
}
if (!summary && turbo.status !== 0) {
  failed += 1;
  failures.push(`turbo exited with ${turbo.status}`);
}

if (failures.length) {
  console.log('\nFailures:');
  for (const failure of failures) console.log(`  ✗ ${failure}`);
}
if (postgresMissing) {
  console.log(
    `\nNot run: the PostgreSQL store tests (@wankit/store-postgres, and the CLI's --store tests): no database (${postgresMissing}); set WANKIT_TEST_DATABASE_URL to run them.`,
  );
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || turbo.status !== 0 || rootLint.status !== 0 ? 1 : 0);
