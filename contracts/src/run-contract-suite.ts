import { runCallbackContract } from './callback-contract.js';
import type { ContractHarness } from './contract-harness.js';
import { runErrorContract } from './error-contract.js';
import { runRefContract } from './ref-contract.js';
import { runStatusContract } from './status-contract.js';
import { runSubmitContract } from './submit-contract.js';
import { runToleranceContract } from './tolerance-contract.js';
import { runWarningContract } from './warning-contract.js';
import { runWildContract } from './wild-contract.js';

/** Every group of the contract suite for one adapter (contracts/README.md). */
export function runContractSuite(harness: ContractHarness): void {
  runSubmitContract(harness);
  runStatusContract(harness);
  runErrorContract(harness);
  runCallbackContract(harness);
  runRefContract(harness);
  runWarningContract(harness);
  runToleranceContract(harness);
  runWildContract(harness);
}
