import { type TaskOutput, type TaskStatus, type TaskUsage, taskStatuses } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import type { ContractHarness } from './contract-harness.js';
import { expectWankitError } from './contract-runtime.js';
import { type CaseRun, defineFixtureTests, required, useWireHooks } from './define-fixture-tests.js';
import type { FixtureExpect } from './fixture-format.js';
import { loadFixture } from './load-fixture.js';
import { contractCost, contractVideoUrl, multipleOutputs } from './scenario-requests.js';
import { expectFailed, expectSnapshotParts, pollOnce, submitTask, taskKind } from './status-steps.js';

const requiredWords: readonly TaskStatus[] = ['queued', 'running', 'succeeded', 'failed'];

/** Status group: the provider's status words, progress, outputs, usage, failures and unreadable bodies. */
export function runStatusContract(harness: ContractHarness): void {
  describe(`${harness.adapterId} contract › status`, () => {
    useWireHooks();
    const capabilities = harness.createAdapter().capabilities;
    const multipleKind = capabilities.kinds.includes('text-to-image') ? 'image' : 'video';

    defineFixtureTests(harness, 'status', 'status-words', async ({ case: fixtureCase, label }) => {
      const wanted = required(fixtureCase.expect.status, label, 'expect.status for every status word');
      const { snapshot } = await pollOnce(harness, fixtureCase, label);
      expect(snapshot.status, `${label}: neutral status`).toBe(wanted);
      if (fixtureCase.expect.progress !== undefined) {
        expect(snapshot.progress, `${label}: progress`).toBe(fixtureCase.expect.progress);
      }
    });

    it('status-words › cover queued, running, succeeded and failed', () => {
      const loaded = loadFixture(harness, 'status', 'status-words');
      if (!loaded.ok) throw new Error(loaded.message);
      const covered = new Set((loaded.fixture.variants ?? []).map((variant) => variant.expect?.status));
      expect(
        requiredWords.filter((word) => !covered.has(word)),
        'status-words: neutral statuses with no variant',
      ).toEqual([]);
      expect([...covered].filter((status) => !taskStatuses.includes(status as TaskStatus))).toEqual([]);
    });

    defineFixtureTests(harness, 'status', 'status-unknown-word', async ({ case: fixtureCase, label }) => {
      const { snapshot } = await pollOnce(harness, fixtureCase, label);
      expectSnapshotParts(label, snapshot, { status: 'unknown' }, ['status']);
    });

    if (capabilities.progress) {
      defineFixtureTests(
        harness,
        'status',
        'status-running-progress',
        async ({ case: fixtureCase, label }) => {
          const { snapshot } = await pollOnce(harness, fixtureCase, label);
          expectSnapshotParts(
            label,
            snapshot,
            { status: 'running', progress: 0.4, outputs: [], error: undefined },
            ['status', 'progress', 'outputs', 'error'],
          );
        },
      );
    } else {
      it('status-running-progress (progress unsupported)', () => {
        expect(harness.createAdapter().capabilities.progress).toBe(false);
      });
    }

    const succeeded =
      (outputs: TaskOutput[]) =>
      async ({ case: fixtureCase, label }: CaseRun) => {
        const { snapshot } = await pollOnce(harness, fixtureCase, label, outputs[0]?.kind ?? 'video');
        expectSucceeded(harness, label, snapshot, outputs, fixtureCase.expect);
      };
    const video: TaskOutput[] = [{ kind: 'video', url: contractVideoUrl }];
    defineFixtureTests(harness, 'status', 'status-succeeded-video', succeeded(video));
    defineFixtureTests(harness, 'status', 'status-extra-fields', succeeded(video));
    defineFixtureTests(
      harness,
      'status',
      'status-succeeded-multiple',
      succeeded(multipleOutputs(multipleKind)),
    );

    defineFixtureTests(harness, 'status', 'status-failed-http-200', async ({ case: fixtureCase, label }) => {
      expect(fixtureCase.response.status, `${label}: a failed task is reported with HTTP 200`).toBe(200);
      const { snapshot } = await pollOnce(harness, fixtureCase, label);
      expectFailed(label, snapshot, 'provider_error', fixtureCase.expect);
    });
    defineFixtureTests(
      harness,
      'status',
      'status-failed-content-policy',
      async ({ case: fixtureCase, label }) => {
        const { snapshot } = await pollOnce(harness, fixtureCase, label);
        expectFailed(label, snapshot, 'content_policy', fixtureCase.expect);
      },
    );

    for (const scenario of ['status-malformed-json', 'status-empty-body', 'status-missing-fields']) {
      defineFixtureTests(harness, 'status', scenario, async ({ case: fixtureCase, label }) => {
        const adapter = harness.createAdapter();
        const task = await submitTask(harness, taskKind(adapter, 'video'), [fixtureCase.response], adapter);
        const error = await expectWankitError(label, () => task.client.status(task.ref));
        // Unreadable status bodies are passing faults: typed, and asked again within a wait's deadline.
        expect(
          { kind: error.kind, retryable: error.retryable },
          `${label}: error kind and retryable (${error.message})`,
        ).toStrictEqual({ kind: 'invalid_response', retryable: true });
      });
    }
  });
}

function expectSucceeded(
  harness: ContractHarness,
  label: string,
  snapshot: Parameters<typeof expectSnapshotParts>[1],
  outputs: readonly TaskOutput[],
  expected: FixtureExpect,
): void {
  const withExpiry = outputs.map((output) =>
    expected.expiresAt ? { ...output, expiresAt: expected.expiresAt } : output,
  );
  if (harness.reportsCost) {
    expect(expected.usage?.cost, `${label}: the fixture's usage must report the neutral cost`).toBe(
      contractCost,
    );
  }
  expectSnapshotParts(
    label,
    snapshot,
    {
      status: 'succeeded',
      // A finished task is complete, whether or not the provider reports progress (core settles it).
      progress: 1,
      outputs: withExpiry,
      usage: expected.usage as TaskUsage | undefined,
      error: undefined,
    },
    ['status', 'progress', 'outputs', 'usage', 'error'],
  );
}
