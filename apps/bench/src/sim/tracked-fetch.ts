/**
 * A `fetch` that knows how many requests are in flight and counts answers by status. It reads each
 * body fully before handing the response on, so "no request in flight" means no I/O is pending for
 * it: the simulated-time driver advances the fake clock only then.
 */
export interface TrackedFetch {
  readonly fetch: typeof fetch;
  inFlight(): number;
  /** Resolves once nothing is in flight. */
  settled(): Promise<void>;
  readonly statusCounts: Map<number, number>;
  requests(): number;
}

export function createTrackedFetch(base: typeof fetch = globalThis.fetch): TrackedFetch {
  let inFlight = 0;
  let requests = 0;
  let waiters: (() => void)[] = [];
  const statusCounts = new Map<number, number>();
  const done = () => {
    inFlight--;
    if (inFlight === 0) {
      const pending = waiters;
      waiters = [];
      for (const wake of pending) wake();
    }
  };
  const tracked: typeof fetch = async (input, init) => {
    inFlight++;
    requests++;
    try {
      const response = await base(input, init);
      const body = await response.arrayBuffer();
      statusCounts.set(response.status, (statusCounts.get(response.status) ?? 0) + 1);
      return new Response(response.status === 204 || response.status === 304 ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } finally {
      done();
    }
  };
  return {
    fetch: tracked,
    inFlight: () => inFlight,
    settled: () =>
      inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
    statusCounts,
    requests: () => requests,
  };
}

/**
 * A `fetch` that only counts answers by status, without buffering (for real-time benchmarks). It
 * keeps the base's `headersTimeoutMs` (see core's undici-fetch), so core sets ky up as for the base.
 */
export function createCountingFetch(base: typeof fetch = globalThis.fetch): {
  fetch: typeof fetch;
  statusCounts: Map<number, number>;
} {
  const statusCounts = new Map<number, number>();
  const counting: typeof fetch = async (input, init) => {
    const response = await base(input, init);
    statusCounts.set(response.status, (statusCounts.get(response.status) ?? 0) + 1);
    return response;
  };
  const { headersTimeoutMs } = base as { headersTimeoutMs?: number };
  return {
    statusCounts,
    fetch: headersTimeoutMs === undefined ? counting : Object.assign(counting, { headersTimeoutMs }),
  };
}

/** The method of a fetch call: ky passes a `Request` object, plain callers a URL and `init`. */
export function methodOf(input: Parameters<typeof fetch>[0], init?: RequestInit): string {
  return (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
}

/** The body text of a fetch call, whichever form it came in (a `Request` is cloned, not consumed). */
export async function bodyOf(
  input: Parameters<typeof fetch>[0],
  init?: RequestInit,
): Promise<string | undefined> {
  if (typeof init?.body === 'string') return init.body;
  if (input instanceof Request && input.body !== null) return input.clone().text();
  return undefined;
}
