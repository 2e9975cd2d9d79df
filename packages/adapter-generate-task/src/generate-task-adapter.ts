import type {
  AdapterCallContext,
  AdapterCapabilities,
  AdapterSubmitInput,
  AdapterSubmitResult,
  TaskRef,
  TaskSnapshot,
  WanAdapter,
  Warning,
} from '@wankit/core';
import { createTaskRef, invalidResponse, WankitError } from '@wankit/core';
import { defaultGenerateTaskModelIds, modeForKind, resolveProviderModel } from './generate-task-model-ids.js';
import { type GenerateTaskProviderRoute, generateTaskAdapterId } from './generate-task-provider-options.js';
import { buildGenerateTaskBody, type GenerateTaskBodySettings } from './generate-task-request-body.js';
import { readEnvelope } from './generate-task-response.js';
import { resultTtlMs, toSnapshot } from './generate-task-snapshot.js';
import { callbackPayloadSchema, createTaskDataSchema } from './generate-task-wire-schemas.js';

export interface GenerateTaskAdapterSettings {
  /**
   * Default `https://api.apixo.ai`. Seed 004 writes the paths as `/api/v1/generateTask/...`, while wire-formats
   * §0.3 gives the base as `https://api.apixo.ai/api/v1`: a base ending in `/api/v1` is accepted and split.
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

export const generateTaskDefaultBaseUrl = 'https://api.apixo.ai';
const defaultApiPrefix = '/api/v1';

export const generateTaskCapabilities = {
  kinds: ['text-to-video', 'image-to-video'],
  callbacks: true,
  cancel: false,
  progress: false,
  // Seed 004, "Limity rate" and tips.
  limits: { requestsPerMinute: 10_000, concurrentTasks: 1000 },
  polling: { initialDelayMs: 50_000, intervalMs: 5_000 },
  resultTtlMs,
} as const satisfies Omit<AdapterCapabilities, 'models'>;

/** An adapter for `POST /api/v1/generateTask/{model}` + `GET /api/v1/statusTask/{model}?taskId=` (seed 004). */
export function createGenerateTaskAdapter(settings: GenerateTaskAdapterSettings = {}): WanAdapter {
  const { baseUrl, apiPrefix } = splitBaseUrl(
    settings.baseUrl ?? generateTaskDefaultBaseUrl,
    settings.apiPrefix,
  );
  const modelIds = { ...defaultGenerateTaskModelIds, ...settings.modelIds };
  const bodySettings: GenerateTaskBodySettings = {
    modelIds,
    ...(settings.provider !== undefined ? { provider: settings.provider } : {}),
    allowLoopbackHttpCallbacks: settings.allowLoopbackHttpCallbacks ?? false,
  };

  return {
    specificationVersion: 'v1',
    id: generateTaskAdapterId,
    name: 'generateTask (apixo-style /api/v1/generateTask, async or callback)',
    capabilities: { ...generateTaskCapabilities, models: Object.keys(modelIds) },
    defaultBaseUrl: baseUrl,
    providerModelId: (model) => resolveProviderModel(model, modelIds),

    check(input: AdapterSubmitInput): readonly Warning[] {
      return buildGenerateTaskBody(input, bodySettings).warnings;
    },

    async submit(input: AdapterSubmitInput, context: AdapterCallContext): Promise<AdapterSubmitResult> {
      const built = buildGenerateTaskBody(input, bodySettings);
      const response = await context.http.send({
        method: 'POST',
        path: `${apiPrefix}/generateTask/${encodeURIComponent(built.providerModel)}`,
        json: built.body,
        purpose: 'create',
      });
      const now = context.now();
      const envelope = readEnvelope(response, now.getTime());
      const data = createTaskDataSchema.safeParse(envelope.data);
      if (!data.success) throw invalidResponse(response, 'the create answer carries no data.taskId');
      // The status path needs the provider model: keeping it in the ref lets any process poll the task.
      const ref = createTaskRef({
        adapter: generateTaskAdapterId,
        taskId: data.data.taskId,
        request: input.request,
        model: input.model,
        providerModel: built.providerModel,
        now,
        meta: { mode: modeForKind(input.request.kind), requestType: built.body.request_type ?? 'async' },
      });
      // Warnings come from check(), which core calls before submit(); they are not repeated here.
      return { ref, warnings: [] };
    },

    async status(ref: TaskRef, context: AdapterCallContext): Promise<TaskSnapshot> {
      assertOwnRef(ref);
      const response = await context.http.send({
        method: 'GET',
        path: `${apiPrefix}/statusTask/${encodeURIComponent(ref.providerModel)}`,
        query: { taskId: ref.taskId },
        purpose: 'read',
      });
      const now = context.now();
      const envelope = readEnvelope(response, now.getTime(), ref);
      return toSnapshot(envelope.data, ref, now, envelope.raw, (reason) =>
        invalidResponse(response, reason).with({ taskRef: ref }),
      );
    },

    parseCallback(body: unknown, ref: TaskRef, now: Date): TaskSnapshot {
      assertOwnRef(ref);
      const invalid = (reason: string) =>
        new WankitError({
          kind: 'invalid_response',
          message: `generateTask callback body: ${reason}`,
          taskRef: ref,
        });
      const payload = callbackPayloadSchema.safeParse(body);
      if (!payload.success) {
        const issue = payload.error.issues[0]!;
        throw invalid(`${issue.path.join('.') || '(body)'}: ${issue.message}`);
      }
      // Deliveries carry the status envelope with code 200 (wire-formats §3.8); anything else is not a result.
      if (payload.data.code !== 200) throw invalid(`code ${payload.data.code} is not a task result`);
      return toSnapshot(payload.data.data, ref, now, body, invalid);
    },
  };
}

function assertOwnRef(ref: TaskRef): void {
  if (ref.adapter === generateTaskAdapterId) return;
  throw new WankitError({
    kind: 'invalid_request',
    message: `task ref belongs to adapter ${ref.adapter}, not ${generateTaskAdapterId}`,
    field: 'ref.adapter',
    value: ref.adapter,
    allowed: [generateTaskAdapterId],
  });
}

function splitBaseUrl(base: string, apiPrefix: string | undefined): { baseUrl: string; apiPrefix: string } {
  const trimmed = base.replace(/\/+$/, '');
  const match = /\/api\/v1$/.exec(trimmed);
  if (match && apiPrefix === undefined) {
    return { baseUrl: trimmed.slice(0, match.index), apiPrefix: defaultApiPrefix };
  }
  return { baseUrl: trimmed, apiPrefix: (apiPrefix ?? defaultApiPrefix).replace(/\/+$/, '') };
}
