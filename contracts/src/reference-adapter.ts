import {
  type AdapterCallContext,
  type AdapterCapabilities,
  type AdapterSubmitInput,
  type ErrorKind,
  invalidResponse,
  parseRetryAfter,
  readJson,
  type TaskRef,
  type TaskSnapshot,
  type TaskStatus,
  type WanAdapter,
  WankitError,
  type Warning,
  type WireResponse,
} from '@wankit/core';
import { z } from 'zod';

/*
 * A tiny adapter for an invented wire format, used only to test the contract suite itself.
 *   POST /v1/tasks  {model, prompt, negative_prompt?, image_url?, size?, resolution?, duration?, seed?,
 *                    prompt_extend?, n?, audio?, audio_url?, shot_type?, priority?, callback_url?}  → {id}
 *   GET  /v1/tasks/{id}  → {id, state: waiting|working|done|error|cancelled, progress?, results?: [{type, url}],
 *                           cost?: number, error?: {code, message}}
 *   HTTP errors: {error: {code, message}}. The wire has no watermark field (a warning shows the seam).
 */

const states: Readonly<Record<string, TaskStatus>> = {
  waiting: 'queued',
  working: 'running',
  done: 'succeeded',
  error: 'failed',
  cancelled: 'canceled',
};

const taskCodes: Readonly<Record<string, ErrorKind>> = {
  bad_input: 'invalid_request',
  unsafe: 'content_policy',
};

const httpKinds: Readonly<Record<number, ErrorKind>> = {
  400: 'invalid_request',
  401: 'authentication',
  402: 'insufficient_balance',
  403: 'authentication',
  404: 'not_found',
  408: 'timeout',
  429: 'rate_limited',
};

const taskSchema = z.object({
  id: z.string().min(1),
  state: z.string(),
  progress: z.number().min(0).max(1).optional(),
  results: z.array(z.object({ type: z.enum(['video', 'image']), url: z.string() })).optional(),
  cost: z.number().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
const createdSchema = z.object({ id: z.string().min(1) });
const errorBodySchema = z.object({ error: z.object({ code: z.string().optional(), message: z.string() }) });
const optionsSchema = z.strictObject({ priority: z.enum(['low', 'high']).optional() });

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

  function check(input: AdapterSubmitInput): Warning[] {
    const { request } = input;
    if (!capabilities.kinds.includes(request.kind)) {
      throw new WankitError({ kind: 'unsupported', message: `the reference wire has no ${request.kind}` });
    }
    if (input.callbackUrl && !capabilities.callbacks) {
      throw new WankitError({ kind: 'unsupported', message: 'the reference wire has no callbacks here' });
    }
    const parsed = optionsSchema.safeParse(request.providerOptions?.reference ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue && 'keys' in issue ? issue.keys[0] : issue?.path.join('.');
      throw new WankitError({
        kind: 'invalid_request',
        message: `providerOptions.reference.${field} is not a reference option; allowed: priority`,
        field: `providerOptions.reference.${field}`,
      });
    }
    return request.watermark === undefined
      ? []
      : [{ type: 'unsupported', setting: 'watermark', details: 'the reference wire has no watermark field' }];
  }

  function body(input: AdapterSubmitInput): Record<string, unknown> {
    const r = input.request as Record<string, unknown>;
    const wire: Record<string, unknown> = {
      model: providerModelId(input.request.model),
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
      priority: (input.request.providerOptions?.reference as { priority?: string } | undefined)?.priority,
      callback_url: input.callbackUrl,
    };
    return Object.fromEntries(Object.entries(wire).filter(([, value]) => value !== undefined));
  }

  function httpError(response: WireResponse, now: Date): WankitError {
    const json = readJson(response);
    const parsed = json.ok ? errorBodySchema.safeParse(json.value) : undefined;
    const kind =
      httpKinds[response.status] ?? (response.status >= 500 ? 'provider_error' : 'invalid_request');
    const retryAfterMs = parseRetryAfter(response.headers, now.getTime());
    return new WankitError({
      kind,
      message: parsed?.success ? parsed.data.error.message : `HTTP ${response.status}`,
      httpStatus: response.status,
      ...(parsed?.success && parsed.data.error.code ? { providerCode: parsed.data.error.code } : {}),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }

  function snapshot(
    value: unknown,
    ref: TaskRef,
    now: Date,
    read: (reason: string) => WankitError,
  ): TaskSnapshot {
    const parsed = taskSchema.safeParse(value);
    if (!parsed.success) throw read(`not a reference task: ${parsed.error.issues[0]?.message}`);
    const task = parsed.data;
    const status = states[task.state] ?? 'unknown';
    return {
      ref,
      status,
      providerStatus: task.state,
      ...(task.progress === undefined ? {} : { progress: task.progress }),
      outputs: (task.results ?? []).map((result) => ({ kind: result.type, url: result.url })),
      ...(task.cost === undefined ? {} : { usage: { cost: task.cost, currency: 'USD' } }),
      ...(task.error
        ? {
            error: {
              kind: taskCodes[task.error.code] ?? 'provider_error',
              code: task.error.code,
              message: task.error.message,
            },
          }
        : {}),
      timings: { observedAt: now.toISOString() },
      raw: value,
    };
  }

  return {
    specificationVersion: 'v1',
    id: 'reference',
    name: 'Reference (contract self-test)',
    capabilities,
    defaultBaseUrl: 'https://reference.invalid',
    providerModelId,
    check,
    async submit(input, context: AdapterCallContext) {
      // Refusals hold even for a caller that skipped check(); its warnings were reported there.
      check(input);
      const response = await context.http.send({
        method: 'POST',
        path: '/v1/tasks',
        json: body(input),
        purpose: 'create',
      });
      if (response.status >= 400) throw httpError(response, context.now());
      const json = readJson(response);
      if (!json.ok) throw invalidResponse(response, json.reason);
      const created = createdSchema.safeParse(json.value);
      if (!created.success) throw invalidResponse(response, 'the create response has no task id');
      const ref: TaskRef = {
        spec: 'wankit.task/v1',
        adapter: 'reference',
        taskId: created.data.id,
        model: input.request.model,
        providerModel: providerModelId(input.request.model),
        kind: input.request.kind,
        submittedAt: context.now().toISOString(),
      };
      return { ref, warnings: [] };
    },
    async status(ref, context) {
      const path = `/v1/tasks/${encodeURIComponent(ref.taskId)}`;
      const response = await context.http.send({ method: 'GET', path, purpose: 'read' });
      if (response.status >= 400) throw httpError(response, context.now());
      const json = readJson(response);
      if (!json.ok) throw invalidResponse(response, json.reason);
      return snapshot(json.value, ref, context.now(), (reason) => invalidResponse(response, reason));
    },
    ...(capabilities.callbacks
      ? {
          parseCallback: (value: unknown, ref: TaskRef, now: Date) =>
            snapshot(
              value,
              ref,
              now,
              (reason) => new WankitError({ kind: 'invalid_response', message: reason }),
            ),
        }
      : {}),
  };
}
