// A tiny wire format for tests of core and of code built on it (core imports no real adapter):
// POST /v1/tasks {model, prompt, size, callback_url?} → {task_id}; GET /v1/tasks/{id} → task body.
// It is also the smallest complete example of an adapter made from `@wankit/core/adapter`.
import {
  createStatusTable,
  createWireErrorReader,
  findOutputs,
  readCode,
  readCreateAnswer,
  readMessage,
  readProgress,
  readTaskAnswer,
  readWireTime,
  textOf,
} from '../adapter/index.js';
import { WankitError } from '../errors/wankit-error.js';
import type { AdapterCapabilities, AdapterReadContext, TaskState, WanAdapter } from '../spec/adapter.js';

export interface FakeAdapterOptions {
  readonly capabilities?: Partial<AdapterCapabilities>;
  /** `null`: the adapter documents no base URL. */
  readonly defaultBaseUrl?: string | null;
}

const status = createStatusTable({
  QUEUED: 'queued',
  RUNNING: 'running',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  CANCELED: 'canceled',
});

const wireError = createWireErrorReader({ provider: 'fake provider' });

function readTask(task: Record<string, unknown>, context: AdapterReadContext): TaskState {
  const reading = status(task.status);
  const code = readCode(task);
  const createdAt = readWireTime(task.created_at);
  const completedAt = readWireTime(task.finished_at);
  const progress = readProgress(task.progress, 'fraction');
  return {
    ...(textOf(task.task_id) ? { taskId: textOf(task.task_id) as string } : {}),
    ...reading,
    ...(progress === undefined ? {} : { progress }),
    outputs: findOutputs(task, context.kind),
    ...(code ? { error: { kind: 'content_policy' as const, code, message: readMessage(task) ?? '' } } : {}),
    timings: { ...(createdAt ? { createdAt } : {}), ...(completedAt ? { completedAt } : {}) },
    raw: task,
  };
}

export function createFakeAdapter(options: FakeAdapterOptions = {}): WanAdapter {
  const providerModelId = (model: string) => model.replace(/\./g, '_');
  return {
    specificationVersion: 'v2',
    id: 'fake',
    name: 'Fake provider',
    defaultBaseUrl:
      options.defaultBaseUrl === null ? undefined : (options.defaultBaseUrl ?? 'https://api.fake.test'),
    capabilities: {
      kinds: ['text-to-video', 'text-to-image'],
      models: ['wan2.5-t2v-preview'],
      callbacks: true,
      cancel: true,
      progress: true,
      limits: {},
      polling: { initialDelayMs: 50_000, intervalMs: 5_000 },
      ...options.capabilities,
    },
    providerModelId,
    createRequest({ request, providerModel, callbackUrl }) {
      return {
        wire: {
          method: 'POST',
          path: '/v1/tasks',
          purpose: 'create',
          json: {
            model: providerModel,
            prompt: request.prompt,
            ...('size' in request && request.size ? { size: request.size } : {}),
            ...(callbackUrl ? { callback_url: callbackUrl } : {}),
          },
        },
        warnings: [],
      };
    },
    readCreate: (response, context) =>
      readCreateAnswer(response, context, {
        wireError,
        // A create answer that already carries a status (some gateways finish at once) is a state too.
        readState: (data, readContext) =>
          typeof (data as { status?: unknown })?.status === 'string'
            ? readTask(data as Record<string, unknown>, readContext)
            : undefined,
      }),
    statusRequest: (ref) => ({
      method: 'GET',
      path: `/v1/tasks/${encodeURIComponent(ref.taskId)}`,
      purpose: 'read',
    }),
    readStatus: (response, context) => readTask(readTaskAnswer(response, { wireError }), context),
    readCallback: (body, context) => {
      const task = body as Record<string, unknown>;
      if (typeof task?.status !== 'string') {
        throw new WankitError({ kind: 'invalid_response', message: 'the fake callback body has no status' });
      }
      return readTask(task, context);
    },
    cancelRequest: (ref) => ({
      method: 'POST',
      path: `/v1/tasks/${encodeURIComponent(ref.taskId)}/cancel`,
      purpose: 'read',
    }),
    readCancel: (response, context) => readTask(readTaskAnswer(response, { wireError }), context),
  };
}
