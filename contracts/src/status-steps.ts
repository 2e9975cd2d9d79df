import type { ErrorKind, RequestKind, TaskRef, TaskSnapshot, WanAdapter, WankitClient } from '@wankit/core';
import { expect } from 'vitest';
import type { ContractHarness } from './contract-harness.js';
import { firstSupportedKind, harnessModel, plain, submitLikeClient } from './contract-runtime.js';
import { required } from './define-fixture-tests.js';
import {
  type FixtureCase,
  type FixtureExpect,
  type FixtureResponse,
  fixtureCases,
} from './fixture-format.js';
import { requireFixture } from './load-fixture.js';
import { contractNow, kindPrefix, minimalRequest } from './scenario-requests.js';
import {
  type CapturedRequest,
  describeRequest,
  expectedRequestLine,
  serveWire,
  type WireServer,
} from './wire-server.js';

export interface SubmittedTask {
  readonly adapter: WanAdapter;
  readonly ref: TaskRef;
  readonly server: WireServer;
  /** The client that submitted it: `client.status(ref)` polls it. */
  readonly client: WankitClient;
}

/** The kind whose task a status scenario polls: text-to-image for image outputs, else the first video kind. */
export function taskKind(adapter: WanAdapter, outputs: 'video' | 'image'): RequestKind {
  return outputs === 'image'
    ? 'text-to-image'
    : firstSupportedKind(adapter, ['text-to-video', 'image-to-video']);
}

/** The create response of `submit/<kind>-minimal`, which every status scenario's task is created with. */
export function createResponse(harness: ContractHarness, kind: RequestKind): FixtureResponse {
  const scenario = `${kindPrefix[kind]}-minimal`;
  const first = fixtureCases(requireFixture(harness, 'submit', scenario))[0];
  if (!first) throw new Error(`contract fixture submit/${scenario} has no response`);
  return first.response;
}

/**
 * Submits the minimal request of `kind` (answered by its submit fixture) and plans `then` as the answers to
 * the following requests. Returns the task's ref and the server, for status calls.
 */
export async function submitTask(
  harness: ContractHarness,
  kind: RequestKind,
  then: readonly FixtureResponse[],
  adapter: WanAdapter = harness.createAdapter(),
): Promise<SubmittedTask> {
  const server = serveWire(harness.baseUrl, [createResponse(harness, kind), ...then]);
  const { result, client } = await submitLikeClient(
    harness,
    adapter,
    minimalRequest(kind, harnessModel(harness, kind)),
  );
  return { adapter, ref: result.ref, server, client };
}

/** The status request went out as the fixture says (method, path, query). */
export function expectStatusRequest(
  label: string,
  task: SubmittedTask,
  fixtureCase: FixtureCase,
  mandatory: boolean,
): void {
  expect(task.server.captured.length, `${label}: number of HTTP requests sent (create + status)`).toBe(2);
  if (!fixtureCase.request) {
    if (mandatory)
      throw new Error(`${label}: the fixture must give the exact status request (request.method, path)`);
    return;
  }
  const sent = task.server.captured[1] as CapturedRequest;
  expect(describeRequest(sent), `${label}: status request method, path and query`).toStrictEqual(
    expectedRequestLine(fixtureCase.request),
  );
}

/** Polls the task once with the fixture's answer and checks the request. */
export async function pollOnce(
  harness: ContractHarness,
  fixtureCase: FixtureCase,
  label: string,
  outputs: 'video' | 'image' = 'video',
): Promise<{ snapshot: TaskSnapshot; ref: TaskRef }> {
  const adapter = harness.createAdapter();
  const task = await submitTask(harness, taskKind(adapter, outputs), [fixtureCase.response], adapter);
  const snapshot = await task.client.status(task.ref);
  expectStatusRequest(label, task, fixtureCase, true);
  expect(plain(snapshot.ref), `${label}: snapshot.ref`).toStrictEqual(plain(task.ref));
  expect(snapshot.timings.observedAt, `${label}: snapshot.timings.observedAt`).toBe(contractNow);
  return { snapshot, ref: task.ref };
}

type SnapshotPart = 'status' | 'progress' | 'outputs' | 'usage' | 'error';

/** Compares the named parts of a snapshot exactly (absent and undefined are the same). */
export function expectSnapshotParts(
  label: string,
  snapshot: TaskSnapshot,
  expected: Partial<Pick<TaskSnapshot, SnapshotPart>>,
  parts: readonly SnapshotPart[],
): void {
  const actual = Object.fromEntries(parts.map((part) => [part, snapshot[part]]));
  const wanted = Object.fromEntries(parts.map((part) => [part, expected[part]]));
  expect(plain(actual), `${label}: snapshot ${parts.join(', ')}`).toStrictEqual(plain(wanted));
}

/** A failed task: no outputs, and exactly the failure the fixture names. */
export function expectFailed(
  label: string,
  snapshot: TaskSnapshot,
  kind: ErrorKind,
  expected: FixtureExpect,
): void {
  const message = required(expected.message, label, 'expect.message (the failure message, exactly)');
  expectSnapshotParts(
    label,
    snapshot,
    {
      status: 'failed',
      outputs: [],
      error: { kind, message, ...(expected.code ? { code: expected.code } : {}) },
    },
    ['status', 'outputs', 'error'],
  );
}
