export {
  createGenerateTaskAdapter,
  type GenerateTaskAdapterSettings,
  generateTaskCapabilities,
  generateTaskDefaultBaseUrl,
} from './generate-task-adapter.js';
export { failCodeKind, generateTaskFailCodeTable, responseCodeKind } from './generate-task-error-table.js';
export { frameEquivalents } from './generate-task-frame.js';
export { defaultGenerateTaskModelIds, type GenerateTaskMode } from './generate-task-model-ids.js';
export {
  type GenerateTaskProviderOptions,
  type GenerateTaskProviderRoute,
  generateTaskAdapterId,
  generateTaskProviderOptionsSchema,
} from './generate-task-provider-options.js';
export { buildGenerateTaskBody, type GenerateTaskRequestBody } from './generate-task-request-body.js';
export { resultTtlMs } from './generate-task-snapshot.js';
export { generateTaskStatusTable, toNeutralStatus } from './generate-task-status-table.js';
export { callbackPayloadSchema, taskDataSchema } from './generate-task-wire-schemas.js';
export type {
  components as GenerateTaskWire,
  paths as GenerateTaskPaths,
} from './generated/generate-task-wire.js';
