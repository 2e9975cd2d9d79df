import {
  createClient,
  type RequestKind,
  type SubmitResult,
  type WanAdapter,
  type WankitClient,
  WankitError,
  type Warning,
} from '@wankit/core';
import { createFakeClock } from '@wankit/core/testing';
import { expect } from 'vitest';
import { type ContractHarness, harnessApiKey } from './contract-harness.js';
import { contractNow, type NeutralRequest, requestKinds } from './scenario-requests.js';

/**
 * The client every scenario drives an adapter through: core's real `createClient` (real transport over
 * global fetch, which nock intercepts), the clock fixed at `contractNow`, no retries and no pacing, so each
 * scenario sees exactly what one exchange yields.
 */
export function contractClient(harness: ContractHarness, adapter: WanAdapter): WankitClient {
  return createClient({
    adapter,
    apiKey: harnessApiKey(harness),
    baseUrl: harness.baseUrl,
    clock: createFakeClock(Date.parse(contractNow)),
    retry: { retries: 0, createRetries: 0 },
    limits: {
      requestsPerMinute: Number.POSITIVE_INFINITY,
      concurrentTasks: Number.POSITIVE_INFINITY,
    },
    timeouts: { requestMs: 5_000 },
  });
}

export interface ContractSubmission {
  readonly result: SubmitResult;
  readonly client: WankitClient;
  /** What a caller sees: catalog warnings, then the adapter's request warnings, then its create-answer warnings. */
  readonly warnings: readonly Warning[];
}

/** Submits the way users do: `client.submit` (catalog validation, the adapter's refusals, the create). */
export async function submitLikeClient(
  harness: ContractHarness,
  adapter: WanAdapter,
  request: NeutralRequest,
  options: { callbackUrl?: string } = {},
): Promise<ContractSubmission> {
  const client = contractClient(harness, adapter);
  const result = await client.submit(
    request as never,
    options.callbackUrl ? { callbackUrl: options.callbackUrl } : {},
  );
  return { result, client, warnings: result.warnings };
}

/** Awaits a call that must fail, and returns its WankitError (any other throw or a success fails the test). */
export async function expectWankitError(label: string, call: () => Promise<unknown>): Promise<WankitError> {
  let outcome: { threw: false; value: unknown } | { threw: true; error: unknown };
  try {
    outcome = { threw: false, value: await call() };
  } catch (error) {
    outcome = { threw: true, error };
  }
  if (!outcome.threw) {
    expect.fail(`${label}: expected a WankitError, but the call succeeded with ${safeJson(outcome.value)}`);
  }
  const { error } = outcome;
  if (!WankitError.isInstance(error)) {
    expect.fail(
      `${label}: expected a WankitError, got ${error instanceof Error ? `${error.name}: ${error.message}` : safeJson(error)}`,
    );
  }
  return error;
}

/** The first kind the adapter supports among `kinds` (video scenarios: t2v, then i2v). */
export function firstSupportedKind(
  adapter: WanAdapter,
  kinds: readonly RequestKind[] = requestKinds,
): RequestKind {
  const kind = kinds.find((candidate) => adapter.capabilities.kinds.includes(candidate));
  if (!kind) throw new Error(`adapter ${adapter.id} supports none of ${kinds.join(', ')}`);
  return kind;
}

/** The harness's model for a kind; a clear failure when the harness forgot one. */
export function harnessModel(harness: ContractHarness, kind: RequestKind): string {
  const model = harness.models[kind];
  if (!model)
    throw new Error(`harness ${harness.adapterId} gives no model for ${kind} (harness.models['${kind}'])`);
  return model;
}

/** JSON with undefined-valued keys dropped, so exact comparisons ignore absent-vs-undefined. */
export function plain<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
