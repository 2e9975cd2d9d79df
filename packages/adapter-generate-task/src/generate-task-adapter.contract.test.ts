import { type ContractHarness, contractFixturesDir, runContractSuite } from '@wankit/contracts';
import { createGenerateTaskAdapter } from './generate-task-adapter.js';

// The shared contract suite (contracts/README.md) against fixtures in contracts/fixtures/generate-task/.
const harness: ContractHarness = {
  adapterId: 'generate-task',
  createAdapter: () => createGenerateTaskAdapter(),
  baseUrl: 'https://contract.test',
  fixturesDir: contractFixturesDir,
  models: { 'text-to-video': 'wan2.5-t2v-preview', 'image-to-video': 'wan2.5-i2v-preview' },
  // The status answer carries costTime but no price (seed 004).
  reportsCost: false,
};

runContractSuite(harness);
