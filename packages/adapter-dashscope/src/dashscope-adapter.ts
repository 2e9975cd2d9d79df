// @wankit/adapter-dashscope: Alibaba Cloud Model Studio's own API for the Wan models (wire-formats.md §0.4, §4;
// SOURCES.md). Wiring only: settings, hosts, capabilities; the request is built in
// dashscope-request.ts, every answer is read in dashscope-response.ts, uploads run in dashscope-upload.ts.
import {
  type AdapterCapabilities,
  checkBaseUrl,
  specificationVersion,
  type WanAdapter,
  WankitError,
} from '@wankit/core/adapter';
import { type DashScopeRegion, dashscopeModelIdOf, dashscopeModelIds } from './dashscope-model-ids.js';
import {
  dashscopeCancelRequest,
  dashscopeCreateRequest,
  dashscopeStatusRequest,
} from './dashscope-request.js';
import { createDashScopeReaders, taskRetentionMs } from './dashscope-response.js';
import { uploadInlineImages } from './dashscope-upload.js';

export type { DashScopeRegion };

export interface DashScopeAdapterSettings {
  /**
   * `singapore` (default, `dashscope-intl.aliyuncs.com`), `beijing` (`dashscope.aliyuncs.com`) or `virginia`
   * (`dashscope-us.aliyuncs.com`). The API key and the model must belong to the same region [MS-T2V27].
   */
  readonly region?: DashScopeRegion;
  /** Sent as `X-DashScope-WorkSpace` on every request, as the official SDK does [DS-SDK base_api.py]. */
  readonly workspaceId?: string;
  /**
   * Send requests to the workspace-scoped host `https://{workspaceId}.{ap-southeast-1|cn-beijing|us-east-1}
   * .maas.aliyuncs.com` of the region (recommended for Singapore; the only hosts the Wan3.0 page lists,
   * [AC-T2V27], [AC-WAN3]). Needs `workspaceId`.
   */
  readonly workspaceHost?: boolean;
  /** Any other host (a proxy, the simulator); wins over `region` and `workspaceHost`. */
  readonly baseUrl?: string;
  /**
   * Canonical id → DashScope id, for ids this package does not map (a dated snapshot such as
   * `wan2.7-t2v-2026-04-25`, `wan3.0-video-prime`, a `-us` model); each key is also accepted as a model.
   */
  readonly modelIds?: Readonly<Record<string, string>>;
}

export const dashscopeAdapterId = 'dashscope';

const regions: Readonly<Record<DashScopeRegion, { host: string; zone: string }>> = {
  // : hosts per region, and the workspace hosts' region codes.
  singapore: { host: 'https://dashscope-intl.aliyuncs.com', zone: 'ap-southeast-1' },
  beijing: { host: 'https://dashscope.aliyuncs.com', zone: 'cn-beijing' },
  virginia: { host: 'https://dashscope-us.aliyuncs.com', zone: 'us-east-1' },
};

const invalidSetting = (field: string, message: string, value: unknown, allowed: readonly unknown[]) =>
  new WankitError({ kind: 'invalid_request', message, field, value, allowed });

function baseUrlOf(settings: DashScopeAdapterSettings, region: DashScopeRegion): string {
  const { workspaceId } = settings;
  if (workspaceId !== undefined && !/^[A-Za-z0-9-]{1,63}$/.test(workspaceId)) {
    throw invalidSetting('workspaceId', 'workspaceId must be the id shown in the console', workspaceId, [
      'letters, digits and dashes',
    ]);
  }
  if (settings.baseUrl !== undefined) return checkBaseUrl(settings.baseUrl);
  if (!settings.workspaceHost) return regions[region].host;
  if (workspaceId === undefined) {
    throw invalidSetting('workspaceHost', 'workspaceHost needs workspaceId', undefined, ['a workspace id']);
  }
  return `https://${workspaceId}.${regions[region].zone}.maas.aliyuncs.com`;
}

export function createDashScopeAdapter(settings: DashScopeAdapterSettings = {}): WanAdapter {
  const region = settings.region ?? 'singapore';
  if (!Object.hasOwn(regions, region)) {
    throw invalidSetting('region', `region must be one of ${Object.keys(regions).join(', ')}`, region, [
      ...Object.keys(regions),
    ]);
  }
  const baseUrl = baseUrlOf(settings, region);
  const headers: Record<string, string> = settings.workspaceId
    ? { 'X-DashScope-WorkSpace': settings.workspaceId }
    : {};
  const requestSettings = { adapterId: dashscopeAdapterId, headers };
  const readers = createDashScopeReaders(region);
  const extraIds = settings.modelIds ?? {};
  const capabilities: AdapterCapabilities = {
    kinds: ['text-to-video', 'image-to-video', 'reference-to-video', 'text-to-image'],
    models: [...new Set([...dashscopeModelIds, ...Object.keys(extraIds)])],
    // No per-request callback URL: completion events go to EventBridge only (wire-formats §4.8).
    callbacks: false,
    cancel: true,
    progress: false,
    // [MS-RL] per account and model: 5 submissions a second and 5 running tasks for wan2.5 and newer, 2 and 2 for
    // wan2.2 and wanx2.1. One client may use any model, so the adapter-wide default is the
    // lower pair: 2 requests a second (core's budget counts polls too, which DashScope allows at 20 QPS) and 2
    // tasks at once. A client that only runs wan2.5+ may raise them: createClient({ limits: { requestsPerMinute:
    // 300, concurrentTasks: 5 } }).
    limits: { requestsPerMinute: 120, concurrentTasks: 2 },
    // "About 15 s" between polls [MS-T2V27]; tasks take 1–5 minutes.
    polling: { initialDelayMs: 15_000, intervalMs: 15_000 },
    resultTtlMs: taskRetentionMs,
    // DashScope reports no cost: core estimates one from the region's price list ([MS-PRICE]).
    priceList: region === 'beijing' ? 'dashscope-cn' : 'dashscope-intl',
  };
  return {
    specificationVersion,
    id: dashscopeAdapterId,
    name: `Alibaba Cloud Model Studio (DashScope, ${region})`,
    capabilities,
    defaultBaseUrl: baseUrl,
    providerModelId: (model) => dashscopeModelIdOf(model, { region, overrides: extraIds }),
    createRequest: (input) => dashscopeCreateRequest(input, requestSettings),
    readCreate: readers.readCreate,
    statusRequest: (ref) => dashscopeStatusRequest(ref, requestSettings),
    readStatus: readers.readStatus,
    cancelRequest: (ref) => dashscopeCancelRequest(ref, requestSettings),
    readCancel: readers.readCancel,
    prepareInputs: (input, context) =>
      uploadInlineImages(input, context, { ...requestSettings, wireError: readers.wireError }),
  };
}
