import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // Keep `node:` specifiers as written: runtimes other than Node (Deno, Bun, workers) resolve only those.
  removeNodeProtocol: false,
});
