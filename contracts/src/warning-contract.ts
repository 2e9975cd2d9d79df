import { describe, expect, it } from 'vitest';
import type { ContractHarness } from './contract-harness.js';
import {
  expectWankitError,
  firstSupportedKind,
  harnessModel,
  plain,
  submitLikeClient,
} from './contract-runtime.js';
import { defineWholeFixtureTest, required, useWireHooks } from './define-fixture-tests.js';
import { fixtureCases } from './fixture-format.js';
import { requireFixture } from './load-fixture.js';
import { kindPrefix, minimalRequest } from './scenario-requests.js';
import { expectCreateRequest } from './submit-steps.js';
import { serveWire } from './wire-server.js';

/** Warnings group: foreign provider options ignored, unknown own options refused, dropped fields warned about. */
export function runWarningContract(harness: ContractHarness): void {
  describe(`${harness.adapterId} contract › warnings`, () => {
    useWireHooks();

    it('warnings-foreign-provider-options', async () => {
      const adapter = harness.createAdapter();
      const kind = firstSupportedKind(adapter);
      const scenario = `${kindPrefix[kind]}-minimal`;
      const label = `warnings/warnings-foreign-provider-options (wire side: submit/${scenario})`;
      const minimal = fixtureCases(requireFixture(harness, 'submit', scenario))[0];
      if (!minimal) throw new Error(`contract fixture submit/${scenario} has no response`);
      const server = serveWire(harness.baseUrl, [minimal.response]);
      const request = {
        ...minimalRequest(kind, harnessModel(harness, kind)),
        providerOptions: { 'some-other-adapter': { provider: 'official', extra: 1 } },
      };
      const { warnings } = await submitLikeClient(harness, adapter, request);
      expectCreateRequest(label, harness, server.captured, minimal.request);
      expect(plain(warnings), `${label}: warnings`).toStrictEqual(minimal.expect.warnings ?? []);
    });

    it('warnings-unknown-provider-option', async () => {
      const adapter = harness.createAdapter();
      const kind = firstSupportedKind(adapter);
      const label = 'warnings/warnings-unknown-provider-option';
      const server = serveWire(harness.baseUrl, []);
      const request = {
        ...minimalRequest(kind, harnessModel(harness, kind)),
        providerOptions: { [adapter.id]: { notARealOption: true } },
      };
      const error = await expectWankitError(label, () => submitLikeClient(harness, adapter, request));
      expect(error.kind, `${label}: error kind (${error.message})`).toBe('invalid_request');
      expect(`${error.field ?? ''} ${error.message}`, `${label}: the error names the option`).toContain(
        'notARealOption',
      );
      expect(server.captured, `${label}: requests sent before refusing`).toEqual([]);
    });

    defineWholeFixtureTest(harness, 'warnings', 'warnings-dropped-option', async (fixture, label) => {
      const kind = required(fixture.requestKind, label, 'requestKind');
      const patch = required(
        fixture.requestPatch,
        label,
        'requestPatch (the neutral fields the wire cannot carry)',
      );
      const wanted = required(fixture.expect?.warnings, label, 'expect.warnings');
      const response = required(fixture.response, label, 'response (the create answer)');
      expect(wanted.length, `${label}: at least one warning`).toBeGreaterThan(0);
      for (const warning of wanted) {
        if (warning.type !== 'other') {
          expect(Object.keys(patch), `${label}: each warning names a patched field`).toContain(
            warning.setting,
          );
        }
      }
      const adapter = harness.createAdapter();
      const server = serveWire(harness.baseUrl, [response]);
      const request = { ...minimalRequest(kind, harnessModel(harness, kind)), ...patch };
      const { warnings } = await submitLikeClient(harness, adapter, request);
      expectCreateRequest(label, harness, server.captured, fixture.request);
      expect(plain(warnings), `${label}: warnings`).toStrictEqual(wanted);
    });
  });
}
