import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { abortedError, type Clock, systemClock } from '../clock/clock.js';
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

interface Entry {
  readonly key: string;
  readonly tokenHash: Buffer;
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
}

export interface CallbackRegistry {
  /** Issues a fresh token and URL for one task. */
  register(options?: { key?: string }): CallbackRegistration;
  /** Ties a registration to the task the provider created (done by the client after submit). */
  bind(key: string, ref: TaskRef): void;
  /** Resolves with the first terminal snapshot delivered for `key`. */
  delivered(key: string, signal?: AbortSignal): Promise<TaskSnapshot>;
  /** Calls `listener` with every accepted non-terminal delivery; returns an unsubscribe function. */
  onProgress(key: string, listener: (snapshot: TaskSnapshot) => void): () => void;
  /** The terminal snapshot delivered so far, if any. */
  result(key: string): TaskSnapshot | undefined;
  /** Drops a registration: later deliveries for it are answered 404. */
  forget(key: string): void;
  /** For the handler: the bound ref when `token` is right; `undefined` ref when not yet bound. */
  authenticate(
    key: string,
    token: string,
  ): { ok: true; ref: TaskRef | undefined } | { ok: false; reason: 'unknown' | 'forbidden' };
  /** For the handler: applies a parsed delivery. Only the first terminal one changes anything. */
  deliver(key: string, snapshot: TaskSnapshot): DeliveryOutcome;
}

const registryLink = Symbol.for('wankit.callbackRegistry');

export const callbackTaskParam = 'wankit_task';
export const callbackTokenParam = 'wankit_token';

// Tokens are compared as sha256 digests with timingSafeEqual: both sides are 32 bytes, whatever was sent.
const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

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

  const registry: CallbackRegistry = {
    register(registerOptions = {}) {
      prune();
      const key = registerOptions.key ?? randomUUID();
      if (entries.has(key)) {
        throw new WankitError({
          kind: 'invalid_request',
          message: `callback key ${key} is already registered`,
          field: 'key',
          value: key,
        });
      }
      const token = randomBytes(32).toString('base64url');
      const tokenHash = sha256(token);
      entries.set(key, { key, tokenHash, createdAt: clock.now(), waiters: new Set(), listeners: new Set() });
      const registration: CallbackRegistration = {
        key,
        url: `${options.publicBaseUrl}${separator}${callbackTaskParam}=${encodeURIComponent(key)}&${callbackTokenParam}=${token}`,
        tokenHash: tokenHash.toString('hex'),
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
        const onAbort = () => {
          entry.waiters.delete(waiter);
          reject(abortedError(signal));
        };
        const waiter = (snapshot: TaskSnapshot) => {
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
      if (!entry) return { ok: false, reason: 'unknown' };
      if (!timingSafeEqual(sha256(token), entry.tokenHash)) return { ok: false, reason: 'forbidden' };
      return { ok: true, ref: entry.ref };
    },

    deliver(key, snapshot) {
      const entry = entries.get(key);
      if (!entry?.ref || snapshot.ref.taskId !== entry.ref.taskId) return 'mismatch';
      if (entry.terminal) return 'duplicate';
      if (!isTerminal(snapshot.status)) {
        for (const listener of entry.listeners) listener(snapshot);
        return 'progress';
      }
      entry.terminal = snapshot;
      entry.settledAt = clock.now();
      const waiters = [...entry.waiters];
      entry.waiters.clear();
      entry.listeners.clear();
      for (const waiter of waiters) waiter(snapshot);
      return 'applied';
    },
  };
  return registry;
}

/** The registry that issued a registration, or `undefined` for a hand-made one. */
export function registryOf(registration: CallbackRegistration): CallbackRegistry | undefined {
  return (registration as unknown as Record<symbol, CallbackRegistry | undefined>)[registryLink];
}
