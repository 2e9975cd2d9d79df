import { afterAll, afterEach, beforeAll, it } from 'vitest';
import type { ContractHarness } from './contract-harness.js';
import { type FixtureCase, fixtureCases, type WireFixture } from './fixture-format.js';
import { type ContractGroup, loadFixture } from './load-fixture.js';
import { allowNetwork, blockNetwork, resetWire } from './wire-server.js';

/** nock on, real network off, interceptors cleared after every test. Call inside each group's describe. */
export function useWireHooks(): void {
  beforeAll(blockNetwork);
  afterEach(resetWire);
  afterAll(allowNetwork);
}

export interface CaseRun {
  readonly case: FixtureCase;
  readonly fixture: WireFixture;
  /** `group/scenario` or `group/scenario › variant`, for assertion messages. */
  readonly label: string;
}

/**
 * Registers the tests of one fixture-backed scenario: one test per case (each variant, or the fixture).
 * A missing or malformed fixture registers one failing test whose message names the file.
 */
export function defineFixtureTests(
  harness: ContractHarness,
  group: ContractGroup,
  scenario: string,
  run: (input: CaseRun) => Promise<void>,
): void {
  const loaded = loadFixture(harness, group, scenario);
  if (!loaded.ok) {
    it(scenario, () => {
      throw new Error(loaded.message);
    });
    return;
  }
  const cases = fixtureCases(loaded.fixture);
  if (cases.length === 0) {
    it(scenario, () => {
      throw new Error(`contract fixture ${loaded.file} has neither a response nor variants`);
    });
    return;
  }
  for (const fixtureCase of cases) {
    const name = fixtureCase.name ? `${scenario} › ${fixtureCase.name}` : scenario;
    it(name, () => run({ case: fixtureCase, fixture: loaded.fixture, label: `${group}/${name}` }));
  }
}

/** Registers one test for a scenario read from the fixture as a whole (callbacks, dropped options). */
export function defineWholeFixtureTest(
  harness: ContractHarness,
  group: ContractGroup,
  scenario: string,
  run: (fixture: WireFixture, label: string) => Promise<void>,
): void {
  const loaded = loadFixture(harness, group, scenario);
  it(scenario, () => {
    if (!loaded.ok) throw new Error(loaded.message);
    return run(loaded.fixture, `${group}/${scenario}`);
  });
}

/** A fixture field a scenario needs; fails the test naming the scenario and the field. */
export function required<T>(value: T | undefined, label: string, what: string): T {
  if (value === undefined) throw new Error(`${label}: the fixture must give ${what}`);
  return value;
}
