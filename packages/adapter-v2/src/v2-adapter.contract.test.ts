// The shared contract suite, driven with this adapter's wire fixtures in contracts/fixtures/v2/.
import { type ContractHarness, contractFixturesDir, runContractSuite } from '@wankit/contracts';
import { createV2Adapter } from './v2-adapter.js';

const v2Harness: ContractHarness = {
  adapterId: 'v2',
  createAdapter: () => createV2Adapter(),
  baseUrl: 'https://contract.test',
  fixturesDir: contractFixturesDir,
  models: { 'text-to-video': 'wan2.2-t2v-plus', 'image-to-video': 'wan2.5-i2v-preview' },
  // /v2 task answers carry no usage or cost (wire-formats.md §2.5).
  reportsCost: false,
};

runContractSuite(v2Harness);
