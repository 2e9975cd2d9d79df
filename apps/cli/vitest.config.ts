import { packageVitestConfig } from '../../vitest.shared.ts';

// End-to-end tests spawn the built CLI against a loopback simulator; each bounds itself well below this.
export default packageVitestConfig({ testTimeout: 60_000 });
