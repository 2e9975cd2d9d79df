export { runCallbackContract } from './callback-contract.js';
export {
  type ContractHarness,
  contractFixturesDir,
  defaultContractApiKey,
} from './contract-harness.js';
export { type HttpErrorScenario, httpErrorScenarios, runErrorContract } from './error-contract.js';
export {
  type FixtureCase,
  type FixtureExpect,
  type FixtureRequest,
  type FixtureResponse,
  fixtureCases,
  type WireFixture,
  wireFixtureSchema,
} from './fixture-format.js';
export {
  type ContractGroup,
  contractGroups,
  fixturePath,
  type LoadedFixture,
  loadFixture,
  requireFixture,
} from './load-fixture.js';
export { runRefContract } from './ref-contract.js';
export { runContractSuite } from './run-contract-suite.js';
export * from './scenario-requests.js';
export { runSimulatorEndToEnd, type SimulatorE2eHarness } from './simulator-e2e.js';
export { runStatusContract } from './status-contract.js';
export { runSubmitContract } from './submit-contract.js';
export { runToleranceContract } from './tolerance-contract.js';
export { runWarningContract } from './warning-contract.js';
export { runWildContract, wildMinimum } from './wild-contract.js';
export { loadWildFixtures, type WildFixture, wildFixtureSchema } from './wild-fixture.js';
