// The packages users install: every workspace package (packages/*, apps/*) whose package.json is not
// `private`. Found by walking the workspace so that a new package is checked without editing this list.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface PublishedPackage {
  readonly name: string;
  readonly dir: string;
  readonly manifest: PackageManifest;
}

export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly exports?: Record<string, unknown>;
  readonly files?: readonly string[];
  readonly bin?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly [field: string]: unknown;
}

export function publishedPackages(root = repoRoot): PublishedPackage[] {
  const found: PublishedPackage[] = [];
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      const dir = join(root, group, entry.name);
      const file = join(dir, 'package.json');
      if (!entry.isDirectory() || !existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as PackageManifest;
      if (manifest.private) continue;
      found.push({ name: manifest.name, dir, manifest });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** The export subpaths a user can import, e.g. `@wankit/core`, `@wankit/core/node` (not package.json). */
export function importSpecifiers(pkg: PublishedPackage): string[] {
  return Object.keys(pkg.manifest.exports ?? { '.': null })
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`));
}
