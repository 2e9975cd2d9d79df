export {
  createDashScopeAdapter,
  type DashScopeAdapterSettings,
  type DashScopeRegion,
  dashscopeAdapterId,
} from './dashscope-adapter.js';
