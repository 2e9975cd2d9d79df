// @wankit/ai-sdk: any wankit adapter as an AI SDK (Vercel) video and image provider.
export type { WankitProviderOptions } from './provider-options.js';
export type * from './spec-v4.js';
export {
  createWankit,
  type WankitModelId,
  type WankitProvider,
  type WankitProviderSettings,
  type WankitProviderV4,
} from './wankit-provider.js';
