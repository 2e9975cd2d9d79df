import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContractHarness } from './contract-harness.js';
import { type WireFixture, wireFixtureSchema } from './fixture-format.js';

export const contractGroups = ['submit', 'status', 'errors', 'callbacks', 'warnings', 'tolerance'] as const;
export type ContractGroup = (typeof contractGroups)[number];

export type LoadedFixture =
  | { ok: true; file: string; fixture: WireFixture }
  | { ok: false; file: string; message: string };

/** Where the fixture of one scenario lives for one adapter. */
export function fixturePath(
  harness: Pick<ContractHarness, 'fixturesDir' | 'adapterId'>,
  group: ContractGroup,
  scenario: string,
): string {
  return join(harness.fixturesDir, harness.adapterId, group, `${scenario}.json`);
}

/**
 * Reads and checks one fixture. Never throws: a missing, unreadable or malformed file becomes a message
 * naming the file, which the suite turns into a failing test (a missing fixture is never a skip).
 */
export function loadFixture(
  harness: Pick<ContractHarness, 'fixturesDir' | 'adapterId'>,
  group: ContractGroup,
  scenario: string,
): LoadedFixture {
  const file = fixturePath(harness, group, scenario);
  if (!existsSync(file)) {
    return { ok: false, file, message: `missing contract fixture: ${file} (scenario ${group}/${scenario})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return {
      ok: false,
      file,
      message: `contract fixture ${file} is not valid JSON: ${(error as Error).message}`,
    };
  }
  const parsed = wireFixtureSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    return { ok: false, file, message: `contract fixture ${file} breaks the fixture format: ${problems}` };
  }
  return { ok: true, file, fixture: parsed.data };
}

/** The fixture, or an Error naming the file (thrown inside a test, it fails that test with this message). */
export function requireFixture(
  harness: Pick<ContractHarness, 'fixturesDir' | 'adapterId'>,
  group: ContractGroup,
  scenario: string,
): WireFixture {
  const loaded = loadFixture(harness, group, scenario);
  if (!loaded.ok) throw new Error(loaded.message);
  return loaded.fixture;
}
