import type { ErrorKind, TaskRef, WanAdapter, Warning } from '@wankit/core';
import { WankitError } from '@wankit/core';
import {
  type AdapterCapabilities,
  type AdapterReadContext,
  createStatusTable,
  createWireErrorReader,
  findOutputs,
  parseProviderOptions,
  readCode,
  readCreateAnswer,
  readMessage,
  readProgress,
  readTaskAnswer,
  type TaskState,
  textOf,
} from '@wankit/core/adapter';
import { z } from 'zod';

/*
 * A tiny adapter for an invented wire format, used only to test the contract suite itself.
 *   POST /v1/tasks  {model, prompt, negative_prompt?, image_url?, size?, resolution?, duration?, seed?,
 *                    prompt_extend?, n?, audio?, audio_url?, shot_type?, priority?, callback_url?}  → {id}
 *   GET  /v1/tasks/{id}  → {id, state: waiting|working|done|error|cancelled, progress?, results?: [{type, url}],
 *                           cost?: number, error?: {code, message}}
 *   HTTP errors: {error: {code, message}}. The wire has no watermark field (a warning shows the seam).
 * It reads by the same tolerance rules every real adapter follows, through core's toolkit.
 */

const status = createStatusTable({
  waiting: 'queued',
  working: 'running',
  done: 'succeeded',
  error: 'failed',
  cancelled: 'canceled',
});

const taskCodes: Readonly<Record<string, ErrorKind>> = {
  bad_input: 'invalid_request',
  unsafe: 'content_policy',
};

const wireError = createWireErrorReader({ provider: 'reference wire' });
const optionsSchema = z.strictObject({ priority: z.enum(['low', 'high']).optional() });

const isTask = (body: Record<string, unknown>) => typeof body.state === 'string';

function readTask(task: Record<string, unknown>, context: AdapterReadContext): TaskState {
  const reading = status(task.state ?? task.status);
  const progress = readProgress(task.progress);
  const error = typeof task.error === 'object' || typeof task.error === 'string' ? task.error : undefined;
  const code = readCode({ error });
  const cost = typeof task.cost === 'number' ? task.cost : undefined;
  const taskId = textOf(task.id);
  return {
    ...(taskId ? { taskId } : {}),
    ...reading,
    ...(progress === undefined ? {} : { progress }),
    outputs: findOutputs(task.results ?? task.result ?? task.output, context.kind),
    ...(cost === undefined ? {} : { usage: { cost, currency: 'USD' } }),
    ...(reading.status === 'failed' || error !== undefined
      ? {
          error: {
            kind: (code ? taskCodes[code] : undefined) ?? 'provider_error',
            ...(code ? { code } : {}),
            message: readMessage({ error }) ?? readMessage(task) ?? 'the task failed',
          },
        }
      : {}),
    raw: task,
  };
}

export interface ReferenceAdapterOptions {
  /** Capabilities to advertise (defaults: every kind, callbacks, progress). */
  readonly capabilities?: Partial<AdapterCapabilities>;
}

export function createReferenceAdapter(options: ReferenceAdapterOptions = {}): WanAdapter {
  const capabilities: AdapterCapabilities = {
    kinds: ['text-to-video', 'image-to-video', 'text-to-image'],
    models: ['wan2.6-t2v', 'wan2.5-i2v-preview', 'wan2.5-t2i-preview'],
    callbacks: true,
    cancel: false,
    progress: true,
    limits: {},
    ...options.capabilities,
  };
  const providerModelId = (model: string) => `ref-${model}`;

  return {
    specificationVersion: 'v2',
    id: 'reference',
    name: 'Reference (contract self-test)',
    capabilities,
    defaultBaseUrl: 'https://reference.invalid',
    providerModelId,
    createRequest({ request, providerModel, callbackUrl }) {
      const { priority } = parseProviderOptions('reference', request, optionsSchema);
      const r = request as Record<string, unknown>;
      const wire: Record<string, unknown> = {
        model: providerModel,
        prompt: r.prompt,
        negative_prompt: r.negativePrompt,
        image_url: r.image,
        size: r.size,
        resolution: r.resolution,
        duration: r.durationSeconds,
        seed: r.seed,
        prompt_extend: r.promptExtend,
        n: r.count,
        audio: r.audio,
        audio_url: r.audioUrl,
        shot_type: r.shotType,
        priority,
        callback_url: callbackUrl,
      };
      const warnings: Warning[] =
        request.watermark === undefined
          ? []
          : [
              {
                type: 'unsupported',
                setting: 'watermark',
                details: 'the reference wire has no watermark field',
              },
            ];
      return {
        wire: {
          method: 'POST',
          path: '/v1/tasks',
          json: Object.fromEntries(Object.entries(wire).filter(([, value]) => value !== undefined)),
          purpose: 'create',
        },
        warnings,
      };
    },
    readCreate: (response, context) =>
      readCreateAnswer(response, context, {
        wireError,
        readState: (data, readContext) => {
          const task = data as Record<string, unknown>;
          return task && isTask(task) ? readTask(task, readContext) : undefined;
        },
      }),
    statusRequest: (ref: TaskRef) => ({
      method: 'GET',
      path: `/v1/tasks/${encodeURIComponent(ref.taskId)}`,
      purpose: 'read',
    }),
    readStatus: (response, context) => readTask(readTaskAnswer(response, { wireError, isTask }), context),
    ...(capabilities.callbacks
      ? {
          readCallback: (body: unknown, context: AdapterReadContext) => {
            const task = body as Record<string, unknown>;
            if (typeof task !== 'object' || task === null || !isTask(task)) {
              throw new WankitError({ kind: 'invalid_response', message: 'not a reference task' });
            }
            return readTask(task, context);
          },
        }
      : {}),
  };
}
