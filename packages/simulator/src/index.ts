export { createManualClock, type ManualClock, type SimulatorClock, systemClock } from './clock.js';
export { describeSimulator } from './describe.js';
export {
  DASHSCOPE_DEFAULTS,
  type DashScopeModelLimits,
  type DashScopeOptions,
} from './formats/dashscope/options.js';
export { TIME_SCALE_HEADER } from './http/time-scale-header.js';
export { PROGRESS_CURVES, type ProgressCurve, progressAt } from './lifecycle/progress-curve.js';
export type { FailureReason, TaskState, TaskStatus } from './lifecycle/task.js';
export {
  DOCUMENTED_LIMITS,
  FAULT_ENDPOINTS,
  FAULT_KINDS,
  type FaultEndpoint,
  type FaultKind,
  type FaultOptions,
  type FormatLimits,
  type LimitOptions,
  NATIVE_ERROR_FORMS,
  NATIVE_VOCABULARIES,
  type NativeErrorForm,
  type NativeVocabulary,
  type ResolvedOptions,
  resolveSimulatorOptions,
  SIMULATOR_DEFAULTS,
  type SimulatorOptions,
  type Tier,
  V2_DIALECTS,
  type V2Dialect,
  WIRE_FORMATS,
  type WireFormat,
} from './options.js';
export { type Simulator, type SimulatorTaskView, startSimulator } from './server.js';
export type { FormatStats, SimulatorStats } from './stats/stats.js';
