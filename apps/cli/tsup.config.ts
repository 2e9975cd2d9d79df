import { execFileSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { build, defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/main.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node20',
  // Keep `node:` specifiers as written (tsup strips them by default).
  removeNodeProtocol: false,
  // The workspace packages (and their zod/ky) are bundled from source: one module graph, no
  // dependency builds needed to run the CLI; lazy command chunks keep adapters, the simulator and
  // ora out of `--help`.
  noExternal: [/^@wankit\//, 'commander', 'picocolors'],
  esbuildOptions(options) {
    options.conditions = ['source'];
    // commander and picocolors are bundled too: resolving them from node_modules and running the
    // CJS lexer on commander cost ~XX ms of `--help`. They are CommonJS and require Node builtins,
    // which an ESM bundle can only do through a real `require`.
    options.banner = {
      js: "import { createRequire as __wankitCreateRequire } from 'node:module';\nconst require = __wankitCreateRequire(import.meta.url);",
    };
  },
  // `wankit models` prints static data: snapshot it at build time so the command does not load zod
  // and every adapter (a benchmark holds `models --json` to ≤3× the wall time of `node -e 0`).
  async onSuccess() {
    const { buildModelsData } = await import(`${process.cwd()}/dist/index.js`);
    await writeFile('dist/models-data.json', JSON.stringify(await buildModelsData()));
    // The bin: a small CommonJS entry (faster for Node to start than an ES module) that answers the
    // snapshot commands itself and imports main.js for everything else.
    await build({
      config: false,
      entry: { bin: 'src/bin.ts' },
      format: ['cjs'],
      outExtension: () => ({ js: '.cjs' }),
      target: 'node20',
      removeNodeProtocol: false,
      platform: 'node',
      sourcemap: true,
      clean: false,
      silent: true,
      external: ['./main.js'],
    });
    // The library entry for CommonJS consumers (`require('@wankit/cli')`): one bundle with its own
    // .d.cts, same bundling rules as the ES build.
    await build({
      config: false,
      entry: { index: 'src/index.ts' },
      format: ['cjs'],
      dts: true,
      target: 'node20',
      removeNodeProtocol: false,
      platform: 'node',
      sourcemap: true,
      clean: false,
      silent: true,
      shims: true,
      // ora, env-paths and p-limit are ESM-only: bundled here, so `require` never meets them.
      noExternal: [/^@wankit\//, 'commander', 'picocolors', 'ora', 'env-paths', 'p-limit'],
      esbuildOptions(options) {
        options.conditions = ['source'];
      },
    });
    // Then capture `--help` and `models --json` from the commands themselves (see src/fast-path.ts),
    // in a clean environment with stdout a pipe, as scripts see them.
    await rm('dist/cli-snapshots.json', { force: true });
    const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };
    const capture = (...args: string[]) =>
      execFileSync(process.execPath, ['dist/bin.cjs', ...args], { env, encoding: 'utf8' });
    await writeFile(
      'dist/cli-snapshots.json',
      JSON.stringify({ help: capture('--help'), modelsJson: capture('models', '--json') }),
    );
  },
});
