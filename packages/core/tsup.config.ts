import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    // What `@wankit/core` resolves to under Node: the same API, with the undici default fetch.
    'index.node': 'src/index.node.ts',
    adapter: 'src/adapter/index.ts',
    node: 'src/node/index.ts',
    testing: 'src/testing/index.ts',
    store: 'src/store/index.ts',
  },
  format: ['esm', 'cjs'],
  // ky is ESM-only: a CommonJS build could only `require` it through Node's require(esm), whose namespace
  // breaks esbuild's default-import interop. Bundled (a few kB), it works from both formats and on any runtime.
  noExternal: ['ky'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // Keep `node:` specifiers as written: runtimes other than Node (Deno, Bun, workers) resolve only those.
  removeNodeProtocol: false,
});
