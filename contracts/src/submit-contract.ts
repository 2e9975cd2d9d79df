import type { RequestKind } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import type { ContractHarness } from './contract-harness.js';
import {
  expectWankitError,
  firstSupportedKind,
  harnessModel,
  plain,
  submitLikeClient,
} from './contract-runtime.js';
import { defineFixtureTests, useWireHooks } from './define-fixture-tests.js';
import {
  catalogModelOfKind,
  fullRequest,
  kindPrefix,
  minimalRequest,
  type NeutralRequest,
  requestKinds,
} from './scenario-requests.js';
import { expectCreateRequest, expectSubmittedRef } from './submit-steps.js';
import { serveWire } from './wire-server.js';

/** Submit group: every neutral field of each supported kind → the exact wire request; refs; unsupported kinds. */
export function runSubmitContract(harness: ContractHarness): void {
  describe(`${harness.adapterId} contract › submit`, () => {
    useWireHooks();
    const capabilities = harness.createAdapter().capabilities;

    it('adapter id matches the harness', () => {
      expect(harness.createAdapter().id).toBe(harness.adapterId);
    });

    for (const kind of requestKinds) {
      const prefix = kindPrefix[kind];
      if (!capabilities.kinds.includes(kind)) {
        it(`${prefix}-unsupported`, () => expectKindRefused(harness, kind));
        continue;
      }
      for (const [variant, build] of [
        ['full', fullRequest],
        ['minimal', minimalRequest],
      ] as const) {
        defineFixtureTests(
          harness,
          'submit',
          `${prefix}-${variant}`,
          async ({ case: fixtureCase, label }) => {
            const adapter = harness.createAdapter();
            const model = harnessModel(harness, kind);
            const server = serveWire(harness.baseUrl, [fixtureCase.response]);
            const { result, warnings } = await submitLikeClient(harness, adapter, build(kind, model));
            expectCreateRequest(label, harness, server.captured, fixtureCase.request);
            expectSubmittedRef(label, adapter, result.ref, kind, model, fixtureCase.expect);
            expect(plain(warnings), `${label}: warnings`).toStrictEqual(fixtureCase.expect.warnings ?? []);
          },
        );
      }
    }

    defineFixtureTests(harness, 'submit', 'submit-missing-task-id', async ({ case: fixtureCase, label }) => {
      const adapter = harness.createAdapter();
      const kind = firstSupportedKind(adapter);
      const server = serveWire(harness.baseUrl, [fixtureCase.response]);
      const error = await expectWankitError(label, () =>
        submitLikeClient(harness, adapter, minimalRequest(kind, harnessModel(harness, kind))),
      );
      // The provider may have created a task it gave no readable id for: an unknown outcome, never re-sent.
      expect(error.kind, `${label}: error kind (${error.message})`).toBe('submit_uncertain');
      expect(server.captured.length, `${label}: number of HTTP requests sent`).toBe(1);
    });
  });
}

/** A kind the adapter lacks: absent from capabilities, and refused as `unsupported` before any request. */
async function expectKindRefused(harness: ContractHarness, kind: RequestKind): Promise<void> {
  const adapter = harness.createAdapter();
  const label = `submit/${kindPrefix[kind]}-unsupported`;
  expect(adapter.capabilities.kinds, `${label}: capabilities.kinds`).not.toContain(kind);
  const server = serveWire(harness.baseUrl, []);
  const request: NeutralRequest = minimalRequest(kind, catalogModelOfKind[kind]);
  const error = await expectWankitError(label, () => submitLikeClient(harness, adapter, request));
  expect(error.kind, `${label}: error kind (${error.message})`).toBe('unsupported');
  expect(server.captured, `${label}: requests sent before refusing`).toEqual([]);
}
