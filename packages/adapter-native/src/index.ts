export {
  createNativeAdapter,
  type NativeAdapterSettings,
  type NativeBodyForm,
  type NativeRegion,
  nativeAdapterId,
} from './native-adapter.js';
export type { NativeModelId } from './native-model-ids.js';
