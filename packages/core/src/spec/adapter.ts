import type { ModelSpec } from '../catalog/model-spec.js';
import type { HttpTransport } from '../http/transport.js';
import type { GenerationRequest, RequestKind } from './request.js';
import type { TaskRef, TaskSnapshot } from './task.js';
import type { Warning } from './warning.js';

export const specificationVersion = 'v1' as const;

/** What an adapter can do, known before any request. */
export interface AdapterCapabilities {
  readonly kinds: readonly RequestKind[];
  /** Canonical model ids this wire format serves. */
  readonly models: readonly string[];
  /** The provider can POST the result to a callback URL. */
  readonly callbacks: boolean;
  readonly cancel: boolean;
  /** Status responses carry a progress figure. */
  readonly progress: boolean;
  /** Documented limits; `undefined` when the provider documents none. */
  readonly limits: { readonly requestsPerMinute?: number; readonly concurrentTasks?: number };
  /** Documented polling advice: first poll after `initialDelayMs`, then every `intervalMs`. */
  readonly polling?: { readonly initialDelayMs: number; readonly intervalMs: number };
  /** Documented lifetime of result URLs. */
  readonly resultTtlMs?: number;
}

/** What core hands an adapter for one call. Adapters never sleep, poll or retry. */
export interface AdapterCallContext {
  readonly http: HttpTransport;
  /** Client clock. */
  now(): Date;
  readonly signal?: AbortSignal;
}

export interface AdapterSubmitInput {
  /** Already validated against the catalog by core. */
  readonly request: GenerationRequest;
  /** The catalog entry, or `undefined` when the caller opted in to an unknown model id. */
  readonly model: ModelSpec | undefined;
  /** Present when the caller wants the provider to call back (adapters with `callbacks`). */
  readonly callbackUrl?: string;
}

export interface AdapterSubmitResult {
  readonly ref: TaskRef;
  readonly snapshot?: TaskSnapshot;
  readonly warnings: readonly Warning[];
}

/**
 * A pure translator between the neutral model and one wire format. It builds the wire body in one
 * place and maps wire statuses and codes in one table; it never sleeps, polls or retries.
 */
export interface WanAdapter {
  readonly specificationVersion: typeof specificationVersion;
  /** Stable id, used in `TaskRef.adapter` and `providerOptions[id]`. */
  readonly id: string;
  /** Human name for help output. */
  readonly name: string;
  readonly capabilities: AdapterCapabilities;
  /** The documented base URL, or `undefined` when the provider documents none (then it is required). */
  readonly defaultBaseUrl: string | undefined;
  /** The provider's id for a canonical model id. */
  providerModelId(model: string): string;
  /** Checks kind, model and `providerOptions[id]` before anything is sent; returns harmless warnings. */
  check?(input: AdapterSubmitInput): readonly Warning[];
  submit(input: AdapterSubmitInput, context: AdapterCallContext): Promise<AdapterSubmitResult>;
  status(ref: TaskRef, context: AdapterCallContext): Promise<TaskSnapshot>;
  /** Turns a provider callback body into a snapshot; throws `invalid_response` on a body it cannot read. */
  parseCallback?(body: unknown, ref: TaskRef, now: Date): TaskSnapshot;
}
