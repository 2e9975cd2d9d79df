// @wankit/adapter-v2: the OpenAI-style task API `POST /v2/videos/generations` +
// `GET /v2/videos/generations/{task_id}` (seed 003; wire-formats.md §0.2, §2). A pure translator:
// it never sleeps, polls or retries — core does.
import {
  type AdapterCallContext,
  type AdapterCapabilities,
  type AdapterSubmitInput,
  type AdapterSubmitResult,
  checkBaseUrl,
  createTaskRef,
  type RequestKind,
  specificationVersion,
  type TaskRef,
  type TaskSnapshot,
  type WanAdapter,
  WankitError,
  type Warning,
} from '@wankit/core';
import { canonicalV2ModelId, isDocumentedV2Model, keyframeModel, v2DocumentedModels } from './v2-models.js';
import { readV2ProviderOptions } from './v2-provider-options.js';
import { buildV2RequestBody } from './v2-request-body.js';
import { readCreateResponse, readTaskResponse } from './v2-responses.js';

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
export const createPath = '/v2/videos/generations';
export const statusPath = (taskId: string): string => `${createPath}/${encodeURIComponent(taskId)}`;

const supportedKinds: readonly RequestKind[] = ['text-to-video', 'image-to-video'];

/**
 * What /v2 offers. Polling: the unified guide advises backoff 2 s → 4 s → 8 s (Y6); the capability shape
 * holds one first delay and one interval, so it is written as 2 s first, then every 8 s (the backoff's
 * ceiling). Result URLs are DashScope OSS URLs, valid ~24 h (INFERRED, §2.9). No limits are documented.
 */
function capabilitiesFor(models: readonly string[]): AdapterCapabilities {
  return {
    kinds: supportedKinds,
    models,
    callbacks: false,
    cancel: false,
    progress: true,
    limits: {},
    polling: { initialDelayMs: 2_000, intervalMs: 8_000 },
    resultTtlMs: 24 * 60 * 60 * 1000,
  };
}

function unsupported(
  message: string,
  field: string,
  value: unknown,
  allowed: readonly unknown[],
): WankitError {
  return new WankitError({ kind: 'unsupported', message, field, value, allowed });
}

export function createV2Adapter(settings: V2AdapterSettings = {}): WanAdapter {
  // Checked now, so a bad URL fails at construction rather than on the first request.
  const baseUrl = settings.baseUrl === undefined ? undefined : checkBaseUrl(settings.baseUrl);
  const extraIds = settings.modelIds ?? {};
  const models = [...new Set([...Object.keys(v2DocumentedModels), ...Object.keys(extraIds)])];
  const modelsFor = (kind: RequestKind): string[] =>
    models.filter((id) => !isDocumentedV2Model(id) || v2DocumentedModels[id] === kind);

  const providerModelId = (model: string): string => extraIds[model] ?? canonicalV2ModelId(model);

  function check(input: AdapterSubmitInput): readonly Warning[] {
    const { request } = input;
    if (request.kind === 'text-to-image') {
      throw unsupported(
        'the v2 adapter does not offer text-to-image: /v2 documents no Wan image endpoint; use another adapter',
        'kind',
        request.kind,
        supportedKinds,
      );
    }
    if (input.callbackUrl !== undefined) {
      throw unsupported(
        'the v2 adapter has no callbacks (/v2 documents none); wait by polling instead',
        'callbackUrl',
        input.callbackUrl,
        [],
      );
    }
    const wireModel = canonicalV2ModelId(request.model);
    const listed =
      Object.hasOwn(extraIds, request.model) ||
      (isDocumentedV2Model(wireModel) && v2DocumentedModels[wireModel] === request.kind);
    // `input.model === undefined` means the caller opted in to a model id outside the catalog.
    if (!listed && input.model !== undefined) {
      const allowed = modelsFor(request.kind);
      throw unsupported(
        `model ${request.model} is not offered for ${request.kind} by the v2 adapter; allowed: ${allowed.join(', ')}` +
          ` (to try another id, pass createV2Adapter({ modelIds: { '${request.model}': '<wire id>' } }))`,
        'model',
        request.model,
        allowed,
      );
    }
    if (request.kind === 'image-to-video') {
      if (wireModel === keyframeModel && request.lastImage === undefined) {
        throw new WankitError({
          kind: 'invalid_request',
          message: `${request.model} needs both frames: set lastImage as well as image`,
          field: 'lastImage',
          value: undefined,
        });
      }
      if (request.lastImage !== undefined && listed && wireModel !== keyframeModel) {
        throw unsupported(
          `lastImage is only taken by ${keyframeModel} on /v2, not by ${request.model}`,
          'lastImage',
          request.lastImage,
          [],
        );
      }
    }
    const options = readV2ProviderOptions(request, v2AdapterId);
    return buildV2RequestBody(input, providerModelId(request.model), options).warnings;
  }

  async function submit(
    input: AdapterSubmitInput,
    context: AdapterCallContext,
  ): Promise<AdapterSubmitResult> {
    // Refusals are re-checked here; the warnings were already returned by check(), which core calls first.
    check(input);
    const { request, model } = input;
    const providerModel = providerModelId(request.model);
    const { body } = buildV2RequestBody(input, providerModel, readV2ProviderOptions(request, v2AdapterId));
    const response = await context.http.send({
      method: 'POST',
      path: createPath,
      json: body,
      purpose: 'create',
    });
    const taskId = readCreateResponse(response, context.now());
    const ref = createTaskRef({
      adapter: v2AdapterId,
      taskId,
      request,
      model,
      providerModel,
      now: context.now(),
    });
    return { ref, warnings: [] };
  }

  async function status(ref: TaskRef, context: AdapterCallContext): Promise<TaskSnapshot> {
    const response = await context.http.send({
      method: 'GET',
      path: statusPath(ref.taskId),
      purpose: 'read',
    });
    return readTaskResponse(response, ref, context.now());
  }

  return {
    specificationVersion,
    id: v2AdapterId,
    name: 'OpenAI-style /v2/videos/generations',
    capabilities: capabilitiesFor(models),
    defaultBaseUrl: baseUrl,
    providerModelId,
    check,
    submit,
    status,
  };
}
