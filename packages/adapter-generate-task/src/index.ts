export {
  createGenerateTaskAdapter,
  type GenerateTaskAdapterSettings,
  type GenerateTaskProviderRoute,
  generateTaskAdapterId,
} from './generate-task-adapter.js';
