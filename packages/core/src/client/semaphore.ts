import { abortedError } from '../clock/clock.js';

/** Releases a slot; calling it twice is harmless. */
export type ReleaseSlot = () => void;

export interface Semaphore {
  /** Takes a slot, waiting (FIFO) until one is free. */
  acquire(signal?: AbortSignal, waitingMessage?: string): Promise<ReleaseSlot>;
  /** Takes a slot now if one is free. */
  tryAcquire(): ReleaseSlot | undefined;
  usage(): { active: number; waiting: number };
}

interface Waiter {
  resolve: (release: ReleaseSlot) => void;
  cancelled: boolean;
}

/** A FIFO counting semaphore, O(1) per acquire and release; `Infinity` never waits. */
export function createSemaphore(limit: number): Semaphore {
  let active = 0;
  const waiters: Waiter[] = [];
  let head = 0;

  const compact = () => {
    if (head > 1024 && head * 2 > waiters.length) {
      waiters.splice(0, head);
      head = 0;
    }
  };

  const makeRelease = (): ReleaseSlot => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Hand the slot straight to the next live waiter, so `active` never dips and lets a newcomer jump the queue.
      while (head < waiters.length) {
        const next = waiters[head]!;
        waiters[head++] = undefined as unknown as Waiter;
        if (!next.cancelled) {
          next.resolve(makeRelease());
          compact();
          return;
        }
      }
      active--;
      compact();
    };
  };

  const tryAcquire = (): ReleaseSlot | undefined => {
    if (active >= limit) return undefined;
    active++;
    return makeRelease();
  };

  return {
    tryAcquire,
    acquire(signal, waitingMessage = 'Aborted while waiting for a free slot') {
      if (signal?.aborted) return Promise.reject(abortedError(signal));
      const now = tryAcquire();
      if (now) return Promise.resolve(now);
      return new Promise<ReleaseSlot>((resolve, reject) => {
        const waiter: Waiter = {
          cancelled: false,
          resolve: (release) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(release);
          },
        };
        const onAbort = () => {
          waiter.cancelled = true;
          reject(abortedError(signal, waitingMessage));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiters.push(waiter);
      });
    },
    usage() {
      let waiting = 0;
      for (let i = head; i < waiters.length; i++) if (!waiters[i]!.cancelled) waiting++;
      return { active, waiting };
    },
  };
}
