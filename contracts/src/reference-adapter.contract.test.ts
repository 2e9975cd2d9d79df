import { runCallbackContract } from './callback-contract.js';
import { type ContractHarness, contractFixturesDir } from './contract-harness.js';
import { createReferenceAdapter } from './reference-adapter.js';
import { runContractSuite } from './run-contract-suite.js';
import { runSubmitContract } from './submit-contract.js';

// The suite checks itself: a tiny adapter for an invented wire format must pass every scenario.
const referenceHarness: ContractHarness = {
  adapterId: 'reference',
  createAdapter: () => createReferenceAdapter(),
  baseUrl: 'https://contract.test',
  fixturesDir: contractFixturesDir,
  models: {
    'text-to-video': 'wan2.6-t2v',
    'image-to-video': 'wan2.5-i2v-preview',
    'text-to-image': 'wan2.5-t2i-preview',
  },
  reportsCost: true,
  // An invented wire has no real bodies; the wild runner is exercised by every real adapter.
  wildMinimum: 0,
};

runContractSuite(referenceHarness);

// The gated paths: the same adapter advertising text-to-video only and no callbacks must show both refusals
// up front (the groups that do not depend on those capabilities are covered above).
runSubmitContract({
  ...referenceHarness,
  createAdapter: () =>
    createReferenceAdapter({ capabilities: { kinds: ['text-to-video'], callbacks: false } }),
});
runCallbackContract({
  ...referenceHarness,
  createAdapter: () =>
    createReferenceAdapter({ capabilities: { kinds: ['text-to-video'], callbacks: false } }),
});
