import { invalidResponse } from '../adapter/read-json.js';
import { snapshotOf } from '../adapter/task-state.js';
import { type CallbackRegistry, registryOf } from '../callbacks/callback-registry.js';
import { getModel } from '../catalog/catalog.js';
import { expectedDurationSeconds } from '../catalog/expected-duration.js';
import { systemClock } from '../clock/clock.js';
import { randomId } from '../crypto/portable-crypto.js';
import { outputFileName, urlFileName } from '../download/output-file-name.js';
import { WankitError } from '../errors/wankit-error.js';
import {
  type CoreHttpTransport,
  createHttpTransport,
  defaultRequestTimeoutMs,
} from '../http/create-transport.js';
import type { WireRequest, WireResponse } from '../http/transport.js';
import type { JournalRecord } from '../journal/journal-record.js';
import { createRoutedClient, type RoutedClientOptions } from '../router/routed-client.js';
import { createTaskRef } from '../spec/create-task-ref.js';
import { isTerminal, type TaskOutput, type TaskRef, type TaskSnapshot } from '../spec/task.js';
import { createCallContext, withServerAdvice } from './call-context.js';
import { adoptSubmitted, claimIntent } from './claim-intent.js';
import type { ClientDefaults } from './client-defaults.js';
import type {
  ClientOptions,
  DownloadedFile,
  DownloadOptions,
  GenerateResult,
  WaitOptions,
  WankitClient,
} from './client-options.js';
import { errorOf } from './error-of.js';
import { requestFingerprint } from './fingerprint.js';
import { runGenerate } from './generate-flow.js';
import { intentNotJournaled, submittedNotJournaled } from './journal-writes.js';
import { createPollScheduler } from './poll-scheduler.js';
import { postForm } from './post-form.js';
import { isPreparedRequest, type PreparedRequest, prepareRequest } from './prepare-request.js';
import { checkRefBaseUrl } from './ref-base-url.js';
import { createRequestBudget, type ReleaseSlot } from './request-budget.js';
import { type RetryEvent, resolveRetryOptions, runWithRetries } from './retry-policy.js';
import { withSharedBudget } from './shared-budget.js';
import { waitForTask } from './wait-for-task.js';

const maxRememberedKeys = 10_000;

const taskId = (ref: TaskRef) => `${ref.adapter}\u0000${ref.taskId}`;

function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((signal) => signal !== undefined);
  return present.length <= 1 ? present[0] : AbortSignal.any(present);
}

function callbackRegistryFor(registration: WaitOptions['callback']): CallbackRegistry | undefined {
  if (!registration) return undefined;
  const registry = registryOf(registration);
  if (!registry) {
    throw new WankitError({
      kind: 'invalid_request',
      message: 'callback must be a registration from createCallbackRegistry().register()',
      field: 'callback',
    });
  }
  return registry;
}

// Files are written by the Node entry, loaded on first use so the root entry stays fetch-only.
const loadDownloadFile = () => import('../node/download-file.js').then((module) => module.downloadFile);

const joinPath = (dir: string, name: string) => `${dir.replace(/[\\/]+$/, '')}/${name}`;

/**
 * A client for one adapter: validates, submits, waits (scheduled polls and/or a callback), downloads
 * and journals. All its tasks share one request budget. Nothing here knows a wire format: the adapter
 * builds every request and reads every answer; the client sends, retries, builds refs and snapshots.
 */
export function createClient(
  options: ClientOptions | RoutedClientOptions,
  defaults: ClientDefaults = {},
): WankitClient {
  if ('router' in options && options.router !== undefined) {
    // One client per provider behind the same interface; each is built by this function.
    return createRoutedClient(options, (routeOptions) => createClient(routeOptions, defaults));
  }
  return createAdapterClient(options as ClientOptions, defaults);
}

function createAdapterClient(options: ClientOptions, defaults: ClientDefaults): WankitClient {
  const { adapter, logger } = options;
  if (adapter?.specificationVersion !== 'v2') {
    throw new WankitError({
      kind: 'invalid_request',
      message: `adapter ${String(adapter?.id)} implements specification ${String(adapter?.specificationVersion)}; this core needs v2 (update the adapter package)`,
      field: 'adapter',
    });
  }
  const clock = options.clock ?? systemClock;
  const priced = { ...(adapter.capabilities.priceList ? { priceList: adapter.capabilities.priceList } : {}) };
  const retry = resolveRetryOptions(options.retry);
  const documentedLimits = adapter.capabilities.limits;
  const budget = withSharedBudget(
    createRequestBudget(clock, {
      requestsPerMinute: options.limits?.requestsPerMinute ?? documentedLimits.requestsPerMinute,
      concurrentTasks: options.limits?.concurrentTasks ?? documentedLimits.concurrentTasks,
      ...(options.limits?.requestsInFlight !== undefined
        ? { requestsInFlight: options.limits.requestsInFlight }
        : {}),
    }),
    options.sharedBudget,
  );
  const scheduler = createPollScheduler(options.schedule, {
    expectedSeconds: (ref) =>
      expectedDurationSeconds(getModel(ref.model, undefined, ref.kind), ref.resolution),
    ...(adapter.capabilities.polling ? { documented: adapter.capabilities.polling } : {}),
  });
  const baseUrl = options.baseUrl ?? adapter.defaultBaseUrl;
  const apiFetch =
    options.fetch ??
    defaults.fetch?.({ requestTimeoutMs: options.timeouts?.requestMs ?? defaultRequestTimeoutMs });
  const makeTransport = (url: string) =>
    createHttpTransport({
      baseUrl: url,
      apiKey: options.apiKey,
      fetch: apiFetch,
      timeoutMs: options.timeouts?.requestMs,
      headers: options.headers,
      allowInsecureHttp: options.allowInsecureHttp,
      logger,
      userAgent: options.userAgent,
    });
  // Built now when possible, so an insecure base URL is refused at once.
  let transport: CoreHttpTransport | undefined = baseUrl ? makeTransport(baseUrl) : undefined;

  // Per task submitted or waited on by this client: its concurrency slot and journal key.
  const slots = new Map<string, ReleaseSlot>();
  const journalKeys = new Map<string, string>();

  const ready = (): CoreHttpTransport => {
    if (!options.apiKey) {
      throw new WankitError({
        kind: 'authentication',
        message: `No API key for ${adapter.name}`,
        field: 'apiKey',
        hint: { option: 'apiKey' },
      });
    }
    if (!baseUrl) {
      throw new WankitError({
        kind: 'invalid_request',
        message: `${adapter.name} documents no default base URL`,
        field: 'baseUrl',
        hint: { option: 'baseUrl' },
      });
    }
    transport ??= makeTransport(baseUrl);
    return transport;
  };

  const checkRef = (ref: TaskRef) => {
    if (ref?.spec !== 'wankit.task/v1' || ref.adapter !== adapter.id) {
      throw new WankitError({
        kind: 'invalid_request',
        message: `This client speaks ${adapter.id}; the task ref belongs to ${String(ref?.adapter)}`,
        field: 'ref.adapter',
        value: ref?.adapter,
        allowed: [adapter.id],
      });
    }
    checkRefBaseUrl(ref, baseUrl, options.acceptRefsFromOtherBaseUrls === true);
  };

  const at = () => new Date(clock.now()).toISOString();

  const journal = async (record: JournalRecord, mustSucceed = false): Promise<void> => {
    if (!options.journal) return;
    try {
      await options.journal.append(record);
    } catch (error) {
      if (mustSucceed) throw error;
      // The task exists; losing the caller's result over a journal failure would be worse.
      logger?.error?.('journal append failed', {
        type: record.type,
        key: record.key,
        error: (error as Error)?.message,
      });
    }
  };

  const onRetry = (event: RetryEvent) => {
    if (event.error.kind === 'rate_limited' && event.error.retryAfterMs)
      budget.pause(event.error.retryAfterMs);
    logger?.warn?.('retrying', { attempt: event.attempt, delayMs: event.delayMs, kind: event.error.kind });
  };

  /**
   * One HTTP exchange for an adapter: the request takes its budget slot and token, the adapter reads the
   * answer. A reader that trips over a body it did not expect still yields a typed `invalid_response`
   * (never a TypeError), and a `Retry-After` the adapter did not copy is kept.
   */
  const exchange = async <T>(
    http: CoreHttpTransport,
    signal: AbortSignal | undefined,
    wire: WireRequest,
    read: (response: WireResponse, now: Date) => T,
    waitSignal: AbortSignal | undefined = signal,
  ): Promise<T> => {
    const context = createCallContext(http, budget, clock, signal, waitSignal);
    const response = await context.http.send(wire);
    try {
      return read(response, new Date(clock.now()));
    } catch (error) {
      const typed = WankitError.isInstance(error)
        ? error
        : invalidResponse(
            response,
            `the answer could not be read (${(error as Error)?.message ?? String(error)})`,
          );
      throw withServerAdvice(typed, response, clock.now());
    }
  };

  const readStatus = (
    ref: TaskRef,
    signal: AbortSignal | undefined,
    deadlineAt?: number,
  ): Promise<TaskSnapshot> => {
    const http = ready();
    const read = async () => {
      try {
        return await exchange(http, signal, adapter.statusRequest(ref), (response, now) =>
          snapshotOf(ref, adapter.readStatus(response, { ref, now, kind: ref.kind }), now, priced),
        );
      } catch (error) {
        // An unreadable status body is a passing fault (a proxy's error page, a cut body): the task is
        // unaffected, so the read is asked again within the deadline instead of ending the wait.
        if (WankitError.isInstance(error) && error.kind === 'invalid_response' && !error.retryable) {
          throw error.with({ retryable: true });
        }
        throw error;
      }
    };
    return runWithRetries(read, { purpose: 'read', clock, options: retry, signal, deadlineAt, onRetry });
  };

  const releaseSlot = (ref: TaskRef) => {
    const id = taskId(ref);
    slots.get(id)?.();
    slots.delete(id);
  };

  const keyOf = (ref: TaskRef, given?: string) =>
    given ?? journalKeys.get(taskId(ref)) ?? `${ref.adapter}:${ref.taskId}`;

  const finish = async (ref: TaskRef, snapshot: TaskSnapshot, key?: string) => {
    releaseSlot(ref);
    const journalKey = keyOf(ref, key);
    await journal({ type: 'snapshot', key: journalKey, at: at(), snapshot });
  };

  const waitInternal = async (ref: TaskRef, waitOptions: WaitOptions, initial?: TaskSnapshot) => {
    checkRef(ref);
    ready();
    const registry = callbackRegistryFor(waitOptions.callback);
    // A ref submitted elsewhere (another client or process) is bound here, or its deliveries would find no task.
    if (registry && waitOptions.callback) await registry.bind(waitOptions.callback.key, ref);
    const key = keyOf(ref, waitOptions.key);
    // A task resumed from a journal keeps its original key for the records that follow (snapshot, downloads).
    if (waitOptions.key) journalKeys.set(taskId(ref), waitOptions.key);
    try {
      const snapshot = await waitForTask({
        ref,
        clock,
        scheduler,
        readStatus,
        signal: waitOptions.signal,
        deadlineMs: waitOptions.deadlineMs ?? options.timeouts?.deadlineMs,
        onProgress: waitOptions.onProgress,
        initial,
        ...(registry && waitOptions.callback
          ? { callback: { registry, key: waitOptions.callback.key } }
          : {}),
      });
      await finish(ref, snapshot, key);
      return snapshot;
    } finally {
      // The caller stopped waiting (done, deadline, abort): the slot goes back to the budget.
      releaseSlot(ref);
    }
  };

  const prepare: WankitClient['prepare'] = (request, prepareOptions = {}) =>
    prepareRequest(adapter, request, {
      strict: options.strict,
      allowUnknownModel: options.allowUnknownModels,
      ...(prepareOptions.callbackUrl ? { callbackUrl: prepareOptions.callbackUrl } : {}),
    });

  const client: WankitClient = {
    adapter,
    prepare,

    preview(prepared) {
      return ready().describe(prepared.wire);
    },

    async submit(requestOrPrepared, submitOptions = {}) {
      const { signal } = submitOptions;
      const registry = callbackRegistryFor(submitOptions.callback);
      const callbackUrl = submitOptions.callback?.url ?? submitOptions.callbackUrl;
      let prepared: PreparedRequest;
      if (isPreparedRequest(requestOrPrepared)) {
        if (requestOrPrepared.adapter !== adapter.id) {
          throw new WankitError({
            kind: 'invalid_request',
            message: `the request was prepared for ${requestOrPrepared.adapter}; this client speaks ${adapter.id}`,
            field: 'request',
          });
        }
        prepared =
          callbackUrl !== undefined && requestOrPrepared.input.callbackUrl !== callbackUrl
            ? prepare(requestOrPrepared.input.request, { callbackUrl })
            : requestOrPrepared;
      } else {
        try {
          prepared = prepare(requestOrPrepared, callbackUrl ? { callbackUrl } : {});
        } catch (error) {
          // Name the option the caller used.
          if (submitOptions.callback && WankitError.isInstance(error) && error.field === 'callbackUrl') {
            throw error.with({ field: 'callback' });
          }
          throw error;
        }
      }
      const http = ready();
      const key = submitOptions.key ?? submitOptions.callback?.key ?? randomId();
      let { input, wire } = prepared;
      const { request } = input;
      const fingerprint = requestFingerprint({
        adapter: adapter.id,
        baseUrl: http.baseUrl,
        providerModel: input.providerModel,
        request,
      });

      // Waits (task slot, rate token, retry delays) end on either signal; the request on the wire only on `signal`.
      const waitSignal = anySignal(signal, submitOptions.cancelBeforeSend);
      const release = await budget.acquireTask(waitSignal);
      // An adapter's own preparation (e.g. a temporary upload) is not billable and runs before the intent.
      if (adapter.prepareInputs) {
        try {
          input = await adapter.prepareInputs(input, {
            ...createCallContext(http, budget, clock, signal, waitSignal),
            postForm: (url, form) =>
              postForm(url, form, {
                // The global fetch (or the caller's) encodes FormData itself; the API pool is for the API host.
                fetch: options.fetch ?? globalThis.fetch,
                timeoutMs: options.timeouts?.requestMs ?? defaultRequestTimeoutMs,
                ...(signal ? { signal } : {}),
              }),
          });
          wire = adapter.createRequest(input).wire;
        } catch (thrown) {
          release();
          throw errorOf(thrown);
        }
      }
      // Before paying: the intent is recorded, and a shared journal may answer that another process already
      // sent (or is sending) this key. A create never goes out unjournaled.
      const claim = await claimIntent(
        options.journal,
        {
          type: 'intent',
          key,
          at: at(),
          fingerprint,
          adapter: adapter.id,
          baseUrl: http.baseUrl,
          model: request.model,
          kind: request.kind,
          request,
        },
        waitSignal,
      ).catch((error: unknown) => {
        release();
        throw WankitError.isInstance(error) && error.kind !== 'journal'
          ? error
          : intentNotJournaled(key, error);
      });
      if (claim.status === 'submitted') {
        return adoptSubmitted(
          claim,
          { warnings: [...prepared.warnings], key, fingerprint },
          (ref, finished) => {
            if (finished) return release();
            slots.set(taskId(ref), release);
            journalKeys.set(taskId(ref), key);
          },
        );
      }
      let answer: Awaited<ReturnType<typeof adapter.readCreate>>;
      try {
        answer = await runWithRetries(
          () =>
            exchange(
              http,
              signal,
              wire,
              (response, now) => adapter.readCreate(response, { now, kind: request.kind }),
              waitSignal,
            ),
          {
            purpose: 'create',
            clock,
            options: retry,
            signal: waitSignal,
            fingerprint,
            onRetry,
          },
        );
      } catch (thrown) {
        release();
        const error = errorOf(thrown);
        // Nothing was sent and there is nothing more to record.
        if (error.kind === 'journal') throw error;
        const unknownOutcome =
          error.kind === 'submit_uncertain' ||
          (error.kind === 'aborted' && error.requestSent !== undefined && error.requestSent !== false);
        await journal({
          type: unknownOutcome ? 'uncertain' : 'refused',
          key,
          at: at(),
          error: error.toJSON(),
        });
        throw error;
      }

      const now = new Date(clock.now());
      const ref: TaskRef = {
        ...createTaskRef({
          adapter: adapter.id,
          taskId: answer.taskId,
          request,
          model: input.model,
          providerModel: input.providerModel,
          now,
          ...(answer.meta ? { meta: answer.meta } : {}),
        }),
        baseUrl: http.baseUrl,
      };
      const snapshot = answer.state ? snapshotOf(ref, answer.state, now, priced) : undefined;
      const id = taskId(ref);
      slots.set(id, release);
      journalKeys.set(id, key);
      // Keys stay known for later downloads; bound the map for long-lived clients.
      if (journalKeys.size > maxRememberedKeys) journalKeys.delete(journalKeys.keys().next().value as string);
      // The task exists: record it before anything else can fail, or fail loudly with its id.
      try {
        await journal({ type: 'submitted', key, at: at(), ref }, true);
      } catch (error) {
        releaseSlot(ref);
        logger?.error?.('journal append failed', { type: 'submitted', key, taskId: ref.taskId });
        throw submittedNotJournaled(key, ref, error);
      }
      if (registry && submitOptions.callback) {
        try {
          await registry.bind(submitOptions.callback.key, ref);
        } catch (thrown) {
          throw errorOf(thrown).with({ taskRef: ref });
        }
      }
      if (snapshot && isTerminal(snapshot.status)) await finish(ref, snapshot, key);
      return {
        ref,
        ...(snapshot ? { snapshot } : {}),
        warnings: [...prepared.warnings, ...(answer.warnings ?? [])],
        key,
        fingerprint,
      };
    },

    async status(ref, statusOptions = {}) {
      checkRef(ref);
      try {
        const snapshot = await readStatus(ref, statusOptions.signal);
        if (isTerminal(snapshot.status) && slots.has(taskId(ref))) await finish(ref, snapshot);
        return snapshot;
      } catch (error) {
        const wankitError = errorOf(error);
        throw wankitError.taskRef ? wankitError : wankitError.with({ taskRef: ref });
      }
    },

    async cancel(ref, cancelOptions = {}) {
      checkRef(ref);
      const { cancelRequest, readCancel } = adapter;
      if (!adapter.capabilities.cancel || !cancelRequest) {
        throw new WankitError({
          kind: 'unsupported',
          message: `${adapter.name} cannot cancel a task; it runs to its end`,
          field: 'cancel',
          taskRef: ref,
        });
      }
      const http = ready();
      const { signal } = cancelOptions;
      try {
        // Cancelling twice is harmless, so a failed cancel is retried like a read.
        const reported = await runWithRetries(
          () =>
            exchange(http, signal, cancelRequest(ref), (response, now) => {
              const state = readCancel?.(response, { ref, now, kind: ref.kind });
              return state ? snapshotOf(ref, state, now, priced) : undefined;
            }),
          { purpose: 'read', clock, options: retry, signal, onRetry },
        );
        const snapshot = reported ?? (await readStatus(ref, signal));
        if (isTerminal(snapshot.status)) await finish(ref, snapshot);
        return snapshot;
      } catch (error) {
        const wankitError = errorOf(error);
        throw wankitError.taskRef ? wankitError : wankitError.with({ taskRef: ref });
      }
    },

    wait: (ref, waitOptions = {}) => waitInternal(ref, waitOptions),

    generate: (request, generateOptions = {}): Promise<GenerateResult> =>
      runGenerate(
        {
          clock,
          deadlineMs: options.timeouts?.deadlineMs,
          submit: (req, submitOptions) => client.submit(req, submitOptions),
          wait: (ref, waitOptions, initial) => waitInternal(ref, waitOptions, initial),
          download: (snapshot, downloadOptions) => client.download(snapshot, downloadOptions),
        },
        request,
        generateOptions,
      ),

    async download(source, downloadOptions: DownloadOptions): Promise<DownloadedFile[]> {
      const { dir, path, onProgress } = downloadOptions;
      if (!dir && !path) {
        throw new WankitError({
          kind: 'invalid_request',
          message: 'download needs a dir or a path',
          field: 'dir',
        });
      }
      const outputs: readonly TaskOutput[] =
        typeof source === 'string' ? [{ kind: 'video', url: source }] : source.outputs;
      if (outputs.length === 0) {
        const status = typeof source === 'string' ? '' : ` (status ${source.status})`;
        throw new WankitError({
          kind: 'invalid_request',
          message: `Nothing to download: the task has no outputs${status}`,
          field: 'source',
        });
      }
      if (path && outputs.length > 1) {
        throw new WankitError({
          kind: 'invalid_request',
          message: `The task has ${outputs.length} outputs`,
          field: 'path',
          value: path,
          hint: { option: 'downloadDir' },
        });
      }
      const downloadFile = await loadDownloadFile();
      const files: DownloadedFile[] = [];
      for (const [index, output] of outputs.entries()) {
        const name =
          typeof source === 'string'
            ? urlFileName(source)
            : outputFileName(downloadOptions.name ?? source.ref.taskId, output, index, outputs.length);
        const destination = path ?? joinPath(dir as string, name);
        const file = await downloadFile({
          url: output.url,
          destination,
          ...(downloadOptions.overwrite !== undefined ? { overwrite: downloadOptions.overwrite } : {}),
          ...(downloadOptions.signal ? { signal: downloadOptions.signal } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
          ...(onProgress
            ? {
                onProgress: (bytes: number, totalBytes?: number) =>
                  onProgress({ url: output.url, bytes, totalBytes }),
              }
            : {}),
        });
        files.push(file);
        if (typeof source !== 'string') {
          await journal({
            type: 'downloaded',
            key: keyOf(source.ref, downloadOptions.key),
            at: at(),
            taskId: source.ref.taskId,
            path: file.path,
            bytes: file.bytes,
            sha256: file.sha256,
            url: file.url,
          });
        }
      }
      return files;
    },

    release: releaseSlot,
    usage: () => budget.usage(),
  };
  return client;
}
