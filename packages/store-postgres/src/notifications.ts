import { abortedError } from '@wankit/core/store';
import type pg from 'pg';
import type { Database } from './database.js';
import { quoteIdentifier } from './database.js';

/**
 * One LISTEN connection per store: wakes whoever waits on a topic (`key:<key>`, `account:<id>`) when another
 * process changes it. Notifications are only a shortcut: every waiter also re-checks on a timer, so a lost
 * connection or a missed notification costs latency, never correctness.
 */
export interface Notifications {
  /** Calls `listener` on every notification for `topic`; returns an unsubscribe function. */
  subscribe(topic: string, listener: () => void): () => void;
  /** Resolves on the next notification for `topic` or after `ms`, whichever comes first; rejects on abort. */
  wait(topic: string, ms: number, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export function createNotifications(database: Database, channel: string): Notifications {
  const listeners = new Map<string, Set<() => void>>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;

  const connect = () => {
    if (connecting || closed) return;
    connecting = (async () => {
      try {
        const listener = await database.connectListener();
        if (closed) {
          await listener.end();
          return;
        }
        listener.on('notification', (message) => {
          for (const fn of listeners.get(message.payload ?? '') ?? []) fn();
        });
        listener.on('error', () => {
          // Fall back to polling; the next subscriber reconnects.
          client = undefined;
          connecting = undefined;
        });
        await listener.query(`LISTEN ${quoteIdentifier(channel)}`);
        client = listener;
      } catch {
        connecting = undefined;
      }
    })();
  };

  const subscribe = (topic: string, listener: () => void) => {
    connect();
    let set = listeners.get(topic);
    if (!set) {
      set = new Set();
      listeners.set(topic, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) listeners.delete(topic);
    };
  };

  return {
    subscribe,
    wait(topic, ms, signal) {
      if (signal?.aborted) return Promise.reject(abortedError(signal));
      return new Promise<void>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          unsubscribe();
          signal?.removeEventListener('abort', onAbort);
        };
        const onAbort = () => {
          done();
          reject(abortedError(signal));
        };
        const timer = setTimeout(
          () => {
            done();
            resolve();
          },
          Math.max(0, ms),
        );
        const unsubscribe = subscribe(topic, () => {
          done();
          resolve();
        });
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    async close() {
      closed = true;
      await connecting;
      await client?.end().catch(() => undefined);
      client = undefined;
      listeners.clear();
    },
  };
}
