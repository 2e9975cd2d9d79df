import type { ClientDefaults } from '../client/client-defaults.js';
import type { ClientOptions, WankitClient } from '../client/client-options.js';
import { createClient as createCoreClient } from '../client/create-client.js';
import { createUndiciFetch } from './undici-fetch.js';

/** On Node, a client given no `fetch` gets its own undici keep-alive pool, timing headers itself. */
export const nodeClientDefaults: ClientDefaults = {
  fetch: ({ requestTimeoutMs }) =>
    createUndiciFetch({ headersTimeoutMs: requestTimeoutMs, bodyTimeoutMs: requestTimeoutMs }),
};

/** The root entry's `createClient` with the Node defaults: what `@wankit/core` gives under Node. */
export function createClient(options: ClientOptions): WankitClient {
  return createCoreClient(options, nodeClientDefaults);
}
