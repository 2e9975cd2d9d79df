export type { DurationRule, ModelSpec, TierSizes } from './catalog/model-spec.js';
export * from './errors/index.js';
export type { HttpTransport, WireRequest, WireResponse } from './http/transport.js';
export * from './spec/adapter.js';
export * from './spec/request.js';
export * from './spec/task.js';
export * from './spec/warning.js';
