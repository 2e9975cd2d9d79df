// A tiny wire format for core's own tests (core imports no real adapter):
// POST /v1/tasks {model, prompt, size, callback_url?} → {task_id}; GET /v1/tasks/{id} → task body.
import { z } from 'zod';
import {
  type AdapterCapabilities,
  invalidResponse,
  readJson,
  type TaskSnapshot,
  type TaskStatus,
  type WanAdapter,
  WankitError,
  type WireResponse,
} from '../src/index.js';

const taskBody = z.object({
  task_id: z.string(),
  status: z.enum(['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED']),
  progress: z.number().optional(),
  video_url: z.string().optional(),
  error_code: z.string().optional(),
  error_message: z.string().optional(),
  finished_at: z.string().optional(),
  created_at: z.string().optional(),
});

const statuses: Record<z.infer<typeof taskBody>['status'], TaskStatus> = {
  QUEUED: 'queued',
  RUNNING: 'running',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
};

function httpError(response: WireResponse): WankitError {
  const base = { httpStatus: response.status, message: `fake provider answered HTTP ${response.status}` };
  if (response.status === 429) return new WankitError({ kind: 'rate_limited', ...base });
  if (response.status === 401) return new WankitError({ kind: 'authentication', ...base });
  if (response.status === 402) return new WankitError({ kind: 'insufficient_balance', ...base });
  if (response.status === 404) return new WankitError({ kind: 'not_found', ...base });
  if (response.status === 408) return new WankitError({ kind: 'timeout', ...base });
  if (response.status >= 500) return new WankitError({ kind: 'provider_error', ...base });
  return new WankitError({ kind: 'invalid_request', ...base });
}

function toSnapshot(body: unknown, ref: TaskSnapshot['ref'], now: Date): TaskSnapshot {
  const parsed = taskBody.safeParse(body);
  if (!parsed.success) {
    throw new WankitError({
      kind: 'invalid_response',
      message: `fake task body unreadable: ${parsed.error.message}`,
    });
  }
  const task = parsed.data;
  return {
    ref: { ...ref, taskId: task.task_id },
    status: statuses[task.status],
    providerStatus: task.status,
    ...(task.progress !== undefined ? { progress: task.progress } : {}),
    outputs: task.video_url ? [{ kind: 'video', url: task.video_url }] : [],
    ...(task.error_code
      ? { error: { kind: 'content_policy', code: task.error_code, message: task.error_message ?? '' } }
      : {}),
    timings: {
      observedAt: now.toISOString(),
      ...(task.created_at ? { createdAt: task.created_at } : {}),
      ...(task.finished_at ? { completedAt: task.finished_at } : {}),
    },
    raw: body,
  };
}

export function createFakeAdapter(
  options: { capabilities?: Partial<AdapterCapabilities>; defaultBaseUrl?: string | null } = {},
): WanAdapter {
  return {
    specificationVersion: 'v1',
    id: 'fake',
    name: 'Fake provider',
    defaultBaseUrl:
      options.defaultBaseUrl === null ? undefined : (options.defaultBaseUrl ?? 'https://api.fake.test'),
    capabilities: {
      kinds: ['text-to-video', 'text-to-image'],
      models: ['wan2.5-t2v-preview'],
      callbacks: true,
      cancel: false,
      progress: true,
      limits: {},
      polling: { initialDelayMs: 50_000, intervalMs: 5_000 },
      ...options.capabilities,
    },
    providerModelId: (model) => model.replace(/\./g, '_'),
    async submit(input, context) {
      const request = input.request;
      const response = await context.http.send({
        method: 'POST',
        path: '/v1/tasks',
        purpose: 'create',
        json: {
          model: this.providerModelId(request.model),
          prompt: request.prompt,
          size: 'size' in request ? request.size : undefined,
          ...(input.callbackUrl ? { callback_url: input.callbackUrl } : {}),
        },
      });
      if (response.status !== 200) throw httpError(response);
      const json = readJson(response);
      if (!json.ok) throw invalidResponse(response, json.reason);
      const id = (json.value as { task_id?: unknown }).task_id;
      if (typeof id !== 'string') throw invalidResponse(response, 'no task_id');
      const ref = {
        spec: 'wankit.task/v1',
        adapter: 'fake',
        taskId: id,
        model: request.model,
        providerModel: this.providerModelId(request.model),
        kind: request.kind,
        submittedAt: context.now().toISOString(),
      } as const;
      // A create answer that already carries a status (some gateways finish at once) is a snapshot too.
      const hasStatus = typeof (json.value as { status?: unknown }).status === 'string';
      return {
        ref,
        ...(hasStatus ? { snapshot: toSnapshot(json.value, ref, context.now()) } : {}),
        warnings: [],
      };
    },
    async status(ref, context) {
      const response = await context.http.send({
        method: 'GET',
        path: `/v1/tasks/${encodeURIComponent(ref.taskId)}`,
        purpose: 'read',
      });
      if (response.status !== 200) throw httpError(response);
      const json = readJson(response);
      if (!json.ok) throw invalidResponse(response, json.reason);
      return toSnapshot(json.value, ref, context.now());
    },
    parseCallback: (body, ref, now) => toSnapshot(body, ref, now),
  };
}
