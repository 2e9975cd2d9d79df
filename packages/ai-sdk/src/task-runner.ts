// One wankit client behind every model of a provider (so they share its request budget and poll scheduler), and
// the idempotent start: a start repeated under the same key (the AI SDK's `idempotency-key`, or
// `providerOptions.wankit.key`) never pays twice.
import {
  type ClientOptions,
  createClient,
  createMemoryJournal,
  type GenerationRequest,
  summarizeJournal,
  type TaskJournal,
  type TaskRef,
  type TaskSnapshot,
  type WankitClient,
  WankitError,
  type Warning,
} from '@wankit/core';

export interface StartOptions {
  key?: string;
  signal?: AbortSignal;
  callbackUrl?: string;
}

export interface Started {
  ref: TaskRef;
  /** A state the create answer (or the journal) already carried. */
  snapshot?: TaskSnapshot;
  warnings: readonly Warning[];
  key: string;
  /** True when an earlier start under this key made the task and nothing was sent now. */
  reattached: boolean;
}

export interface TaskRunner {
  readonly client: WankitClient;
  readonly journal: TaskJournal;
  /** Where requests go, for error reports (never holds the key). */
  readonly baseUrl: string;
  start(request: GenerationRequest, options: StartOptions): Promise<Started>;
  /** Waits with core's scheduler; a task that ends other than `succeeded` is thrown as its WankitError. */
  finish(started: Started, options: { signal?: AbortSignal; deadlineMs?: number }): Promise<TaskSnapshot>;
  /** Reads a result URL into memory (no API key is sent to it). */
  fetchBytes(url: string, signal?: AbortSignal): Promise<Uint8Array>;
}

const uncertain = (key: string) =>
  new WankitError({
    kind: 'submit_uncertain',
    message:
      `An earlier start under idempotency key ${key} may or may not have created a task (its outcome was never ` +
      'recorded); it is not sent again. Check with the provider, or start under a new key.',
    requestSent: 'unknown',
  });

/** What the journal knows about a key: the task it made, or a refusal to resend, or nothing. */
async function earlierStart(
  client: WankitClient,
  journal: TaskJournal,
  key: string,
  request: GenerationRequest,
): Promise<Started | undefined> {
  // A shared store with `claim` answers this inside core's submit, atomically across processes.
  if (journal.claim) return undefined;
  const summary = summarizeJournal(await journal.read()).get(key);
  if (!summary) return undefined;
  const earlier = summary.intent?.request ?? summary.ref;
  if (earlier && (earlier.model !== request.model || earlier.kind !== request.kind)) {
    throw new WankitError({
      kind: 'invalid_request',
      message: `idempotency key ${key} already started a ${earlier.kind} task with ${earlier.model}; use a new key`,
      field: 'idempotency-key',
    });
  }
  if (summary.ref) {
    return {
      ref: summary.ref,
      ...(summary.terminal ? { snapshot: { ...summary.terminal, ref: summary.ref } } : {}),
      // Nothing is sent; the warnings are the ones the same request gets from validation.
      warnings: client.prepare(request).warnings,
      key,
      reattached: true,
    };
  }
  // `refused`: the provider made no task, so sending again is safe. An intent without an outcome is unknown.
  if (summary.state === 'refused') return undefined;
  throw uncertain(key);
}

export function createTaskRunner(options: ClientOptions): TaskRunner {
  // The default journal lives as long as the provider: it makes retries inside this process idempotent. Pass a
  // file journal (`@wankit/core/node`) or a shared store for starts repeated from other processes.
  const journal = options.journal ?? createMemoryJournal();
  const client = createClient({ ...options, journal });
  const fetchImpl = options.fetch ?? globalThis.fetch;
  // Starts in flight by key: a second start under the same key while the first is still sending joins it.
  const inFlight = new Map<string, Promise<Started>>();

  const start = (request: GenerationRequest, startOptions: StartOptions): Promise<Started> => {
    const key = startOptions.key ?? globalThis.crypto.randomUUID();
    const joined = inFlight.get(key);
    if (joined) return joined;
    const started = (async (): Promise<Started> => {
      const earlier = await earlierStart(client, journal, key, request);
      if (earlier) return earlier;
      const submitted = await client.submit(request, {
        key,
        ...(startOptions.signal ? { signal: startOptions.signal } : {}),
        ...(startOptions.callbackUrl ? { callbackUrl: startOptions.callbackUrl } : {}),
      });
      return { ...submitted, reattached: false };
    })();
    inFlight.set(key, started);
    const forget = () => inFlight.delete(key);
    started.then(forget, forget);
    return started;
  };

  return {
    client,
    journal,
    baseUrl: options.baseUrl ?? options.adapter.defaultBaseUrl ?? '',
    start,
    async finish(started, waitOptions) {
      const known = started.snapshot;
      const snapshot =
        known && (known.status === 'succeeded' || known.status === 'failed' || known.status === 'canceled')
          ? known
          : await client.wait(started.ref, {
              key: started.key,
              ...(waitOptions.signal ? { signal: waitOptions.signal } : {}),
              ...(waitOptions.deadlineMs !== undefined ? { deadlineMs: waitOptions.deadlineMs } : {}),
            });
      if (snapshot.status === 'succeeded') return snapshot;
      const failure = snapshot.error;
      throw new WankitError({
        kind: failure?.kind ?? 'provider_error',
        message: `Task ${snapshot.ref.taskId} ${snapshot.status}: ${failure?.message ?? 'no reason given'}`,
        ...(failure?.code ? { providerCode: failure.code } : {}),
        taskRef: snapshot.ref,
      });
    },
    async fetchBytes(url, signal) {
      let response: Response;
      try {
        response = await fetchImpl(url, signal ? { signal } : {});
      } catch (cause) {
        if (signal?.aborted) {
          throw new WankitError({ kind: 'aborted', message: 'download of a result aborted', cause });
        }
        throw new WankitError({ kind: 'network', message: 'could not download a result', cause });
      }
      if (!response.ok) {
        throw new WankitError({
          kind: response.status === 404 || response.status === 410 ? 'not_found' : 'provider_error',
          message: `result download answered HTTP ${response.status} (result URLs expire)`,
          httpStatus: response.status,
        });
      }
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}
