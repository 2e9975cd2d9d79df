// One job over what users install: every published package is packed, checked with publint and
// are-the-types-wrong, installed with npm outside the repository, then loaded from ESM and CommonJS,
// type-checked from both, and run against the packed simulator; @wankit/core's root entry is also run as
// a fetch-only runtime would load it (no `node` condition, every Node built-in refused).
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Installation, installAll, packAll } from '../src/pack-and-install.js';
import { importSpecifiers, publishedPackages, repoRoot } from '../src/published-packages.js';
import { cleanEnv, describeRun, run } from '../src/run.js';

const packages = publishedPackages();
const specifiers = packages.flatMap(importSpecifiers);
const adapterSpecifiers = specifiers.filter((specifier) => specifier.startsWith('@wankit/adapter-'));
const requireFromHere = createRequire(import.meta.url);
const tsc = join(requireFromHere.resolve('typescript/package.json'), '..', 'bin', 'tsc');
const attw = join(requireFromHere.resolve('@arethetypeswrong/cli/package.json'), '..', 'dist', 'index.js');

let installation: Installation;
let installSkipped: string | undefined;
let simulator: { baseUrl: string; close(): Promise<void> };

beforeAll(async () => {
  // Packages this one does not list as devDependencies were not built by turbo before this test.
  const declared = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  ).devDependencies;
  const unbuilt = packages.filter((pkg) => !(pkg.name in declared));
  if (unbuilt.length) {
    const filters = unbuilt.map((pkg) => `--filter=${pkg.name}...`);
    const build = await run(
      'pnpm',
      ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', ...filters],
      {
        cwd: repoRoot,
        env: process.env,
        timeoutMs: 600_000,
      },
    );
    if (build.code !== 0)
      throw new Error(`building ${unbuilt.map((p) => p.name)} failed: ${describeRun(build)}`);
  }
  installation = await packAll(packages);
  try {
    await installAll(installation);
  } catch (error) {
    // The one check that needs the npm registry (or npm's cache) for the third-party dependencies, as a
    // user's install does. Without either it says why once, and the install checks are skipped.
    const reason = String((error as Error).message);
    if (!/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|ENOTCACHED|network/i.test(reason))
      throw error;
    installSkipped = `npm could not reach the registry or its cache: ${reason.split('\n')[0]}`;
    console.log(`pack-and-install: install checks skipped (${installSkipped})`);
    return;
  }
  writeFileSync(join(installation.app, 'specifiers.json'), JSON.stringify(specifiers));
  writeFileSync(
    join(installation.app, 'all-exports.mts'),
    specifiers.map((s, i) => `import * as entry${i} from '${s}';\nvoid entry${i};\n`).join(''),
  );
  writeFileSync(
    join(installation.app, 'all-exports.cts'),
    specifiers.map((s, i) => `import * as entry${i} from '${s}';\nvoid entry${i};\n`).join(''),
  );
  const simulatorPackage = join(installation.app, 'node_modules', '@wankit', 'simulator');
  const manifest = JSON.parse(readFileSync(join(simulatorPackage, 'package.json'), 'utf8'));
  const entry = join(simulatorPackage, manifest.exports['.'].import.default);
  const { startSimulator } = await import(pathToFileURL(entry).href);
  simulator = await startSimulator({ port: 0, host: '127.0.0.1', timeScale: 0.01, seed: 7 });
}, 900_000);

afterAll(async () => {
  await simulator?.close();
  if (installation) rmSync(installation.root, { recursive: true, force: true });
});

const node = (args: readonly string[]) =>
  run(process.execPath, args, { cwd: installation.app, env: cleanEnv({ SIM_URL: simulator.baseUrl }) });

describe.each(packages.map((pkg) => [pkg.name, pkg] as const))('%s tarball', (name) => {
  it('is clean under publint (strict, every suggestion)', async () => {
    const { publint } = await import('publint');
    const { formatMessage } = await import('publint/utils');
    const bytes = readFileSync(installation.tarballs.get(name) ?? '');
    const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const { messages, pkg } = await publint({ pack: { tarball }, level: 'suggestion', strict: true });
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, pkg)}`)).toEqual([]);
  });

  it('has no are-the-types-wrong problem for node16 (from CommonJS and ESM) or bundlers', async () => {
    const result = await run(
      process.execPath,
      [attw, installation.tarballs.get(name) ?? '', '--profile', 'node16', '--format', 'json'],
      { cwd: installation.root, env: cleanEnv() },
    );
    expect(result.code, describeRun(result)).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.analysis.packageName).toBe(name);
    // The node16 profile leaves out only node10 (pre-`exports`) resolution; every other problem counts.
    const problems = Object.values(report.problems ?? {})
      .flat()
      .filter((problem) => (problem as { resolutionKind?: string }).resolutionKind !== 'node10');
    expect(problems).toEqual([]);
  });
});

describe('installed with npm outside the workspace', () => {
  const expected = {
    loaded: Object.fromEntries(specifiers.map((s) => [s, expect.any(Number)])),
    results: Object.fromEntries(adapterSpecifiers.map((s) => [s, { status: 'succeeded', outputs: 1 }])),
    migrations: readdirSync(join(repoRoot, 'packages', 'store-postgres', 'migrations')).filter((f) =>
      f.endsWith('.sql'),
    ).length,
  };

  it('loads every export from an ES module and generates through every adapter on the packed simulator', async ({
    skip,
  }) => {
    if (installSkipped) skip(installSkipped);
    const result = await node(['package-smoke.mjs']);
    expect(result.code, describeRun(result)).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toEqual(expected);
    expect(Object.values(output.loaded).every((count) => Number(count) > 0)).toBe(true);
  });

  it('loads every export from CommonJS and generates through every adapter on the packed simulator', async ({
    skip,
  }) => {
    if (installSkipped) skip(installSkipped);
    const result = await node(['package-smoke.cjs']);
    expect(result.code, describeRun(result)).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toEqual(expected);
    expect(Object.values(output.loaded).every((count) => Number(count) > 0)).toBe(true);
  });

  it('type-checks from ES modules and CommonJS (module nodenext, no skipLibCheck)', async ({ skip }) => {
    if (installSkipped) skip(installSkipped);
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: installation.app });
    expect(result.code, describeRun(result)).toBe(0);
  });

  it('resolves @wankit/core to its Node build under the node condition, from import and require', async ({
    skip,
  }) => {
    if (installSkipped) skip(installSkipped);
    const result = await node([
      '--input-type=module',
      '-e',
      "import { createRequire } from 'node:module'; console.log(JSON.stringify([import.meta.resolve('@wankit/core'), createRequire(import.meta.url).resolve('@wankit/core')]))",
    ]);
    expect(result.code, describeRun(result)).toBe(0);
    const [imported, required] = JSON.parse(result.stdout);
    expect(imported).toMatch(/\/node_modules\/@wankit\/core\/dist\/index\.node\.js$/);
    expect(required).toMatch(/\/node_modules\/@wankit\/core\/dist\/index\.node\.cjs$/);
  });

  it('runs @wankit/core as a fetch-only runtime loads it: browser condition, no Node built-in', async ({
    skip,
  }) => {
    if (installSkipped) skip(installSkipped);
    const result = await node(['--import', './no-builtins-register.mjs', 'fetch-only.mjs']);
    expect(result.code, describeRun(result)).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toEqual({ core: expect.any(String), models: true, status: 'succeeded', outputs: 1 });
    expect(output.core).toMatch(/\/node_modules\/@wankit\/core\/dist\/index\.js$/);
  });

  it('requires the CommonJS build of the non-Node @wankit/core entry with no Node built-in', async ({
    skip,
  }) => {
    if (installSkipped) skip(installSkipped);
    const core = join(installation.app, 'node_modules', '@wankit', 'core');
    const manifest = JSON.parse(readFileSync(join(core, 'package.json'), 'utf8'));
    const entry = join(core, manifest.exports['.'].require.default);
    const result = await node(['--require', './no-builtins-require.cjs', 'fetch-only.cjs', entry]);
    expect(result.code, describeRun(result)).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ models: true, createClient: 'function' });
  });

  it('runs every installed bin', async ({ skip }) => {
    if (installSkipped) skip(installSkipped);
    const bins = packages.flatMap((pkg) => Object.keys(pkg.manifest.bin ?? {}));
    expect(bins.length).toBeGreaterThan(0);
    for (const bin of bins) {
      const result = await run(join(installation.app, 'node_modules', '.bin', bin), ['--help'], {
        cwd: installation.app,
      });
      expect(result.code, describeRun(result)).toBe(0);
      expect(result.stdout).toContain(`Usage: ${bin}`);
    }
  });
});
