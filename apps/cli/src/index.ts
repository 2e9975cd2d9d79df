export {
  type ConfigFile,
  loadConfigFile,
  type ProviderConfig,
  parseConfigFile,
} from './config/config-file.js';
export { defaultConfigFile, defaultJournalFile, wankitPaths } from './config/paths.js';
export { type ProviderId, providerIds } from './config/provider-ids.js';
export {
  type ConnectionFlags,
  type ResolvedConfig,
  resolveConfig,
  type Target,
} from './config/resolve-config.js';
export {
  ExitCode,
  type ExitCodeValue,
  exitCodeByKind,
  exitCodeForError,
  worstExitCode,
} from './exit-codes.js';
export { buildModelsData, type ModelsData } from './models-data.js';
export { buildProgram } from './program.js';
