import type { BodyGet } from './socket-get.js';

/** GET through a caller-supplied `fetch` (custom transports, tests): its body read chunk by chunk. */
export function fetchGet(fetchImpl: typeof fetch): BodyGet {
  return async (url, headers, signal) => {
    const response = await fetchImpl(url, { headers, signal });
    return {
      status: response.status,
      header: (name) => response.headers.get(name) ?? undefined,
      discard: () => {
        response.body?.cancel().catch(() => undefined);
      },
      async read(onData) {
        if (!response.body) return;
        const reader = response.body.getReader();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return;
            onData(value);
          }
        } catch (error) {
          await reader.cancel().catch(() => undefined);
          throw error;
        }
      },
    };
  };
}
