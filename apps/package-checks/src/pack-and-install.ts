// Packs every published package with `pnpm pack` (as `pnpm publish` would: workspace ranges become
// versions) and installs the tarballs with npm into a fresh folder outside the repository.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PublishedPackage, repoRoot } from './published-packages.js';
import { cleanEnv, describeRun, run } from './run.js';

export interface Installation {
  readonly root: string;
  readonly app: string;
  /** Tarball path per package name. */
  readonly tarballs: ReadonlyMap<string, string>;
}

export const fixturesDir = new URL('../fixtures/', import.meta.url).pathname;

export async function packAll(packages: readonly PublishedPackage[]): Promise<Installation> {
  const root = mkdtempSync(join(tmpdir(), 'wankit-pack-'));
  const tarballDir = join(root, 'tarballs');
  const app = join(root, 'app');
  mkdirSync(tarballDir);
  mkdirSync(app);
  const tarballs = new Map<string, string>();
  for (const pkg of packages) {
    const result = await run('pnpm', ['pack', '--pack-destination', tarballDir], {
      cwd: pkg.dir,
      env: process.env,
    });
    if (result.code !== 0) throw new Error(`pnpm pack ${pkg.name} failed: ${describeRun(result)}`);
    const file = `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.manifest.version}.tgz`;
    if (!readdirSync(tarballDir).includes(file)) throw new Error(`pnpm pack ${pkg.name} wrote no ${file}`);
    tarballs.set(pkg.name, join(tarballDir, file));
  }
  return { root, app, tarballs };
}

export async function installAll(installation: Installation): Promise<void> {
  const { app, tarballs } = installation;
  const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const local = Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${file}`]));
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'wankit-install-check',
      private: true,
      // The tarballs depend on each other by version (0.1.0), which the registry may not have yet:
      // overrides point every such dependency at the local tarball.
      dependencies: { ...local, '@types/node': rootManifest.devDependencies['@types/node'] },
      overrides: local,
    }),
  );
  for (const file of readdirSync(fixturesDir)) copyFileSync(join(fixturesDir, file), join(app, file));
  const result = await run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
    { cwd: app, env: cleanEnv(), timeoutMs: 600_000 },
  );
  if (result.code !== 0) throw new Error(`npm install failed: ${describeRun(result)}`);
}
