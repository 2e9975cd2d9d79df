// @wankit/core/adapter: the building blocks every wankit adapter is made of. Users never need this
// entry; adapter authors start here (and from the checklist in contracts/README.md).

export { defaultTier, frameToSize, resolveFrame, sizeToFrame, tierOf } from '../catalog/frame.js';
export { type ErrorKind, errorKinds } from '../errors/error-kind.js';
export { WankitError } from '../errors/wankit-error.js';
export { checkBaseUrl, isLoopbackHost } from '../http/base-url.js';
export type { HttpTransport } from '../http/transport.js';
export type {
  AdapterCallContext,
  AdapterCapabilities,
  AdapterCreateAnswer,
  AdapterCreateRequest,
  AdapterReadContext,
  AdapterRequestInput,
  AdapterTaskReadContext,
  TaskState,
  WanAdapter,
  WireRequest,
  WireResponse,
} from '../spec/adapter.js';
export { specificationVersion } from '../spec/adapter.js';
export { type Envelope, type EnvelopeOptions, isSuccessCode, readEnvelope } from './envelope.js';
export { asObject, firstText, textOf } from './json-object.js';
export { readCode, readMessage } from './message.js';
export { findOutputs } from './outputs.js';
export { type ProgressScale, readProgress } from './progress.js';
export { checkInlineImageLimit, parseProviderOptions } from './provider-options.js';
export { type AnswerRules, hasStatusWord, readCreateAnswer, readTaskAnswer } from './read-answer.js';
export { invalidResponse, type ReadJsonResult, readJson } from './read-json.js';
export type { SchemaAccepts } from './schema-check.js';
export { createStatusTable, normaliseStatusWord, type StatusReading } from './status-table.js';
export { findTaskId } from './task-id.js';
export { noOutputsWarning, settleState, snapshotOf } from './task-state.js';
export { classifyUpstreamText, upstreamCodeKind } from './upstream-codes.js';
export {
  createWireErrorReader,
  defaultStatusKinds,
  looksLikeError,
  readErrorDetails,
  requestIdOf,
  statusKind,
  type WireErrorDetails,
  type WireErrorReader,
  type WireErrorSpec,
} from './wire-error.js';
export { readWireTime, type WireTimeOptions } from './wire-time.js';
