import { writeFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node20',
  // The workspace packages (and their zod/ky) are bundled from source: one module graph, no
  // dependency builds needed to run the CLI; lazy command chunks keep adapters, the simulator and
  // ora out of `--help`.
  noExternal: [/^@wankit\//],
  esbuildOptions(options) {
    options.conditions = ['source'];
  },
  // `wankit models` prints static data: snapshot it at build time so the command does not load zod
  // and every adapter (a benchmark holds `models --json` to ≤3× the wall time of `node -e 0`).
  async onSuccess() {
    const { buildModelsData } = await import(`${process.cwd()}/dist/index.js`);
    await writeFile('dist/models-data.json', JSON.stringify(await buildModelsData()));
  },
});
