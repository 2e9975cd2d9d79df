export { createManualClock, type ManualClock, type SimulatorClock, systemClock } from './clock.js';
export { describeSimulator } from './describe.js';
export type { FailureReason, TaskState } from './lifecycle/task.js';
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
  WIRE_FORMATS,
  type WireFormat,
} from './options.js';
export { type Simulator, type SimulatorTaskView, startSimulator } from './server.js';
export type { FormatStats, SimulatorStats } from './stats/stats.js';
