// Shared vitest settings: tests import workspace packages from source, so no build is needed
// to test (and parallel builds cannot race with a test run).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const workspaceAliases = {
  '@wankit/core': root('./packages/core/src/index.ts'),
  '@wankit/adapter-native': root('./packages/adapter-native/src/index.ts'),
  '@wankit/adapter-v2': root('./packages/adapter-v2/src/index.ts'),
  '@wankit/adapter-generate-task': root('./packages/adapter-generate-task/src/index.ts'),
  '@wankit/simulator': root('./packages/simulator/src/index.ts'),
  '@wankit/contracts': root('./contracts/src/index.ts'),
};

export function packageVitestConfig(options: { testTimeout?: number } = {}) {
  return defineConfig({
    resolve: { alias: workspaceAliases },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: options.testTimeout ?? 10_000,
      reporters: ['default', 'json'],
      outputFile: { json: '.vitest-results/results.json' },
    },
  });
}
