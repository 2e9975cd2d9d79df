import { type ContractHarness, contractFixturesDir, runContractSuite } from '@wankit/contracts';
import { createDashScopeAdapter } from './dashscope-adapter.js';

export const dashscopeHarness: ContractHarness = {
  adapterId: 'dashscope',
  createAdapter: () => createDashScopeAdapter(),
  baseUrl: 'https://contract.test',
  fixturesDir: contractFixturesDir,
  models: {
    'text-to-video': 'wan2.6-t2v',
    // The flash model: the one first-frame model whose DashScope body takes `audio` (i2v-full sends it).
    'image-to-video': 'wan2.6-i2v-flash',
    'reference-to-video': 'wan2.6-r2v',
    'text-to-image': 'wan2.5-t2i-preview',
  },
  // DashScope reports no cost; core's estimate from the price list is asserted in the fixtures' usage.
  reportsCost: false,
};

runContractSuite(dashscopeHarness);
