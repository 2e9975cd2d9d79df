export { checkBaseUrl, joinUrl } from './base-url.js';
export {
  type CoreHttpTransport,
  createHttpTransport,
  defaultRequestTimeoutMs,
  type HttpTransportOptions,
  type SendOptions,
} from './create-transport.js';
export type { Logger } from './logger.js';
export { invalidResponse, type ReadJsonResult, readJson } from './read-json.js';
export { parseRetryAfter } from './retry-after.js';
export type { HttpTransport, WireRequest, WireResponse } from './transport.js';
