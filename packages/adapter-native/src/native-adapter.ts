import {
  type AdapterCallContext,
  type AdapterCapabilities,
  type AdapterSubmitInput,
  createTaskRef,
  invalidResponse,
  parseRetryAfter,
  readJson,
  type TaskRef,
  type TaskSnapshot,
  tierOf,
  type WanAdapter,
  WankitError,
  type Warning,
  type WireResponse,
} from '@wankit/core';
import { z } from 'zod';
import { nativeHttpErrorKind, readNativeError } from './native-error-table.js';
import { type NativeRegion, nativeModelId, nativeModelIds, nativeResolutions } from './native-model-ids.js';
import { buildNativeBody, type NativeBodyForm } from './native-request-body.js';
import { nativeSnapshot } from './native-task-snapshot.js';
import { nativeErrorBodySchema, nativeTaskSchema } from './native-wire-schemas.js';

export const nativeAdapterId = 'native';

/** Documented gateway (wire-formats §1.2). The CLI build uses https://vtrix.ai instead: hence configurable. */
export const nativeDefaultBaseUrl = 'https://cloud.vtrix.ai';
export const nativeCreatePath = '/model/v1/generation';
export const nativeStatusPath = (taskId: string) => `/model/v1/generation/task/${encodeURIComponent(taskId)}`;

export interface NativeAdapterSettings {
  /** Overrides the documented base URL (the client's `baseUrl` option wins over both). */
  readonly baseUrl?: string;
  /** `seed` (default): the doc pages' `{model, input, parameters}`; `wrapped`: the CLI's `{model, input:[{params}]}`. */
  readonly bodyForm?: NativeBodyForm;
  /** `intl` picks the documented `_intl` model ids (international upstream). */
  readonly region?: NativeRegion;
  /** Canonical id → gateway id, for models this package does not know yet. */
  readonly modelIds?: Readonly<Record<string, string>>;
}

// The native gateway has no wire field with no neutral meaning, so it takes no provider options.
const nativeOptionsSchema = z.strictObject({});

export function createNativeAdapter(settings: NativeAdapterSettings = {}): WanAdapter {
  const bodyForm = settings.bodyForm ?? 'seed';
  const providerModelId = (model: string) =>
    nativeModelId(model, { region: settings.region, overrides: settings.modelIds });

  const capabilities: AdapterCapabilities = {
    kinds: ['text-to-video', 'image-to-video', 'text-to-image'],
    models: [...new Set([...Object.keys(nativeModelIds), ...Object.keys(settings.modelIds ?? {})])],
    callbacks: false,
    cancel: false,
    progress: true,
    // No rate limits, result lifetime or polling cadence are documented for this gateway (wire-formats §1.9).
    limits: {},
  };

  function check(input: AdapterSubmitInput): Warning[] {
    const { request } = input;
    // A catalog model the gateway documents no id for would get an invented id and a provider 400.
    const served = nativeModelIds[request.model] ?? settings.modelIds?.[request.model];
    if (input.model !== undefined && served === undefined) {
      throw new WankitError({
        kind: 'unsupported',
        message: `${request.model} is not offered by the native gateway; choose ${capabilities.models.join(', ')} (or map it with createNativeAdapter({ modelIds }))`,
        field: 'model',
        value: request.model,
        allowed: capabilities.models,
      });
    }
    const tiers = nativeResolutions[request.model];
    const tier = tiers && request.kind === 'image-to-video' ? tierOf(request, input.model) : undefined;
    if (tiers && tier && !tiers.includes(tier)) {
      throw new WankitError({
        kind: 'unsupported',
        message: `resolution ${tier} is not offered for ${request.model} by the native gateway; choose ${tiers.join(', ')}`,
        field: 'resolution',
        value: tier,
        allowed: tiers,
      });
    }
    if (input.callbackUrl !== undefined) {
      throw new WankitError({
        kind: 'unsupported',
        message:
          'the native gateway has no callbacks (wire-formats §1.8); poll the task instead of passing a callback URL',
        field: 'callbackUrl',
      });
    }
    const options = nativeOptionsSchema.safeParse(request.providerOptions?.[nativeAdapterId] ?? {});
    if (!options.success) {
      const keys = options.error.issues.flatMap((issue) => ('keys' in issue ? issue.keys : []));
      throw new WankitError({
        kind: 'invalid_request',
        message: `providerOptions.native does not take ${keys.join(', ')}: the native adapter has no provider options`,
        field: `providerOptions.native.${keys[0] ?? ''}`,
        value: keys,
        allowed: [],
      });
    }
    if (request.kind === 'image-to-video' && request.lastImage !== undefined) {
      return [
        {
          type: 'unsupported',
          setting: 'lastImage',
          details: 'the native wire has no last-frame field; not sent',
        },
      ];
    }
    return [];
  }

  function httpError(response: WireResponse, context: AdapterCallContext, ref?: TaskRef): WankitError {
    const json = readJson(response);
    const body = json.ok ? nativeErrorBodySchema.safeParse(json.value) : undefined;
    const fromError = body?.success ? readNativeError(body.data.error) : {};
    const message = fromError.message ?? (body?.success ? body.data.message : undefined);
    const code =
      fromError.code ?? (body?.success && body.data.code !== undefined ? String(body.data.code) : undefined);
    const retryAfterMs = parseRetryAfter(response.headers, context.now().getTime());
    const requestId = response.headers.get('x-request-id') ?? undefined;
    return new WankitError({
      kind: nativeHttpErrorKind(response.status, message ?? ''),
      message: `native gateway answered HTTP ${response.status}${message ? `: ${message}` : ''}`,
      httpStatus: response.status,
      ...(code === undefined ? {} : { providerCode: code }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(requestId ? { requestId } : {}),
      ...(ref ? { taskRef: ref } : {}),
    });
  }

  function readTask(response: WireResponse) {
    const json = readJson(response);
    if (!json.ok) throw invalidResponse(response, json.reason);
    const task = nativeTaskSchema.safeParse(json.value);
    if (!task.success) {
      const issue = task.error.issues[0];
      throw invalidResponse(
        response,
        `not a native task object (${issue?.path.join('.') || 'body'}: ${issue?.message})`,
      );
    }
    return { task: task.data, raw: json.value };
  }

  return {
    specificationVersion: 'v1',
    id: nativeAdapterId,
    name: 'Wan native gateway ({model, input, parameters})',
    capabilities,
    defaultBaseUrl: settings.baseUrl ?? nativeDefaultBaseUrl,
    providerModelId,
    check,
    async submit(input, context) {
      // Refusals hold even for a caller that skipped check(); its warnings were reported there.
      check(input);
      const { request, model } = input;
      const providerModel = providerModelId(request.model);
      const response = await context.http.send({
        method: 'POST',
        path: nativeCreatePath,
        json: buildNativeBody(input, providerModel, bodyForm),
        purpose: 'create',
      });
      if (response.status >= 400) throw httpError(response, context);
      const { task, raw } = readTask(response);
      const ref = createTaskRef({
        adapter: nativeAdapterId,
        taskId: task.id,
        request,
        model,
        providerModel,
        now: context.now(),
      });
      const snapshot: TaskSnapshot | undefined =
        task.status === undefined ? undefined : nativeSnapshot(task, ref, context.now(), raw);
      return { ref, ...(snapshot ? { snapshot } : {}), warnings: [] };
    },
    async status(ref, context) {
      const response = await context.http.send({
        method: 'GET',
        path: nativeStatusPath(ref.taskId),
        purpose: 'read',
      });
      if (response.status >= 400) throw httpError(response, context, ref);
      const { task, raw } = readTask(response);
      return nativeSnapshot(task, ref, context.now(), raw);
    },
  };
}
