import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import { abortedError, type Clock, systemClock } from '../clock/clock.js';
import { constantTimeEqual, randomId, randomToken, sha256Bytes } from '../crypto/portable-crypto.js';
import { WankitError } from '../errors/wankit-error.js';
import { isTerminal, type TaskRef, type TaskSnapshot } from '../spec/task.js';

/** One task's callback: the URL to give the provider and what may be journaled about it. */
export interface CallbackRegistration {
  /** Identifies the submission (also the journal key when submitted through a client). */
  readonly key: string;
  /** The URL to hand the provider; it carries the secret token, so treat it as a secret. */
  readonly url: string;
  /** sha256 (hex) of the token: safe to store, enough to recognise the token again. */
  readonly tokenHash: string;
}

/** The outcome of offering a delivery to the registry. */
export type DeliveryOutcome = 'applied' | 'progress' | 'duplicate' | 'mismatch';

/**
 * Where registrations live when several instances share callbacks (e.g. `@wankit/store-postgres`): any
 * instance can then authenticate and record a delivery, and the instance waiting for the task is woken.
 */
export interface SharedCallbacks {
  /** Stores a new registration (the token's sha256 hex, never the token). */
  save(key: string, tokenHash: string): Promise<void>;
  /** Records the task a registration belongs to. */
  bind(key: string, ref: TaskRef): Promise<void>;
  /** A registration made by any instance, with its terminal snapshot once one was delivered. */
  find(key: string): Promise<{ tokenHash: string; ref?: TaskRef; terminal?: TaskSnapshot } | undefined>;
  /** Records the first terminal delivery for `key`; `duplicate` when one was recorded already, anywhere. */
  settle(key: string, snapshot: TaskSnapshot): Promise<'applied' | 'duplicate'>;
  /** Calls `onTerminal` once the terminal snapshot is recorded by any instance; returns a stop function. */
  watch(key: string, onTerminal: (snapshot: TaskSnapshot) => void): () => void;
}

type Authentication = { ok: true; ref: TaskRef | undefined } | { ok: false; reason: 'unknown' | 'forbidden' };

interface Entry {
  readonly key: string;
  readonly tokenHash: Uint8Array;
  /** The shared store's copy of the registration, being written. */
  saved?: Promise<void>;
  ref?: TaskRef;
  terminal?: TaskSnapshot;
  createdAt: number;
  settledAt?: number;
  waiters: Set<(snapshot: TaskSnapshot) => void>;
  listeners: Set<(snapshot: TaskSnapshot) => void>;
}

export interface CallbackRegistryOptions {
  /** Public URL the provider will POST to (where the handler is mounted), e.g. `https://app.example/wankit/callback`. */
  publicBaseUrl: string;
  clock?: Clock;
  /** How long a finished registration is kept to answer provider retries idempotently. Default 1 h. */
  retainMs?: number;
  /** A registration whose callback never came (and that nobody waits on) is dropped after this. Default 24 h. */
  abandonAfterMs?: number;
  /** Share registrations and deliveries with other instances; without it they live in this process only. */
  shared?: SharedCallbacks;
}

export interface CallbackRegistry {
  /** Issues a fresh token and URL for one task. */
  register(options?: { key?: string }): CallbackRegistration;
  /** Ties a registration to the task the provider created (done by the client after submit). */
  bind(key: string, ref: TaskRef): void | Promise<void>;
  /** Resolves with the first terminal snapshot delivered for `key`. */
  delivered(key: string, signal?: AbortSignal): Promise<TaskSnapshot>;
  /** Calls `listener` with every accepted non-terminal delivery; returns an unsubscribe function. */
  onProgress(key: string, listener: (snapshot: TaskSnapshot) => void): () => void;
  /** The terminal snapshot delivered so far, if any. */
  result(key: string): TaskSnapshot | undefined;
  /** Drops a registration: later deliveries for it are answered 404. */
  forget(key: string): void;
  /** For the handler: the bound ref when `token` is right; `undefined` ref when not yet bound. */
  authenticate(key: string, token: string): Authentication | Promise<Authentication>;
  /** For the handler: applies a parsed delivery. Only the first terminal one changes anything. */
  deliver(key: string, snapshot: TaskSnapshot): DeliveryOutcome | Promise<DeliveryOutcome>;
}

const registryLink = Symbol.for('wankit.callbackRegistry');

export const callbackTaskParam = 'wankit_task';
export const callbackTokenParam = 'wankit_token';

// Tokens are compared as sha256 digests in constant time: both sides are 32 bytes, whatever was sent.
const sha256 = sha256Bytes;

/**
 * Issues per-task callback URLs and remembers only a hash of each token. Providers sign nothing
 * (apixo documents no signature), so the unguessable token in the URL is what authenticates a delivery.
 */
export function createCallbackRegistry(options: CallbackRegistryOptions): CallbackRegistry {
  try {
    new URL(options.publicBaseUrl);
  } catch {
    throw new WankitError({
      kind: 'invalid_request',
      message: `publicBaseUrl "${options.publicBaseUrl}" is not an absolute URL`,
      field: 'publicBaseUrl',
      value: options.publicBaseUrl,
    });
  }
  const clock = options.clock ?? systemClock;
  const retainMs = options.retainMs ?? 3_600_000;
  const abandonAfterMs = options.abandonAfterMs ?? 86_400_000;
  const separator = options.publicBaseUrl.includes('?') ? '&' : '?';
  const entries = new Map<string, Entry>();
  let lastPrune = clock.now();

  const prune = () => {
    const now = clock.now();
    if (now - lastPrune < 60_000) return;
    lastPrune = now;
    for (const [key, entry] of entries) {
      if (entry.waiters.size > 0) continue;
      const settledLongAgo = entry.settledAt !== undefined && now - entry.settledAt > retainMs;
      // A callback that never came (the task finished by polling, or was never submitted) must not pin memory forever.
      const abandoned = entry.settledAt === undefined && now - entry.createdAt > abandonAfterMs;
      if (settledLongAgo || abandoned) entries.delete(key);
    }
  };

  const shared = options.shared;

  // The first terminal snapshot settles the entry and wakes its waiters.
  const settleLocal = (entry: Entry, snapshot: TaskSnapshot) => {
    if (entry.terminal) return;
    entry.terminal = snapshot;
    entry.settledAt = clock.now();
    const waiters = [...entry.waiters];
    entry.waiters.clear();
    entry.listeners.clear();
    for (const waiter of waiters) waiter(snapshot);
  };

  const checkToken = (tokenHash: Uint8Array, token: string): boolean =>
    constantTimeEqual(sha256(token), tokenHash);

  // A registration made on another instance: known only to the shared store.
  const authenticateShared = async (key: string, token: string): Promise<Authentication> => {
    const found = await shared!.find(key);
    if (!found) return { ok: false, reason: 'unknown' };
    if (!checkToken(hexToBytes(found.tokenHash), token)) return { ok: false, reason: 'forbidden' };
    return { ok: true, ref: found.ref };
  };

  const deliverShared = async (key: string, snapshot: TaskSnapshot): Promise<DeliveryOutcome> => {
    const entry = entries.get(key);
    const ref = entry?.ref ?? (await shared!.find(key))?.ref;
    if (!ref || snapshot.ref.taskId !== ref.taskId) return 'mismatch';
    if (!isTerminal(snapshot.status)) {
      for (const listener of entry?.listeners ?? []) listener(snapshot);
      return 'progress';
    }
    const outcome = await shared!.settle(key, snapshot);
    if (entry) settleLocal(entry, snapshot);
    return outcome;
  };

  const registry: CallbackRegistry = {
    register(registerOptions = {}) {
      prune();
      const key = registerOptions.key ?? randomId();
      if (entries.has(key)) {
        throw new WankitError({
          kind: 'invalid_request',
          message: `callback key ${key} is already registered`,
          field: 'key',
          value: key,
        });
      }
      const token = randomToken(32);
      const tokenHash = sha256(token);
      const entry: Entry = {
        key,
        tokenHash,
        createdAt: clock.now(),
        waiters: new Set(),
        listeners: new Set(),
      };
      if (shared) {
        entry.saved = shared.save(key, bytesToHex(tokenHash));
        // Awaited by bind; a failure here must not be an unhandled rejection before then.
        entry.saved.catch(() => undefined);
      }
      entries.set(key, entry);
      const registration: CallbackRegistration = {
        key,
        url: `${options.publicBaseUrl}${separator}${callbackTaskParam}=${encodeURIComponent(key)}&${callbackTokenParam}=${token}`,
        tokenHash: bytesToHex(tokenHash),
      };
      // Not enumerable: the registration stays plain data for JSON, yet a client can find its registry.
      Object.defineProperty(registration, registryLink, { value: registry, enumerable: false });
      return registration;
    },

    bind(key, ref) {
      const entry = entries.get(key);
      if (!entry) {
        throw new WankitError({
          kind: 'invalid_request',
          message: `no callback registered under key ${key}`,
          field: 'key',
          value: key,
        });
      }
      entry.ref = ref;
      if (!shared) return;
      return (async () => {
        await entry.saved;
        await shared.bind(key, ref);
      })();
    },

    delivered(key, signal) {
      const entry = entries.get(key);
      if (!entry) {
        return Promise.reject(
          new WankitError({
            kind: 'invalid_request',
            message: `no callback registered under key ${key}`,
            field: 'key',
            value: key,
          }),
        );
      }
      if (entry.terminal) return Promise.resolve(entry.terminal);
      if (signal?.aborted) return Promise.reject(abortedError(signal));
      return new Promise((resolve, reject) => {
        // Another instance may receive the delivery: the shared store wakes this one.
        const unwatch = shared?.watch(key, (snapshot) => settleLocal(entry, snapshot));
        const onAbort = () => {
          unwatch?.();
          entry.waiters.delete(waiter);
          reject(abortedError(signal));
        };
        const waiter = (snapshot: TaskSnapshot) => {
          unwatch?.();
          signal?.removeEventListener('abort', onAbort);
          resolve(snapshot);
        };
        entry.waiters.add(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },

    onProgress(key, listener) {
      const entry = entries.get(key);
      if (!entry) return () => undefined;
      entry.listeners.add(listener);
      return () => entry.listeners.delete(listener);
    },

    result: (key) => entries.get(key)?.terminal,

    forget(key) {
      entries.delete(key);
    },

    authenticate(key, token) {
      const entry = entries.get(key);
      if (!entry) return shared ? authenticateShared(key, token) : { ok: false, reason: 'unknown' };
      if (!checkToken(entry.tokenHash, token)) return { ok: false, reason: 'forbidden' };
      // Bound on another instance (a client there submitted it): only the shared store knows the ref.
      if (!entry.ref && shared) return authenticateShared(key, token);
      return { ok: true, ref: entry.ref };
    },

    deliver(key, snapshot) {
      if (shared) return deliverShared(key, snapshot);
      const entry = entries.get(key);
      if (!entry?.ref || snapshot.ref.taskId !== entry.ref.taskId) return 'mismatch';
      if (entry.terminal) return 'duplicate';
      if (!isTerminal(snapshot.status)) {
        for (const listener of entry.listeners) listener(snapshot);
        return 'progress';
      }
      settleLocal(entry, snapshot);
      return 'applied';
    },
  };
  return registry;
}

/** The registry that issued a registration, or `undefined` for a hand-made one. */
export function registryOf(registration: CallbackRegistration): CallbackRegistry | undefined {
  return (registration as unknown as Record<symbol, CallbackRegistry | undefined>)[registryLink];
}
