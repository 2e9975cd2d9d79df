import type { ClientDefaults } from '../client/client-defaults.js';
import type { ClientOptions, WankitClient } from '../client/client-options.js';
import { createClient as createCoreClient } from '../client/create-client.js';
import type { RoutedClientOptions } from '../router/routed-client.js';
import { createUndiciFetch } from './undici-fetch.js';

/** On Node, a client given no `fetch` gets its own undici keep-alive pool, timing headers itself. */
export const nodeClientDefaults: ClientDefaults = {
  fetch: ({ requestTimeoutMs }) =>
    createUndiciFetch({ headersTimeoutMs: requestTimeoutMs, bodyTimeoutMs: requestTimeoutMs }),
};

/** The root entry's `createClient` with the Node defaults (for every provider of a router too). */
export function createClient(options: ClientOptions | RoutedClientOptions): WankitClient {
  return createCoreClient(options, nodeClientDefaults);
}
