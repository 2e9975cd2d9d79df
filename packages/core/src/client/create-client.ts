import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { type CallbackRegistry, registryOf } from '../callbacks/callback-registry.js';
import { expectedDurationSeconds, getModel, tierOf, validateRequest } from '../catalog/index.js';
import { systemClock } from '../clock/clock.js';
import { downloadFile } from '../download/index.js';
import { outputFileName, urlFileName } from '../download/output-file-name.js';
import { WankitError } from '../errors/wankit-error.js';
import { type CoreHttpTransport, createHttpTransport } from '../http/create-transport.js';
import type { JournalRecord } from '../journal/index.js';
import type { AdapterSubmitInput } from '../spec/adapter.js';
import { videoDurationOf } from '../spec/create-task-ref.js';
import type { GenerationRequest } from '../spec/request.js';
import { isTerminal, type TaskOutput, type TaskRef, type TaskSnapshot } from '../spec/task.js';
import { createCallContext, type TrackedCallContext, withServerAdvice } from './call-context.js';
import type {
  ClientOptions,
  DownloadedFile,
  DownloadOptions,
  GenerateResult,
  SubmitResult,
  WaitOptions,
  WankitClient,
} from './client-options.js';
import { requestFingerprint } from './fingerprint.js';
import { createPollScheduler } from './poll-scheduler.js';
import { createRequestBudget, type ReleaseSlot } from './request-budget.js';
import { type RetryEvent, resolveRetryOptions, runWithRetries } from './retry-policy.js';
import { waitForTask } from './wait-for-task.js';

const maxRememberedKeys = 10_000;

const taskId = (ref: TaskRef) => `${ref.adapter}\u0000${ref.taskId}`;

function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((signal) => signal !== undefined);
  return present.length <= 1 ? present[0] : AbortSignal.any(present);
}

function errorOf(error: unknown): WankitError {
  if (WankitError.isInstance(error)) return error;
  return new WankitError({
    kind: 'provider_error',
    message: String((error as Error)?.message ?? error),
    cause: error,
  });
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

/**
 * A client for one adapter: validates, submits, waits (scheduled polls and/or a callback), downloads
 * and journals. All its tasks share one request budget. Nothing here knows a wire format.
 */
export function createClient(options: ClientOptions): WankitClient {
  const { adapter, logger } = options;
  const clock = options.clock ?? systemClock;
  const retry = resolveRetryOptions(options.retry);
  const documentedLimits = adapter.capabilities.limits;
  const budget = createRequestBudget(clock, {
    requestsPerMinute: options.limits?.requestsPerMinute ?? documentedLimits.requestsPerMinute,
    concurrentTasks: options.limits?.concurrentTasks ?? documentedLimits.concurrentTasks,
    ...(options.limits?.requestsInFlight !== undefined
      ? { requestsInFlight: options.limits.requestsInFlight }
      : {}),
  });
  const scheduler = createPollScheduler(options.schedule, {
    expectedSeconds: (ref) => expectedDurationSeconds(getModel(ref.model), ref.resolution),
    ...(adapter.capabilities.polling ? { documented: adapter.capabilities.polling } : {}),
  });
  const baseUrl = options.baseUrl ?? adapter.defaultBaseUrl;
  const makeTransport = (url: string) =>
    createHttpTransport({
      baseUrl: url,
      apiKey: options.apiKey,
      fetch: options.fetch,
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
        message: `No API key for ${adapter.name}: pass apiKey to createClient({ adapter, apiKey })`,
        field: 'apiKey',
      });
    }
    if (!baseUrl) {
      throw new WankitError({
        kind: 'invalid_request',
        message: `${adapter.name} documents no default base URL: pass baseUrl to createClient({ adapter, baseUrl })`,
        field: 'baseUrl',
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

  const callAdapter = async <T>(
    http: CoreHttpTransport,
    signal: AbortSignal | undefined,
    call: (context: TrackedCallContext) => Promise<T>,
    waitSignal: AbortSignal | undefined = signal,
  ): Promise<T> => {
    const context = createCallContext(http, budget, clock, signal, waitSignal);
    try {
      return await call(context);
    } catch (error) {
      throw withServerAdvice(error, context.lastResponse(), clock.now());
    }
  };

  const readStatus = (
    ref: TaskRef,
    signal: AbortSignal | undefined,
    deadlineAt?: number,
  ): Promise<TaskSnapshot> => {
    const http = ready();
    return runWithRetries(() => callAdapter(http, signal, (context) => adapter.status(ref, context)), {
      purpose: 'read',
      clock,
      options: retry,
      signal,
      deadlineAt,
      onRetry,
    });
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

  // Base URL, tier and duration let any later process find and schedule polls for this task; adapters may omit them.
  const completeRef = (
    ref: TaskRef,
    request: GenerationRequest,
    model: AdapterSubmitInput['model'],
  ): TaskRef => {
    const resolution = ref.resolution ?? tierOf(request, model);
    const durationSeconds = ref.durationSeconds ?? videoDurationOf(request, model);
    return {
      ...ref,
      ...(ref.baseUrl === undefined && baseUrl ? { baseUrl } : {}),
      ...(resolution ? { resolution } : {}),
      ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    };
  };

  const waitInternal = async (ref: TaskRef, waitOptions: WaitOptions, initial?: TaskSnapshot) => {
    checkRef(ref);
    ready();
    const registry = callbackRegistryFor(waitOptions.callback);
    // A ref submitted elsewhere (another client or process) is bound here, or its deliveries would find no task.
    if (registry && waitOptions.callback) registry.bind(waitOptions.callback.key, ref);
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

  const client: WankitClient = {
    adapter,

    async submit(request, submitOptions = {}) {
      const { signal } = submitOptions;
      const validated = validateRequest(request, {
        strict: options.strict,
        allowUnknownModel: options.allowUnknownModels,
      });
      const http = ready();
      const registry = callbackRegistryFor(submitOptions.callback);
      const callbackUrl = submitOptions.callback?.url ?? submitOptions.callbackUrl;
      if (callbackUrl && !adapter.capabilities.callbacks) {
        throw new WankitError({
          kind: 'unsupported',
          message: `${adapter.name} cannot call back; wait by polling instead (omit callback/callbackUrl)`,
          field: submitOptions.callback ? 'callback' : 'callbackUrl',
        });
      }
      const input: AdapterSubmitInput = {
        request: validated.request,
        model: validated.model,
        ...(callbackUrl ? { callbackUrl } : {}),
      };
      const checkWarnings = adapter.check?.(input) ?? [];
      const key = submitOptions.key ?? submitOptions.callback?.key ?? randomUUID();
      const providerModel = adapter.providerModelId(validated.request.model);
      const fingerprint = requestFingerprint({
        adapter: adapter.id,
        baseUrl: http.baseUrl,
        providerModel,
        request: validated.request,
      });

      // Waits (task slot, rate token, retry delays) end on either signal; the request on the wire only on `signal`.
      const waitSignal = anySignal(signal, submitOptions.cancelBeforeSend);
      const release = await budget.acquireTask(waitSignal);
      let result: Awaited<ReturnType<typeof adapter.submit>>;
      try {
        await journal(
          {
            type: 'intent',
            key,
            at: at(),
            fingerprint,
            adapter: adapter.id,
            baseUrl: http.baseUrl,
            model: validated.request.model,
            kind: validated.request.kind,
            request: validated.request,
          },
          true,
        );
        result = await runWithRetries(
          () => callAdapter(http, signal, (context) => adapter.submit(input, context), waitSignal),
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

      const ref = completeRef(result.ref, validated.request, validated.model);
      const snapshot = result.snapshot ? { ...result.snapshot, ref } : undefined;
      const id = taskId(ref);
      slots.set(id, release);
      journalKeys.set(id, key);
      // Keys stay known for later downloads; bound the map for long-lived clients.
      if (journalKeys.size > maxRememberedKeys) journalKeys.delete(journalKeys.keys().next().value as string);
      // The task exists: record it before anything else can fail.
      await journal({ type: 'submitted', key, at: at(), ref });
      if (registry && submitOptions.callback) {
        try {
          registry.bind(submitOptions.callback.key, ref);
        } catch (thrown) {
          throw errorOf(thrown).with({ taskRef: ref });
        }
      }
      if (snapshot && isTerminal(snapshot.status)) await finish(ref, snapshot, key);
      return {
        ref,
        ...(snapshot ? { snapshot } : {}),
        warnings: [...validated.warnings, ...checkWarnings, ...result.warnings],
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

    wait: (ref, waitOptions = {}) => waitInternal(ref, waitOptions),

    async generate(request, generateOptions = {}): Promise<GenerateResult> {
      const { signal } = generateOptions;
      // The deadline covers the whole call: time spent waiting for a task slot or a 429 counts too.
      const startedAt = clock.now();
      const deadlineMs = generateOptions.deadlineMs ?? options.timeouts?.deadlineMs;
      // Waiting for a task slot, a rate token or a 429 must not outlast the deadline; a create already
      // sent still runs to its answer (cancelBeforeSend), so it is never left uncertain by the deadline.
      const deadline = new AbortController();
      const stopDeadline = new AbortController();
      if (deadlineMs !== undefined) {
        clock.sleep(deadlineMs, stopDeadline.signal).then(
          () => deadline.abort(),
          () => undefined,
        );
      }
      let submitted: SubmitResult;
      try {
        submitted = await client.submit(request, {
          ...(signal ? { signal } : {}),
          cancelBeforeSend: deadline.signal,
          ...(generateOptions.key ? { key: generateOptions.key } : {}),
          ...(generateOptions.callback ? { callback: generateOptions.callback } : {}),
        });
      } catch (thrown) {
        const error = errorOf(thrown);
        if (error.kind === 'aborted' && deadline.signal.aborted && !signal?.aborted) {
          throw new WankitError({
            kind: 'timeout',
            message: `generate: the ${deadlineMs} ms deadline passed before the create could be sent; nothing was sent`,
            cause: error,
          });
        }
        throw error;
      } finally {
        stopDeadline.abort();
      }
      // A create answered with a final state was journaled by submit already: no wait, no second record.
      const answered =
        submitted.snapshot && isTerminal(submitted.snapshot.status) ? submitted.snapshot : undefined;
      const snapshot =
        answered ??
        (await waitInternal(
          submitted.ref,
          {
            ...(signal ? { signal } : {}),
            ...(deadlineMs !== undefined
              ? { deadlineMs: Math.max(0, deadlineMs - (clock.now() - startedAt)) }
              : {}),
            ...(generateOptions.onProgress ? { onProgress: generateOptions.onProgress } : {}),
            ...(generateOptions.callback ? { callback: generateOptions.callback } : {}),
            key: submitted.key,
          },
          submitted.snapshot,
        ));
      if (answered) generateOptions.onProgress?.(answered);
      if (snapshot.status !== 'succeeded') {
        const failure = snapshot.error;
        throw new WankitError({
          kind: failure?.kind ?? 'provider_error',
          message: `Task ${snapshot.ref.taskId} ${snapshot.status}: ${failure?.message ?? 'no reason given'}`,
          ...(failure?.code ? { providerCode: failure.code } : {}),
          taskRef: snapshot.ref,
        });
      }
      const result: GenerateResult = { ref: submitted.ref, snapshot, warnings: submitted.warnings };
      if (generateOptions.download) {
        result.files = await client.download(snapshot, {
          dir: generateOptions.download.dir,
          ...(generateOptions.download.overwrite !== undefined
            ? { overwrite: generateOptions.download.overwrite }
            : {}),
          ...(signal ? { signal } : {}),
        });
      }
      return result;
    },

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
          message: `The task has ${outputs.length} outputs; pass dir instead of path`,
          field: 'path',
          value: path,
        });
      }
      const files: DownloadedFile[] = [];
      for (const [index, output] of outputs.entries()) {
        const name =
          typeof source === 'string'
            ? urlFileName(source)
            : outputFileName(source.ref.taskId, output, index, outputs.length);
        const destination = path ?? join(dir as string, name);
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
