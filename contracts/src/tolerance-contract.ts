import type { TaskOutput, TaskSnapshot } from '@wankit/core';
import { noOutputsWarning } from '@wankit/core/adapter';
import { describe, expect } from 'vitest';
import type { ContractHarness } from './contract-harness.js';
import { firstSupportedKind, harnessModel, plain, submitLikeClient } from './contract-runtime.js';
import { type CaseRun, defineFixtureTests, required, useWireHooks } from './define-fixture-tests.js';
import type { FixtureResponse } from './fixture-format.js';
import { contractTaskId, contractVideoUrl, minimalRequest } from './scenario-requests.js';
import { expectStatusRequest, submitTask, taskKind } from './status-steps.js';
import { serveWire } from './wire-server.js';

/**
 * Tolerance group: one scenario per reading rule (issue 11 §2). The outcome of each is written once here;
 * every adapter supplies its own wire fixture under `fixtures/<adapter>/tolerance/`, including relay variants
 * of its wire where its documented form never shows the rule (real relays send them).
 */
export function runToleranceContract(harness: ContractHarness): void {
  describe(`${harness.adapterId} contract › tolerance`, () => {
    useWireHooks();

    const submitted =
      (check?: (response: FixtureResponse, label: string) => void) =>
      async ({ case: fixtureCase, label }: CaseRun) => {
        check?.(fixtureCase.response, label);
        const adapter = harness.createAdapter();
        const kind = firstSupportedKind(adapter);
        const server = serveWire(harness.baseUrl, [fixtureCase.response]);
        const { result } = await submitLikeClient(
          harness,
          adapter,
          minimalRequest(kind, harnessModel(harness, kind)),
        );
        expect(server.captured.length, `${label}: number of HTTP requests sent`).toBe(1);
        expect(result.ref.taskId, `${label}: the task the provider took is submitted, with its id`).toBe(
          contractTaskId,
        );
      };

    // A task the provider took is never lost.
    defineFixtureTests(
      harness,
      'tolerance',
      'create-id-on-error-status',
      submitted((response, label) =>
        expect(
          response.status,
          `${label}: the create is answered with an error status`,
        ).toBeGreaterThanOrEqual(400),
      ),
    );
    // Envelopes may or may not be there.
    defineFixtureTests(
      harness,
      'tolerance',
      'create-enveloped',
      submitted((response, label) =>
        expect(isEnvelope(response.body), `${label}: the answer is wrapped in an envelope`).toBe(true),
      ),
    );
    defineFixtureTests(
      harness,
      'tolerance',
      'create-bare',
      submitted((response, label) =>
        expect(isEnvelope(response.body), `${label}: the answer is a bare body`).toBe(false),
      ),
    );
    const video: TaskOutput[] = [{ kind: 'video', url: contractVideoUrl }];
    for (const [scenario, enveloped] of [
      ['status-enveloped', true],
      ['status-bare', false],
    ] as const) {
      defineFixtureTests(harness, 'tolerance', scenario, async (run) => {
        expect(isEnvelope(run.case.response.body), `${run.label}: enveloped`).toBe(enveloped);
        const snapshot = await poll(harness, run);
        expect(plain(core(snapshot)), `${run.label}: snapshot`).toStrictEqual({
          status: 'succeeded',
          outputs: video,
        });
      });
    }

    // Success without a URL is success.
    defineFixtureTests(harness, 'tolerance', 'success-without-url', async (run) => {
      const snapshot = await poll(harness, run);
      expect(plain(core(snapshot)), `${run.label}: snapshot`).toStrictEqual({
        status: 'succeeded',
        outputs: [],
      });
      expect(snapshot.warnings, `${run.label}: warnings`).toContainEqual(noOutputsWarning);
    });

    // Outputs are found, not assumed.
    defineFixtureTests(harness, 'tolerance', 'outputs-found', async (run) => {
      const snapshot = await poll(harness, run);
      expect(plain(core(snapshot)), `${run.label}: snapshot`).toStrictEqual({
        status: 'succeeded',
        outputs: video,
      });
    });
    defineFixtureTests(harness, 'tolerance', 'outputs-skip-missing-url', async (run) => {
      const snapshot = await poll(harness, run);
      expect(plain(core(snapshot)), `${run.label}: snapshot (the item without a URL skipped)`).toStrictEqual({
        status: 'succeeded',
        outputs: video,
      });
    });
    defineFixtureTests(harness, 'tolerance', 'failed-keeps-partial-outputs', async (run) => {
      const snapshot = await poll(harness, run);
      expect(plain(core(snapshot)), `${run.label}: a failed task keeps the outputs it carries`).toStrictEqual(
        {
          status: 'failed',
          outputs: video,
        },
      );
      expect(snapshot.error?.message ?? '', `${run.label}: the failure has a reason`).not.toBe('');
    });

    // Progress as 0..1, 0..100 or "30%".
    defineFixtureTests(harness, 'tolerance', 'progress-forms', async (run) => {
      const snapshot = await poll(harness, run);
      expect(
        { status: snapshot.status, progress: snapshot.progress },
        `${run.label}: progress`,
      ).toStrictEqual({
        status: 'running',
        progress: 0.3,
      });
    });

    // Codes as numbers or strings; messages from every field real APIs use.
    defineFixtureTests(harness, 'tolerance', 'codes-number-or-string', async (run) => {
      const code = required(run.case.expect.code, run.label, 'expect.code (the code as a string)');
      const snapshot = await poll(harness, run);
      expect(
        { status: snapshot.status, code: snapshot.error?.code },
        `${run.label}: failure code`,
      ).toStrictEqual({
        status: 'failed',
        code,
      });
    });
    defineFixtureTests(harness, 'tolerance', 'messages-fields', async (run) => {
      const message = required(run.case.expect.message, run.label, 'expect.message (the provider reason)');
      const snapshot = await poll(harness, run);
      expect(
        { status: snapshot.status, message: snapshot.error?.message },
        `${run.label}: the provider's reason`,
      ).toStrictEqual({ status: 'failed', message });
    });

    // Unknown status words map to unknown, with the word kept.
    defineFixtureTests(harness, 'tolerance', 'unknown-status-word', async (run) => {
      const word = required(
        run.case.expect.providerStatus,
        run.label,
        'expect.providerStatus (the raw word)',
      );
      const snapshot = await poll(harness, run);
      expect(
        { status: snapshot.status, providerStatus: snapshot.providerStatus },
        `${run.label}: unknown word`,
      ).toStrictEqual({ status: 'unknown', providerStatus: word });
    });
  });
}

const isEnvelope = (body: unknown): boolean =>
  typeof body === 'object' &&
  body !== null &&
  !Array.isArray(body) &&
  ('code' in body || typeof (body as { success?: unknown }).success === 'boolean') &&
  ('data' in body || 'result' in body);

/** Status and outputs (kind and URL: lifetimes are the adapter's business, asserted elsewhere). */
const core = (snapshot: TaskSnapshot) => ({
  status: snapshot.status,
  outputs: snapshot.outputs.map(({ kind, url }) => ({ kind, url })),
});

async function poll(harness: ContractHarness, { case: fixtureCase, label }: CaseRun): Promise<TaskSnapshot> {
  const adapter = harness.createAdapter();
  const task = await submitTask(harness, taskKind(adapter, 'video'), [fixtureCase.response], adapter);
  const snapshot = await task.client.status(task.ref);
  expectStatusRequest(label, task, fixtureCase, false);
  return snapshot;
}
