// @wankit/adapter-generate-task: the apixo-style task API `POST /api/v1/generateTask/{model}` +
// `GET /api/v1/statusTask/{model}?taskId=`, async or with a callback (seed 004; wire-formats.md §0.3, §3).
// Wiring only: requests are built in generate-task-request.ts, answers read in generate-task-response.ts.
import {
  type AdapterCapabilities,
  checkBaseUrl,
  specificationVersion,
  type WanAdapter,
} from '@wankit/core/adapter';
import { defaultGenerateTaskModelIds, generateTaskModelIdOf } from './generate-task-model-ids.js';
import { generateTaskCreateRequest, generateTaskStatusRequest } from './generate-task-request.js';
import {
  generateTaskResultTtlMs,
  readGenerateTaskCallback,
  readGenerateTaskCreate,
  readGenerateTaskStatus,
} from './generate-task-response.js';
import type { GenerateTaskProviderRoute } from './generate-task-wire-schemas.js';

export type { GenerateTaskProviderRoute };

export interface GenerateTaskAdapterSettings {
  /**
   * Default `https://api.apixo.ai`. Seed 004 writes the paths as `/api/v1/generateTask/...`, while
   * wire-formats.md §0.3 gives the base as `https://api.apixo.ai/api/v1`: a base ending in `/api/v1` is
   * accepted and split.
   */
  readonly baseUrl?: string;
  /** Path prefix before `/generateTask` and `/statusTask`; default `/api/v1`. */
  readonly apiPrefix?: string;
  /** Adapter-wide routing strategy; `providerOptions['generate-task'].provider` overrides it per request. */
  readonly provider?: GenerateTaskProviderRoute;
  /** Extra or replacement canonical id → provider model id entries (merged over the defaults). */
  readonly modelIds?: Readonly<Record<string, string>>;
  /** Accept `http://` callback URLs on loopback hosts (local tests against the simulator). Default false. */
  readonly allowLoopbackHttpCallbacks?: boolean;
}

export const generateTaskAdapterId = 'generate-task';

export function createGenerateTaskAdapter(settings: GenerateTaskAdapterSettings = {}): WanAdapter {
  const base = checkBaseUrl(settings.baseUrl ?? 'https://api.apixo.ai');
  const split = settings.apiPrefix === undefined && base.endsWith('/api/v1');
  const baseUrl = split ? base.slice(0, -'/api/v1'.length) : base;
  const apiPrefix = (settings.apiPrefix ?? '/api/v1').replace(/\/+$/, '');
  const modelIds = { ...defaultGenerateTaskModelIds, ...settings.modelIds };
  const requestSettings = {
    adapterId: generateTaskAdapterId,
    apiPrefix,
    allowLoopbackHttpCallbacks: settings.allowLoopbackHttpCallbacks ?? false,
    ...(settings.provider === undefined ? {} : { provider: settings.provider }),
  };
  /**
   * Seed 004: 10 000 requests/min, 1000 concurrent tasks, "wait 50 seconds, then poll every 5 seconds",
   * result URLs valid 15 days. No cancel and no progress figure are documented.
   */
  const capabilities: AdapterCapabilities = {
    kinds: ['text-to-video', 'image-to-video'],
    models: Object.keys(modelIds),
    callbacks: true,
    cancel: false,
    progress: false,
    limits: { requestsPerMinute: 10_000, concurrentTasks: 1000 },
    polling: { initialDelayMs: 50_000, intervalMs: 5_000 },
    resultTtlMs: generateTaskResultTtlMs,
    // Seed 004's per-second prices: a finished task (which reports no cost) gets an estimated one.
    priceList: 'apixo',
  };
  return {
    specificationVersion,
    id: generateTaskAdapterId,
    name: 'generateTask (apixo-style /api/v1/generateTask, async or callback)',
    capabilities,
    defaultBaseUrl: baseUrl,
    providerModelId: (model) => generateTaskModelIdOf(model, modelIds),
    createRequest: (input) => generateTaskCreateRequest(input, requestSettings),
    readCreate: readGenerateTaskCreate,
    statusRequest: (ref) => generateTaskStatusRequest(ref, apiPrefix),
    readStatus: readGenerateTaskStatus,
    readCallback: readGenerateTaskCallback,
  };
}
