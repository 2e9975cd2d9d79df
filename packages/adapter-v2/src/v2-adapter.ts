// @wankit/adapter-v2: the OpenAI-style task API `POST /v2/videos/generations` +
// `GET /v2/videos/generations/{task_id}` (seed 003; wire-formats.md §0.2, §2). Wiring only: the
// request is built in v2-request.ts and every answer is read in v2-response.ts.
import {
  type AdapterCapabilities,
  checkBaseUrl,
  specificationVersion,
  type WanAdapter,
} from '@wankit/core/adapter';
import { v2DocumentedModels, v2ModelIdOf } from './v2-model-ids.js';
import { v2CreateRequest, v2StatusRequest } from './v2-request.js';
import { readV2Create, readV2Status } from './v2-response.js';

export interface V2AdapterSettings {
  /**
   * Base URL of the gateway, e.g. `https://api.example.com`. The provider documents none (every example
   * uses a relative path), so it is required — here or as `baseUrl` of `createClient`.
   */
  readonly baseUrl?: string;
  /**
   * Canonical id → /v2 wire id. Each key is also accepted as a model, which is how to opt in to ids /v2 does
   * not document: whether wan2.5/wan2.6 text-to-video ids work on /v2 is unknown (wire-formats.md §2.10
   * item 5), so they are off by default — e.g. `{ 'wan2.5-t2v-preview': 'wan2.5-t2v-preview' }`.
   */
  readonly modelIds?: Readonly<Record<string, string>>;
}

export const v2AdapterId = 'v2';

export function createV2Adapter(settings: V2AdapterSettings = {}): WanAdapter {
  // Checked now, so a bad URL fails at construction rather than on the first request.
  const baseUrl = settings.baseUrl === undefined ? undefined : checkBaseUrl(settings.baseUrl);
  const extraIds = settings.modelIds ?? {};
  /**
   * No callbacks or cancel are documented (§2.8: the callback page is another provider's). Polling: the
   * unified guide advises backoff 2 s → 4 s → 8 s (Y6), written as 2 s first, then every 8 s. Result URLs
   * are DashScope OSS URLs, valid ~24 h (INFERRED, §2.9). No limits are documented.
   */
  const capabilities: AdapterCapabilities = {
    kinds: ['text-to-video', 'image-to-video'],
    models: [...new Set([...v2DocumentedModels, ...Object.keys(extraIds)])],
    callbacks: false,
    cancel: false,
    progress: true,
    limits: {},
    polling: { initialDelayMs: 2_000, intervalMs: 8_000 },
    resultTtlMs: 24 * 60 * 60 * 1000,
  };
  return {
    specificationVersion,
    id: v2AdapterId,
    name: 'OpenAI-style /v2/videos/generations',
    capabilities,
    defaultBaseUrl: baseUrl,
    providerModelId: (model) => v2ModelIdOf(model, extraIds),
    createRequest: (input) => v2CreateRequest(input, v2AdapterId),
    readCreate: readV2Create,
    statusRequest: v2StatusRequest,
    readStatus: readV2Status,
  };
}
