export {
  createDashScopeAdapter,
  type DashScopeAdapterSettings,
  type DashScopeRegion,
  dashscopeAdapterId,
} from './dashscope-adapter.js';
export type { DashScopeModelId } from './dashscope-model-ids.js';
