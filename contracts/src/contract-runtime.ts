import {
  type AdapterCallContext,
  type AdapterSubmitResult,
  createHttpTransport,
  type RequestKind,
  validateRequest,
  type WanAdapter,
  WankitError,
  type Warning,
} from '@wankit/core';
import { expect } from 'vitest';
import { type ContractHarness, harnessApiKey } from './contract-harness.js';
import { contractNow, type NeutralRequest, requestKinds } from './scenario-requests.js';

/** The call context every scenario uses: core's real HTTP transport and a clock fixed at `contractNow`. */
export function contractContext(harness: ContractHarness): AdapterCallContext {
  const http = createHttpTransport({
    baseUrl: harness.baseUrl,
    apiKey: harnessApiKey(harness),
    timeoutMs: 5_000,
  });
  return { http, now: () => new Date(contractNow) };
}

export interface ContractSubmission {
  readonly result: AdapterSubmitResult;
  /** What a caller would see: catalog warnings, then `check()` warnings, then `submit()` warnings. */
  readonly warnings: readonly Warning[];
}

/** Submits the way core's client does: catalog validation, `check()`, then `submit()`. */
export async function submitLikeClient(
  harness: ContractHarness,
  adapter: WanAdapter,
  request: NeutralRequest,
  options: { callbackUrl?: string } = {},
): Promise<ContractSubmission> {
  const validated = validateRequest(request);
  const input = {
    request: validated.request,
    model: validated.model,
    ...(options.callbackUrl ? { callbackUrl: options.callbackUrl } : {}),
  };
  const checkWarnings = adapter.check?.(input) ?? [];
  const result = await adapter.submit(input, contractContext(harness));
  return { result, warnings: [...validated.warnings, ...checkWarnings, ...result.warnings] };
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
