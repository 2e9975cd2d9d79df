import { createClient, type ErrorKind, type WankitError } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { type ContractHarness, harnessApiKey } from './contract-harness.js';
import {
  expectWankitError,
  firstSupportedKind,
  harnessModel,
  plain,
  submitLikeClient,
} from './contract-runtime.js';
import { defineFixtureTests, required, useWireHooks } from './define-fixture-tests.js';
import type { FixtureCase } from './fixture-format.js';
import { minimalRequest } from './scenario-requests.js';
import { expectFailed, expectStatusRequest, submitTask, taskKind } from './status-steps.js';
import { serveWire } from './wire-server.js';

/** One HTTP error scenario: where it happens, which statuses the fixture may answer, and the neutral error. */
export interface HttpErrorScenario {
  readonly id: string;
  readonly phase: 'submit' | 'status';
  readonly statuses: readonly number[];
  readonly kind: ErrorKind;
  readonly retryable: boolean;
  /** When present, `retryAfterMs` must equal it (`null`: must be absent). */
  readonly retryAfterMs?: number | null;
}

export const httpErrorScenarios: readonly HttpErrorScenario[] = [
  { id: 'http-400', phase: 'submit', statuses: [400], kind: 'invalid_request', retryable: false },
  { id: 'http-401', phase: 'submit', statuses: [401], kind: 'authentication', retryable: false },
  {
    id: 'http-insufficient-balance',
    phase: 'submit',
    statuses: [402, 403],
    kind: 'insufficient_balance',
    retryable: false,
  },
  { id: 'http-403-forbidden', phase: 'submit', statuses: [403], kind: 'authentication', retryable: false },
  { id: 'http-404', phase: 'status', statuses: [404], kind: 'not_found', retryable: false },
  { id: 'http-408', phase: 'status', statuses: [408], kind: 'timeout', retryable: true },
  {
    id: 'http-429-retry-after',
    phase: 'submit',
    statuses: [429],
    kind: 'rate_limited',
    retryable: true,
    retryAfterMs: 7_000,
  },
  {
    id: 'http-429-no-retry-after',
    phase: 'status',
    statuses: [429],
    kind: 'rate_limited',
    retryable: true,
    retryAfterMs: null,
  },
  { id: 'http-500', phase: 'status', statuses: [500], kind: 'provider_error', retryable: true },
  { id: 'http-502-html', phase: 'status', statuses: [502], kind: 'provider_error', retryable: true },
  { id: 'http-503', phase: 'status', statuses: [503], kind: 'provider_error', retryable: true },
];

/** Error group: HTTP errors, the provider's task error codes, and a missing key. */
export function runErrorContract(harness: ContractHarness): void {
  describe(`${harness.adapterId} contract › errors`, () => {
    useWireHooks();

    for (const scenario of httpErrorScenarios) {
      defineFixtureTests(harness, 'errors', scenario.id, async ({ case: fixtureCase, label }) => {
        if (!fixtureCase.name) {
          expect(scenario.statuses, `${label}: HTTP status the fixture answers`).toContain(
            fixtureCase.response.status,
          );
        }
        if (scenario.id === 'http-502-html') {
          expect(fixtureCase.response.bodyText ?? '', `${label}: bodyText must be an HTML page`).toMatch(
            /^\s*</,
          );
        }
        const error = await provokeError(harness, scenario, fixtureCase, label);
        const actual = {
          kind: error.kind,
          retryable: error.retryable,
          httpStatus: error.httpStatus,
          providerCode: error.providerCode,
        };
        expect(plain(actual), `${label}: error (${error.message})`).toStrictEqual(
          plain({
            kind: scenario.kind,
            retryable: scenario.retryable,
            httpStatus: fixtureCase.response.status,
            providerCode: fixtureCase.expect.code,
          }),
        );
        if (scenario.retryAfterMs !== undefined) {
          expect(error.retryAfterMs, `${label}: retryAfterMs`).toBe(scenario.retryAfterMs ?? undefined);
        }
        const key = harnessApiKey(harness);
        expect(error.message, `${label}: the API key must not appear in the message`).not.toContain(key);
        expect(
          JSON.stringify(error.toJSON()),
          `${label}: the API key must not appear in the error`,
        ).not.toContain(key);
      });
    }

    defineFixtureTests(harness, 'errors', 'task-error-codes', async ({ case: fixtureCase, label }) => {
      const kind = required(fixtureCase.expect.kind, label, 'expect.kind for every task error code');
      const adapter = harness.createAdapter();
      const task = await submitTask(harness, taskKind(adapter, 'video'), [fixtureCase.response], adapter);
      const snapshot = await task.client.status(task.ref);
      expectStatusRequest(label, task, fixtureCase, false);
      expectFailed(label, snapshot, kind, fixtureCase.expect);
    });

    it('missing-api-key', async () => {
      const adapter = harness.createAdapter();
      const kind = firstSupportedKind(adapter);
      const server = serveWire(harness.baseUrl, []);
      const error = await expectWankitError('errors/missing-api-key', async () => {
        const client = createClient({ adapter, baseUrl: harness.baseUrl });
        return client.submit(minimalRequest(kind, harnessModel(harness, kind)) as never);
      });
      expect(error.kind, `errors/missing-api-key: error kind (${error.message})`).toBe('authentication');
      expect(server.captured, 'errors/missing-api-key: requests sent without a key').toEqual([]);
    });
  });
}

async function provokeError(
  harness: ContractHarness,
  scenario: HttpErrorScenario,
  fixtureCase: FixtureCase,
  label: string,
): Promise<WankitError> {
  const adapter = harness.createAdapter();
  const kind = taskKind(adapter, 'video');
  if (scenario.phase === 'submit') {
    const server = serveWire(harness.baseUrl, [fixtureCase.response]);
    const error = await expectWankitError(label, () =>
      submitLikeClient(harness, adapter, minimalRequest(kind, harnessModel(harness, kind))),
    );
    expect(server.captured.length, `${label}: number of HTTP requests sent`).toBe(1);
    return error;
  }
  const task = await submitTask(harness, kind, [fixtureCase.response], adapter);
  const error = await expectWankitError(label, () => task.client.status(task.ref));
  expectStatusRequest(label, task, fixtureCase, false);
  return error;
}
