import { type RequestKind, type TaskRef, taskRefSchema, type WanAdapter } from '@wankit/core';
import { expect } from 'vitest';
import { type ContractHarness, harnessApiKey } from './contract-harness.js';
import { plain } from './contract-runtime.js';
import type { FixtureExpect, FixtureRequest } from './fixture-format.js';
import { contractNow, contractTaskId } from './scenario-requests.js';
import {
  type CapturedRequest,
  capturedJson,
  describeRequest,
  expectedRequestLine,
  nullPaths,
} from './wire-server.js';

/** The create request went out exactly as the fixture says, with the key and as JSON, and with no nulls. */
export function expectCreateRequest(
  label: string,
  harness: ContractHarness,
  captured: readonly CapturedRequest[],
  expected: FixtureRequest | undefined,
): void {
  if (!expected || expected.body === undefined) {
    throw new Error(`${label}: the fixture must give the exact create request (request.method, path, body)`);
  }
  expect(captured.length, `${label}: number of HTTP requests sent`).toBe(1);
  const sent = captured[0] as CapturedRequest;
  expect(describeRequest(sent), `${label}: request method, path and query`).toStrictEqual(
    expectedRequestLine(expected),
  );
  expect(sent.headers.authorization, `${label}: Authorization header`).toBe(
    `Bearer ${harnessApiKey(harness)}`,
  );
  expect(sent.headers['content-type'] ?? '', `${label}: Content-Type header`).toMatch(/^application\/json/);
  const body = capturedJson(sent);
  expect(body, `${label}: wire body`).toStrictEqual(expected.body);
  expect(nullPaths(body), `${label}: fields sent as null (left-out fields must be left out)`).toEqual([]);
}

/** The ref carries the neutral facts of the submission and is valid JSON per `taskRefSchema`. */
export function expectSubmittedRef(
  label: string,
  adapter: WanAdapter,
  ref: TaskRef,
  kind: RequestKind,
  model: string,
  expected: FixtureExpect,
): void {
  const {
    spec,
    adapter: adapterId,
    taskId,
    model: refModel,
    providerModel,
    kind: refKind,
    submittedAt,
  } = ref;
  expect(
    { spec, adapter: adapterId, taskId, model: refModel, providerModel, kind: refKind, submittedAt },
    `${label}: task ref`,
  ).toStrictEqual({
    spec: 'wankit.task/v1',
    adapter: adapter.id,
    taskId: contractTaskId,
    model,
    providerModel: adapter.providerModelId(model),
    kind,
    submittedAt: contractNow,
  });
  const parsed = taskRefSchema.safeParse(ref);
  expect(parsed.success, `${label}: ref passes taskRefSchema (${parsed.error?.message ?? ''})`).toBe(true);
  if (expected.ref) expect(plain(ref), `${label}: adapter-specific ref fields`).toMatchObject(expected.ref);
}
