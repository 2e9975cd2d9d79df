import { packageVitestConfig } from '../../vitest.shared.ts';

// The pack-and-install test packs, installs and type-checks every published package: on a loaded 2-core
// machine that can take minutes, and the limit is only a hang guard.
export default packageVitestConfig({ testTimeout: 600_000 });
