import { type ContractHarness, contractFixturesDir, runContractSuite } from '@wankit/contracts';
import { createNativeAdapter } from './native-adapter.js';

export const nativeHarness: ContractHarness = {
  adapterId: 'native',
  createAdapter: () => createNativeAdapter(),
  baseUrl: 'https://contract.test',
  fixturesDir: contractFixturesDir,
  models: {
    'text-to-video': 'wan2.6-t2v',
    'image-to-video': 'wan2.5-i2v-preview',
    'text-to-image': 'wan2.5-t2i-preview',
  },
  reportsCost: true,
};

runContractSuite(nativeHarness);
