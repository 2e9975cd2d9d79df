import { fileURLToPath } from 'node:url';
import type { RequestKind, WanAdapter } from '@wankit/core';

/** Root folder of every adapter's wire fixtures: `contracts/fixtures`. */
export const contractFixturesDir: string = fileURLToPath(new URL('../fixtures', import.meta.url));

/** What an adapter package hands the contract suite. See contracts/README.md. */
export interface ContractHarness {
  /** Adapter id; must equal `adapter.id`; names the folder `fixtures/<adapterId>/`. */
  readonly adapterId: string;
  /** A fresh adapter. Called more than once: the ref scenario polls from a second instance. */
  createAdapter(): WanAdapter;
  /** Base URL the transport uses, host only (e.g. `https://contract.test`). Fixture paths are server paths on it. */
  readonly baseUrl: string;
  /** Root folder of the fixtures; normally `contractFixturesDir`. */
  readonly fixturesDir: string;
  /** Canonical catalog model used for each request kind the adapter supports. */
  readonly models: Readonly<Partial<Record<RequestKind, string>>>;
  /** The provider reports a cost on finished tasks (the succeeded scenario then expects `usage.cost === 0.75`). */
  readonly reportsCost: boolean;
  /** API key the transport sends; default `sk-contract-test-key`. */
  readonly apiKey?: string;
  /** Real bodies required in `fixtures/<adapterId>/wild/`; the suite's own self-test lowers it, adapters do not. */
  readonly wildMinimum?: number;
}

export const defaultContractApiKey = 'sk-contract-test-key';

export function harnessApiKey(harness: ContractHarness): string {
  return harness.apiKey ?? defaultContractApiKey;
}
