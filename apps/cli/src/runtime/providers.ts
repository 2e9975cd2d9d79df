import type { WanAdapter } from '@wankit/core';
import type { ProviderId } from '../config/provider-ids.js';
import type { ProviderSettings } from '../config/resolve-config.js';

/** What the CLI needs to know about each provider beyond its adapter: how a user configures it. */
export interface ProviderInfo {
  readonly id: ProviderId;
  readonly packageName: string;
  /** Who speaks this format (wire-formats.md §0). */
  readonly examples: string;
  /** Where to get a key and what the base URL is, in one line. */
  readonly setup: string;
  /** Creates the adapter; imported lazily so that `--help` and `models` stay fast. */
  load(settings: ProviderLoadSettings): Promise<WanAdapter>;
}

/** Settings of one adapter. `region` and `workspaceId` are DashScope's; resolve-config refuses them elsewhere. */
export interface ProviderLoadSettings extends ProviderSettings {
  readonly baseUrl?: string;
  readonly allowLoopbackHttpCallbacks?: boolean;
}

export const providers: Readonly<Record<ProviderId, ProviderInfo>> = {
  native: {
    id: 'native',
    packageName: '@wankit/adapter-native',
    examples: 'vtrix gateway (cloud.vtrix.ai): POST /model/v1/generation',
    setup: 'key from the vtrix console; base URL defaults to https://cloud.vtrix.ai',
    load: async (settings) => {
      const { createNativeAdapter } = await import('@wankit/adapter-native');
      return createNativeAdapter(settings.baseUrl ? { baseUrl: settings.baseUrl } : {});
    },
  },
  v2: {
    id: 'v2',
    packageName: '@wankit/adapter-v2',
    examples: 'OpenAI-style new-api gateways (e.g. yutoai): POST /v2/videos/generations',
    setup:
      "key from the gateway; base URL required (the provider documents none): --base-url or config 'baseUrl'",
    load: async (settings) => {
      const { createV2Adapter } = await import('@wankit/adapter-v2');
      return createV2Adapter(settings.baseUrl ? { baseUrl: settings.baseUrl } : {});
    },
  },
  'generate-task': {
    id: 'generate-task',
    packageName: '@wankit/adapter-generate-task',
    examples: 'apixo (api.apixo.ai): POST /api/v1/generateTask/{model}, async or callback',
    setup: 'key from apixo.ai; base URL defaults to the documented https://api.apixo.ai',
    load: async (settings) => {
      const { createGenerateTaskAdapter } = await import('@wankit/adapter-generate-task');
      return createGenerateTaskAdapter({
        ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
        ...(settings.allowLoopbackHttpCallbacks ? { allowLoopbackHttpCallbacks: true } : {}),
      });
    },
  },
  dashscope: {
    id: 'dashscope',
    packageName: '@wankit/adapter-dashscope',
    examples:
      "Alibaba Cloud Model Studio's own API (DashScope): POST /api/v1/services/aigc/…/video-synthesis, X-DashScope-Async",
    setup:
      'key from the Model Studio console of its region; --region singapore (default, dashscope-intl), beijing or ' +
      "virginia (config 'region'); optional --workspace-id (config 'workspaceId', sent as X-DashScope-WorkSpace)",
    load: async (settings) => {
      const { createDashScopeAdapter } = await import('@wankit/adapter-dashscope');
      return createDashScopeAdapter({
        ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
        ...(settings.region ? { region: settings.region } : {}),
        ...(settings.workspaceId ? { workspaceId: settings.workspaceId } : {}),
      });
    },
  },
};
