import type { ModelSpec } from '../catalog/model-spec.js';
import type { HttpTransport, WireRequest, WireResponse } from '../http/transport.js';
import type { GenerationRequest, RequestKind } from './request.js';
import type { JsonValue, TaskFailure, TaskOutput, TaskRef, TaskStatus, TaskUsage } from './task.js';
import type { Warning } from './warning.js';

/**
 * v2: adapters are pure translators. They build wire requests and read wire responses; core sends,
 * retries, builds the `TaskRef` and stamps every snapshot. v1 adapters (which sent requests themselves)
 * are not accepted.
 */
export const specificationVersion = 'v2' as const;

/** What an adapter can do, known before any request. */
export interface AdapterCapabilities {
  readonly kinds: readonly RequestKind[];
  /** Canonical model ids this wire format serves. */
  readonly models: readonly string[];
  /** The provider can POST the result to a callback URL. */
  readonly callbacks: boolean;
  /** The provider can cancel a task (`cancelRequest`). */
  readonly cancel: boolean;
  /** Status responses carry a progress figure. */
  readonly progress: boolean;
  /** Documented limits; `undefined` when the provider documents none. */
  readonly limits: { readonly requestsPerMinute?: number; readonly concurrentTasks?: number };
  /** Documented polling advice: first poll after `initialDelayMs`, then every `intervalMs`. */
  readonly polling?: { readonly initialDelayMs: number; readonly intervalMs: number };
  /** Documented lifetime of result URLs. */
  readonly resultTtlMs?: number;
  /**
   * The provider's published price list (an id of `priceLists` in the catalog), when it has one: dry runs
   * estimate with it, and a finished task whose answer carries no cost gets an estimate, marked `estimated`.
   */
  readonly priceList?: string;
}

/** The neutral side of one create: validated by core before the adapter sees it. */
export interface AdapterRequestInput {
  readonly request: GenerationRequest;
  /** The catalog entry, or `undefined` when the caller opted in to an unknown model id. */
  readonly model: ModelSpec | undefined;
  /** `adapter.providerModelId(request.model)`, computed once by core. */
  readonly providerModel: string;
  /** Present when the caller wants the provider to call back (adapters with `callbacks`). */
  readonly callbackUrl?: string;
}

/** The one neutral→wire translation of a create: what to send, and what could not be honoured. */
export interface AdapterCreateRequest {
  /** `purpose` is always `create`: core never re-sends one whose outcome is unknown. */
  readonly wire: WireRequest;
  /** Harmless options the wire cannot carry (refusals are thrown, not warned). */
  readonly warnings: readonly Warning[];
}

/**
 * A task's state as the wire tells it, before core stamps it with the ref and the observation time.
 * `TaskSnapshot` = this + `ref` + `timings.observedAt`.
 */
export interface TaskState {
  /** The task id the answer names, when it names one (a callback for another task is refused). */
  readonly taskId?: string;
  readonly status: TaskStatus;
  /** The provider's own status word, kept even when it maps to `unknown`. */
  readonly providerStatus?: string;
  /** 0..1 when the provider reports it. */
  readonly progress?: number;
  readonly outputs: readonly TaskOutput[];
  readonly usage?: TaskUsage;
  readonly error?: TaskFailure;
  readonly timings?: {
    readonly createdAt?: string;
    readonly startedAt?: string;
    readonly completedAt?: string;
  };
  /** Things the reader tolerated (e.g. success without a URL). */
  readonly warnings?: readonly Warning[];
  /** The parsed wire body, for debugging. */
  readonly raw?: unknown;
}

/** What a create answer says: the task id (the task exists), and what else it carried. */
export interface AdapterCreateAnswer {
  readonly taskId: string;
  /** The task's state when the create answer carries one. */
  readonly state?: TaskState;
  /** Adapter-specific extras the ref must carry to poll later (plain JSON). */
  readonly meta?: Readonly<Record<string, JsonValue>>;
  readonly warnings?: readonly Warning[];
}

export interface AdapterReadContext {
  /** Client clock. */
  readonly now: Date;
  /** The neutral request kind: decides output kinds the wire leaves unnamed. */
  readonly kind: RequestKind;
}

export interface AdapterTaskReadContext extends AdapterReadContext {
  readonly ref: TaskRef;
}

/** Core's HTTP for the rare adapter step that needs I/O of its own (e.g. a temporary upload). */
export interface AdapterCallContext {
  readonly http: HttpTransport;
  now(): Date;
  readonly signal?: AbortSignal;
  /**
   * A `multipart/form-data` POST to an absolute https URL the provider named (http only on loopback), with the
   * client's fetch, timeout and signal — never the API key or the client's headers. For uploads to a
   * provider's object storage (e.g. DashScope's temporary upload policy).
   */
  postForm?(url: string, form: FormData): Promise<WireResponse>;
}

/**
 * A pure translator between the neutral model and one wire format. `<id>-request.ts` builds every wire
 * request, `<id>-response.ts` reads every wire response (create, status, callback, errors) through the
 * adapter's status and error tables. It never sends, sleeps, polls or retries: core does.
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
  /**
   * The create request: refusals (thrown `WankitError`s: `unsupported`, `invalid_request`), warnings,
   * provider options, body, path and headers. Pure: the same input gives the same request, so a dry run
   * shows exactly what would be sent.
   */
  createRequest(input: AdapterRequestInput): AdapterCreateRequest;
  /**
   * Reads the answer to the create, whatever its HTTP status: a task id anywhere in it means the task
   * exists. Throws a typed error for a refusal, and `invalid_response` for an answer with no readable id.
   */
  readCreate(response: WireResponse, context: AdapterReadContext): AdapterCreateAnswer;
  statusRequest(ref: TaskRef): WireRequest;
  /** Reads a status answer, whatever its HTTP status; throws a typed error for an error answer. */
  readStatus(response: WireResponse, context: AdapterTaskReadContext): TaskState;
  /** Reads a provider callback body; throws `invalid_response` for a body it cannot read. */
  readCallback?(body: unknown, context: AdapterTaskReadContext): TaskState;
  /** Adapters with `capabilities.cancel`. */
  cancelRequest?(ref: TaskRef): WireRequest;
  /** Reads a cancel answer: the state it reports, or `undefined` when it reports none. */
  readCancel?(response: WireResponse, context: AdapterTaskReadContext): TaskState | undefined;
  /**
   * Optional I/O before the create (e.g. uploading a local image to the provider's temporary storage).
   * Returns the input the create request is built from. Core runs it once per submit, before the intent
   * is journaled; nothing billable may happen here.
   */
  prepareInputs?(input: AdapterRequestInput, context: AdapterCallContext): Promise<AdapterRequestInput>;
}

export type { WireRequest, WireResponse };
