import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node20',
  // The workspace packages (and their zod/ky) are bundled from source: one module graph instead of
  // several package resolutions keeps `wankit --help` and `wankit models --json` near `node -e 0`
  // (measured: models 1.4-1.9× node -e 0 bundled, 2.9× unbundled), and lazy command chunks keep
  // adapters, the simulator and ora out of `--help`.
  noExternal: [/^@wankit\//],
  esbuildOptions(options) {
    options.conditions = ['source'];
  },
});
