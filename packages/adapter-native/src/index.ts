export type {
  components as NativeWireComponents,
  paths as NativeWirePaths,
} from './generated/native-wire.js';
export {
  createNativeAdapter,
  type NativeAdapterSettings,
  nativeAdapterId,
  nativeCreatePath,
  nativeDefaultBaseUrl,
  nativeStatusPath,
} from './native-adapter.js';
export {
  nativeHttpErrorKind,
  nativeTaskCodeKinds,
  nativeTaskErrorKind,
  readNativeError,
} from './native-error-table.js';
export { type NativeRegion, nativeIntlModelIds, nativeModelId, nativeModelIds } from './native-model-ids.js';
export {
  buildNativeBody,
  type NativeBodyForm,
  type NativeSeedBody,
  type NativeWrappedBody,
} from './native-request-body.js';
export { nativeStatus, nativeStatusTable } from './native-status-table.js';
