import type { RequestKind, TaskRef, TaskSnapshot, WanAdapter, WankitError } from '@wankit/core';
import { snapshotOf } from '@wankit/core/adapter';
import { wireResponse } from '@wankit/core/testing';
import { describe, expect, it } from 'vitest';
import type { ContractHarness } from './contract-harness.js';
import { contractClient, expectWankitError, plain, submitLikeClient } from './contract-runtime.js';
import { useWireHooks } from './define-fixture-tests.js';
import { contractNow, minimalRequest } from './scenario-requests.js';
import { loadWildFixtures, type WildFixture } from './wild-fixture.js';
import { serveWire } from './wire-server.js';

/** How many real bodies each adapter must be tried on (issue 11 §3, issue 13). */
export const wildMinimum: Readonly<Record<string, number>> = { dashscope: 25 };
const defaultWildMinimum = 20;

/**
 * Wild group: every real body collected for this adapter (`fixtures/<adapter>/wild/*.json`, each with its
 * source) goes through the adapter the way users meet it, and must reach its neutral outcome.
 */
export function runWildContract(harness: ContractHarness): void {
  describe(`${harness.adapterId} contract › wild`, () => {
    useWireHooks();
    const loaded = loadWildFixtures(harness.fixturesDir, harness.adapterId);
    const minimum = harness.wildMinimum ?? wildMinimum[harness.adapterId] ?? defaultWildMinimum;

    it(`wild › at least ${minimum} real bodies, each with its source`, () => {
      expect(
        loaded.length,
        `wild: real bodies in fixtures/${harness.adapterId}/wild/`,
      ).toBeGreaterThanOrEqual(minimum);
    });

    for (const entry of loaded) {
      const label = `wild/${entry.name}`;
      it(entry.name, async () => {
        if (!entry.ok) throw new Error(entry.message);
        await runWild(harness, entry.fixture, label);
      });
    }
  });
}

function modelFor(
  harness: ContractHarness,
  adapter: WanAdapter,
  kind: RequestKind,
): { kind: RequestKind; model: string } {
  const served = adapter.capabilities.kinds.includes(kind) ? kind : adapter.capabilities.kinds[0];
  const usable = served ?? kind;
  const model = harness.models[usable] ?? Object.values(harness.models)[0];
  if (!model) throw new Error(`harness ${harness.adapterId} gives no model`);
  return { kind: usable, model };
}

function refFor(harness: ContractHarness, adapter: WanAdapter, fixture: WildFixture): TaskRef {
  const { model } = modelFor(harness, adapter, fixture.requestKind);
  return {
    spec: 'wankit.task/v1',
    adapter: adapter.id,
    taskId: fixture.expect.taskId ?? 'task_wild_1',
    model,
    providerModel: adapter.providerModelId(model),
    kind: fixture.requestKind,
    submittedAt: contractNow,
  };
}

async function runWild(harness: ContractHarness, fixture: WildFixture, label: string): Promise<void> {
  const adapter = harness.createAdapter();
  const { expect: wanted, response } = fixture;
  const act = async (): Promise<{ taskId?: string; snapshot?: TaskSnapshot }> => {
    switch (fixture.exchange) {
      case 'create': {
        const { kind, model } = modelFor(harness, adapter, fixture.requestKind);
        serveWire(harness.baseUrl, [response]);
        const { result } = await submitLikeClient(harness, adapter, minimalRequest(kind, model));
        return { taskId: result.ref.taskId, ...(result.snapshot ? { snapshot: result.snapshot } : {}) };
      }
      case 'status': {
        serveWire(harness.baseUrl, [response]);
        return { snapshot: await contractClient(harness, adapter).status(refFor(harness, adapter, fixture)) };
      }
      case 'callback': {
        if (!adapter.readCallback) throw new Error(`${label}: adapter ${adapter.id} reads no callbacks`);
        const ref = refFor(harness, adapter, fixture);
        const now = new Date(contractNow);
        const state = adapter.readCallback(response.body, { ref, now, kind: ref.kind });
        return { snapshot: snapshotOf(ref, state, now) };
      }
      case 'cancel': {
        if (!adapter.readCancel) throw new Error(`${label}: adapter ${adapter.id} reads no cancel answers`);
        const ref = refFor(harness, adapter, fixture);
        const now = new Date(contractNow);
        const state = adapter.readCancel(
          wireResponse(response.status, response.body, {
            ...(response.bodyText !== undefined ? { text: response.bodyText } : {}),
            ...(response.headers ? { headers: response.headers } : {}),
          }),
          { ref, now, kind: ref.kind },
        );
        return state ? { snapshot: snapshotOf(ref, state, now) } : {};
      }
    }
  };

  if (wanted.outcome === 'error') {
    const thrown = await expectWankitError(label, act);
    // A create the client judged an unknown outcome wraps what the adapter read: the adapter's reading is
    // what a wild body tests, the judgement is the client's (and is tested on its own).
    const error =
      thrown.kind === 'submit_uncertain' &&
      wanted.error?.kind !== 'submit_uncertain' &&
      isWankit(thrown.cause)
        ? thrown.cause
        : thrown;
    const wantedError = wanted.error;
    expect(error.kind, `${label}: error kind (${error.message})`).toBe(wantedError?.kind);
    if (wantedError?.code !== undefined)
      expect(error.providerCode, `${label}: provider code`).toBe(wantedError.code);
    if (wantedError?.message !== undefined) {
      expect(error.message, `${label}: the provider's reason reaches the user`).toContain(
        wantedError.message,
      );
    }
    if (wanted.retryable !== undefined) expect(error.retryable, `${label}: retryable`).toBe(wanted.retryable);
    return;
  }

  const outcome = await act();
  if (wanted.outcome === 'submitted') {
    expect(fixture.exchange, `${label}: only a create answer submits`).toBe('create');
    expect(outcome.taskId, `${label}: task id`).toBe(wanted.taskId);
  }
  const { snapshot } = outcome;
  const parts = {
    ...(wanted.status !== undefined ? { status: snapshot?.status } : {}),
    ...(wanted.providerStatus !== undefined ? { providerStatus: snapshot?.providerStatus } : {}),
    ...(wanted.progress !== undefined ? { progress: snapshot?.progress } : {}),
    ...(wanted.outputs !== undefined
      ? { outputs: snapshot?.outputs.map(({ kind, url }) => ({ kind, url })) }
      : {}),
    ...(wanted.error !== undefined
      ? {
          error: {
            kind: snapshot?.error?.kind,
            ...(wanted.error.code !== undefined ? { code: snapshot?.error?.code } : {}),
            ...(wanted.error.message !== undefined ? { message: snapshot?.error?.message } : {}),
          },
        }
      : {}),
  };
  const { outcome: _outcome, taskId: _taskId, retryable: _retryable, ...expected } = wanted;
  expect(plain(parts), `${label}: neutral outcome`).toStrictEqual(plain(expected));
}

const isWankit = (value: unknown): value is WankitError =>
  typeof value === 'object' && value !== null && Symbol.for('wankit.error') in value;
