export {
  createGenerateTaskAdapter,
  type GenerateTaskAdapterSettings,
  type GenerateTaskProviderRoute,
  generateTaskAdapterId,
} from './generate-task-adapter.js';
export type { GenerateTaskModelId } from './generate-task-model-ids.js';
