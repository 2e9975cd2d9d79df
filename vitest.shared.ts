// Shared vitest settings: tests import workspace packages from source, so no build is needed
// to test (and parallel builds cannot race with a test run).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Subpaths before their package: an alias also matches `<key>/…`.
export const workspaceAliases = {
  '@wankit/core/adapter': root('./packages/core/src/adapter/index.ts'),
  '@wankit/core/node': root('./packages/core/src/node/index.ts'),
  '@wankit/core/testing': root('./packages/core/src/testing/index.ts'),
  '@wankit/core/store': root('./packages/core/src/store/index.ts'),
  '@wankit/core': root('./packages/core/src/index.ts'),
  '@wankit/adapter-native': root('./packages/adapter-native/src/index.ts'),
  '@wankit/adapter-v2': root('./packages/adapter-v2/src/index.ts'),
  '@wankit/adapter-generate-task': root('./packages/adapter-generate-task/src/index.ts'),
  '@wankit/adapter-dashscope': root('./packages/adapter-dashscope/src/index.ts'),
  '@wankit/simulator': root('./packages/simulator/src/index.ts'),
  '@wankit/contracts/wire-types': root('./contracts/scripts/wire-types.mjs'),
  '@wankit/store-postgres': root('./packages/store-postgres/src/index.ts'),
  '@wankit/contracts': root('./contracts/src/index.ts'),
};

export function packageVitestConfig(options: { testTimeout?: number } = {}) {
  return defineConfig({
    resolve: { alias: workspaceAliases },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      // A hang guard, not a speed limit: a full run on a loaded 2-core machine must not fail on it (a 10 s
      // limit did, in the simulator's tests). Tests drive time through injected clocks instead.
      testTimeout: options.testTimeout ?? 300_000,
      reporters: ['default', 'json'],
      outputFile: { json: '.vitest-results/results.json' },
    },
  });
}
