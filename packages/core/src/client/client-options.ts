import type { CallbackRegistration } from '../callbacks/callback-registry.js';
import type { Clock } from '../clock/clock.js';
import type { Logger } from '../http/logger.js';
import type { TaskJournal } from '../journal/journal-record.js';
import type { DownloadResult } from '../node/download-file.js';
import type { WanAdapter } from '../spec/adapter.js';
import type { GenerationRequest } from '../spec/request.js';
import type { TaskRef, TaskSnapshot } from '../spec/task.js';
import type { Warning } from '../spec/warning.js';
import type { ScheduleOptions } from './poll-scheduler.js';
import type { PreparedRequest } from './prepare-request.js';
import type { RequestBudgetLimits } from './request-budget.js';
import type { RetryOptions } from './retry-policy.js';
import type { SharedRequestBudget } from './shared-budget.js';

export interface ClientOptions {
  adapter: WanAdapter;
  /** Sent as a bearer token; never logged, journaled or put in an error. Required at the first call. */
  apiKey?: string;
  /** Overrides `adapter.defaultBaseUrl`; required when the adapter documents none. */
  baseUrl?: string;
  /** fetch implementation for API calls and downloads. */
  fetch?: typeof fetch;
  timeouts?: {
    /** Per HTTP request. Default 30 000 ms. */
    requestMs?: number;
    /** Default overall deadline of `wait`/`generate`, from when waiting starts. Default none. */
    deadlineMs?: number;
  };
  retry?: RetryOptions;
  logger?: Logger;
  /** Time source for every wait; `createFakeClock()` in tests. Default the system clock. */
  clock?: Clock;
  schedule?: ScheduleOptions;
  /** Overrides the adapter's documented limits; `Infinity` for none. */
  limits?: RequestBudgetLimits;
  /** A budget shared with every process using the same provider account (e.g. `@wankit/store-postgres`). */
  sharedBudget?: SharedRequestBudget;
  journal?: TaskJournal;
  /** Over-long prompts and unknown request fields become errors instead of warnings. */
  strict?: boolean;
  /** Accept model ids the catalog does not know (checked by the schema only). */
  allowUnknownModels?: boolean;
  /** Allow `http://` base URLs on non-loopback hosts. */
  allowInsecureHttp?: boolean;
  /**
   * Accept task refs created at another base URL and poll them at this client's base URL. Off by default: such
   * a ref is refused with an `invalid_request` error (field `ref.baseUrl`), since the key belongs to this
   * client's base URL and the task lives elsewhere.
   */
  acceptRefsFromOtherBaseUrls?: boolean;
  /** Extra headers on every API request. */
  headers?: Record<string, string>;
  userAgent?: string;
}

export interface SubmitOptions {
  /** Aborts the submit at any point; aborting after the create was sent leaves its outcome unknown. */
  signal?: AbortSignal;
  /**
   * Stops the submit only while it is still waiting (for a task slot, a rate token or a retry delay).
   * Once the create is on the wire it runs to its answer, so it is journaled as submitted or refused,
   * never left uncertain: what a CLI wants from Ctrl-C.
   */
  cancelBeforeSend?: AbortSignal;
  /** Identifies this logical submission in the journal; a random UUID by default. */
  key?: string;
  /** A callback URL the caller manages itself. */
  callbackUrl?: string;
  /** A registration from `createCallbackRegistry().register()`: the client binds it to the task. */
  callback?: CallbackRegistration;
}

export interface SubmitResult {
  ref: TaskRef;
  snapshot?: TaskSnapshot;
  warnings: Warning[];
  /** The journal key of this submission. */
  key: string;
  /** The create request's fingerprint. */
  fingerprint: string;
}

export interface WaitOptions {
  signal?: AbortSignal;
  /** Stop waiting after this long (the task keeps running; wait again to resume). */
  deadlineMs?: number;
  /** Called with every new snapshot, the terminal one included. */
  onProgress?(snapshot: TaskSnapshot): void;
  /** Resolve from this task's callback when it arrives; polling continues as the fallback. */
  callback?: CallbackRegistration;
  /** Journal key, when the ref was not submitted by this client (e.g. resumed from a journal). */
  key?: string;
}

export interface DownloadOptions {
  /** Directory to save into, as `<taskId>[-<n>].<ext>`. */
  dir?: string;
  /**
   * With `dir`: the file name stem instead of the task id, as `<name>[-<n>].<ext>` (made safe: no path
   * separators, no leading dot). E.g. a batch line's own name.
   */
  name?: string;
  /** Exact destination path (a single file only). */
  path?: string;
  overwrite?: boolean;
  signal?: AbortSignal;
  onProgress?(progress: { url: string; bytes: number; totalBytes?: number }): void;
  /** Journal key for the `downloaded` records; default the key this client knows for the task. */
  key?: string;
}

/** A saved output: path, size, sha256, source URL, whether the transfer was resumed. */
export type DownloadedFile = DownloadResult;

export interface GenerateOptions {
  signal?: AbortSignal;
  deadlineMs?: number;
  onProgress?(snapshot: TaskSnapshot): void;
  key?: string;
  callback?: CallbackRegistration;
  /** Save every output when set; `false` (default) returns URLs only. */
  download?: { dir: string; overwrite?: boolean } | false;
}

export interface GenerateResult {
  ref: TaskRef;
  snapshot: TaskSnapshot;
  warnings: Warning[];
  files?: DownloadedFile[];
}

export interface CancelOptions {
  signal?: AbortSignal;
}

/** The exact HTTP request a prepared create would send, with the key redacted (a dry run). */
export interface RequestPreview {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface WankitClient {
  readonly adapter: WanAdapter;
  /**
   * Validates a request against the catalog and the adapter once, and builds its wire request. Refusals
   * throw here, before anything is sent; hand the result to `submit` (or `preview` it for a dry run).
   */
  prepare(request: GenerationRequest, options?: { callbackUrl?: string }): PreparedRequest;
  /** What `submit` would send for a prepared request: method, URL, headers (key redacted), body. */
  preview(prepared: PreparedRequest): RequestPreview;
  submit(request: GenerationRequest | PreparedRequest, options?: SubmitOptions): Promise<SubmitResult>;
  status(ref: TaskRef, options?: { signal?: AbortSignal }): Promise<TaskSnapshot>;
  /** Asks the provider to cancel the task (adapters with `capabilities.cancel`); resolves with its state. */
  cancel(ref: TaskRef, options?: CancelOptions): Promise<TaskSnapshot>;
  wait(ref: TaskRef, options?: WaitOptions): Promise<TaskSnapshot>;
  generate(request: GenerationRequest, options?: GenerateOptions): Promise<GenerateResult>;
  download(source: TaskSnapshot | string, options: DownloadOptions): Promise<DownloadedFile[]>;
  /** Frees the concurrent-task slot of a task you will not wait for. */
  release(ref: TaskRef): void;
  /** Budget use, for progress displays and benchmarks. */
  usage(): { activeTasks: number; waitingTasks: number };
}
