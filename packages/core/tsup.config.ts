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
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
