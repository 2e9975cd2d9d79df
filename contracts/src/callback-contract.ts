import type { TaskRef } from '@wankit/core';
import { snapshotOf } from '@wankit/core/adapter';
import { describe, expect, it } from 'vitest';
import type { ContractHarness } from './contract-harness.js';
import {
  expectWankitError,
  firstSupportedKind,
  harnessModel,
  plain,
  submitLikeClient,
} from './contract-runtime.js';
import {
  defineFixtureTests,
  defineWholeFixtureTest,
  required,
  useWireHooks,
} from './define-fixture-tests.js';
import { fixtureCases } from './fixture-format.js';
import { requireFixture } from './load-fixture.js';
import { contractCallbackUrl, contractNow, contractVideoUrl, minimalRequest } from './scenario-requests.js';
import { expectFailed, expectSnapshotParts } from './status-steps.js';
import { expectCreateRequest, expectSubmittedRef } from './submit-steps.js';
import { serveWire } from './wire-server.js';

/** Callback group: submitting with a callback URL and reading the provider's deliveries; or refusing both up front. */
export function runCallbackContract(harness: ContractHarness): void {
  describe(`${harness.adapterId} contract › callbacks`, () => {
    useWireHooks();
    if (!harness.createAdapter().capabilities.callbacks) {
      it('callbacks unsupported: refused up front', async () => {
        const adapter = harness.createAdapter();
        const label = 'callbacks/unsupported';
        expect(adapter.capabilities.callbacks, `${label}: capabilities.callbacks`).toBe(false);
        expect(adapter.readCallback, `${label}: readCallback`).toBeUndefined();
        const kind = firstSupportedKind(adapter);
        const server = serveWire(harness.baseUrl, []);
        const error = await expectWankitError(label, () =>
          submitLikeClient(harness, adapter, minimalRequest(kind, harnessModel(harness, kind)), {
            callbackUrl: contractCallbackUrl,
          }),
        );
        expect(error.kind, `${label}: error kind (${error.message})`).toBe('unsupported');
        expect(server.captured, `${label}: requests sent before refusing`).toEqual([]);
      });
      return;
    }

    defineFixtureTests(harness, 'callbacks', 'callback-submit', async ({ case: fixtureCase, label }) => {
      const adapter = harness.createAdapter();
      const kind = firstSupportedKind(adapter);
      const model = harnessModel(harness, kind);
      const server = serveWire(harness.baseUrl, [fixtureCase.response]);
      const { result, warnings } = await submitLikeClient(harness, adapter, minimalRequest(kind, model), {
        callbackUrl: contractCallbackUrl,
      });
      expectCreateRequest(label, harness, server.captured, fixtureCase.request);
      expectSubmittedRef(label, adapter, result.ref, kind, model, fixtureCase.expect);
      expect(plain(warnings), `${label}: warnings`).toStrictEqual(fixtureCase.expect.warnings ?? []);
    });

    defineWholeFixtureTest(harness, 'callbacks', 'callback-succeeded', async (fixture, label) => {
      const { adapter, ref } = await callbackTask(harness);
      const snapshot = parse(adapter, required(fixture.callbackBody, label, 'callbackBody'), ref);
      expectSnapshotParts(
        label,
        snapshot,
        {
          status: 'succeeded',
          outputs: [
            {
              kind: 'video',
              url: contractVideoUrl,
              ...(fixture.expect?.expiresAt ? { expiresAt: fixture.expect.expiresAt } : {}),
            },
          ],
          error: undefined,
        },
        ['status', 'outputs', 'error'],
      );
      expect(plain(snapshot.ref), `${label}: snapshot.ref`).toStrictEqual(plain(ref));
    });

    defineWholeFixtureTest(harness, 'callbacks', 'callback-failed', async (fixture, label) => {
      const { adapter, ref } = await callbackTask(harness);
      const expected = fixture.expect ?? {};
      const snapshot = parse(adapter, required(fixture.callbackBody, label, 'callbackBody'), ref);
      expectFailed(label, snapshot, required(expected.kind, label, 'expect.kind'), expected);
    });

    defineWholeFixtureTest(harness, 'callbacks', 'callback-malformed', async (fixture, label) => {
      const { adapter, ref } = await callbackTask(harness);
      const body = required(fixture.callbackBody, label, 'callbackBody');
      const error = await expectWankitError(label, async () => parse(adapter, body, ref));
      expect(error.kind, `${label}: error kind (${error.message})`).toBe('invalid_response');
    });
  });
}

/** A task submitted with a callback URL, answered by `callbacks/callback-submit`. */
async function callbackTask(harness: ContractHarness) {
  const adapter = harness.createAdapter();
  const kind = firstSupportedKind(adapter);
  const created = fixtureCases(requireFixture(harness, 'callbacks', 'callback-submit'))[0];
  if (!created) throw new Error('contract fixture callbacks/callback-submit has no response');
  serveWire(harness.baseUrl, [created.response]);
  const { result } = await submitLikeClient(
    harness,
    adapter,
    minimalRequest(kind, harnessModel(harness, kind)),
    {
      callbackUrl: contractCallbackUrl,
    },
  );
  return { adapter, ref: result.ref };
}

/** Reads a delivery as core's callback handler does: the adapter's reader, then core stamps the snapshot. */
function parse(adapter: ReturnType<ContractHarness['createAdapter']>, body: unknown, ref: TaskRef) {
  if (!adapter.readCallback)
    throw new Error(`adapter ${adapter.id} declares callbacks but has no readCallback`);
  const now = new Date(contractNow);
  const state = adapter.readCallback(body, { ref, now, kind: ref.kind });
  if (state.taskId !== undefined) {
    expect(state.taskId, 'callback: the task id the body names').toBe(ref.taskId);
  }
  return snapshotOf(ref, state, now);
}
