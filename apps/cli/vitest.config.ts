import { packageVitestConfig } from '../../vitest.shared.ts';

// End-to-end tests spawn the built CLI against a loopback simulator. The limit is a hang guard: on a loaded
// 2-core machine a run may be slow, and no test may fail only because of that.
export default packageVitestConfig({ testTimeout: 600_000 });
