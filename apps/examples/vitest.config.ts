import { packageVitestConfig } from '../../vitest.shared.ts';

// Each example runs as a child process against a loopback simulator; the limit is only a hang guard.
export default packageVitestConfig({ testTimeout: 300_000 });
