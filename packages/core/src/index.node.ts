// `@wankit/core` under Node (the `node` export condition): the root API, with `createClient` taking
// Node's faster default fetch (an undici keep-alive pool per client). Runtimes without the `node`
// condition get ./index.ts, which uses the global fetch.
export * from './index.js';
export { createClient } from './node/node-client.js';
