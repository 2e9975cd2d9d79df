import type { Reply } from '../http/reply.js';
import { isRecord } from '../http/request-body.js';
import { phaseOf, type SimTask, type TaskState } from '../lifecycle/task.js';
import { checkSizedRequest } from '../models/sized-model.js';
import { V2_MODELS } from '../models/v2-models.js';
import type { V2Dialect } from '../options.js';
import type { Random } from '../random.js';
import { type FormatContext, type FormatErrors, unixSeconds, type WireFormatHandler } from './format.js';

/** new-api-style v2: `POST /v2/videos/generations`, `GET /v2/videos/generations/{task_id}` (seed 003, wire-formats
 * §2). The provider documents no error body; these are new-api's shapes (§2.7), an inference. */

const newApiError = (status: number, message: string, code: string) => ({
  status,
  body: { error: { message, type: 'new_api_error', code } },
});

const errors: FormatErrors = {
  invalid: (message) => ({
    status: 400,
    body: { code: 'invalid_request', message, data: null },
    tag: 'invalid',
  }),
  unauthorized: (reason) => ({
    ...newApiError(401, reason === 'missing' ? 'missing token' : 'invalid token', ''),
    tag: 'unauthorized',
  }),
  rateLimited: (reason) => ({
    ...newApiError(
      429,
      reason === 'rate' ? 'rate limit exceeded, please try again later' : 'too many concurrent tasks',
      'rate_limit_exceeded',
    ),
    tag: 'rateLimited',
  }),
  serverError: (status) =>
    status === 500
      ? newApiError(500, 'internal server error', 'internal_error')
      : newApiError(503, 'service temporarily unavailable', 'service_unavailable'),
};

/** First half of the queue reads SUBMITTED, the second QUEUED: both appear in the vocabulary (§2.6). */
function wireStatus(task: SimTask, state: TaskState, now: number): string {
  if (state === 'queued') return now < (task.createdAt + task.startAt) / 2 ? 'SUBMITTED' : 'QUEUED';
  return { running: 'IN_PROGRESS', succeeded: 'SUCCESS', failed: 'FAILURE' }[state];
}

const FAIL_REASONS = {
  content_policy: 'DataInspectionFailed: Input data may contain inappropriate content.',
  generation: 'InternalError.Algo: Algorithm process error.',
} as const;

/** new-api's TaskDto (§2.5): unix-second times, progress as "NN%", the result in `data.output`. */
export function v2TaskBody(task: SimTask, now: number): Record<string, unknown> {
  const { state } = phaseOf(task, now);
  const terminal = state === 'succeeded' || state === 'failed';
  return {
    task_id: task.id,
    platform: 'alibaba',
    action: '',
    status: wireStatus(task, state, now),
    fail_reason: state === 'failed' ? FAIL_REASONS[task.failure!] : '',
    submit_time: unixSeconds(task.createdAt),
    start_time: state === 'queued' ? 0 : unixSeconds(task.startAt),
    finish_time: terminal ? unixSeconds(task.endAt) : 0,
    progress: `${percentOf(task, now)}%`,
    data: state === 'succeeded' ? { output: task.files[0]!.url } : null,
    search_item: '',
  };
}

/** Whole percent; a failed task reads 100 too (new-api). */
function percentOf(task: SimTask, now: number): number {
  const { state, progress } = phaseOf(task, now);
  return state === 'succeeded' || state === 'failed' ? 100 : Math.min(99, Math.round(progress * 100));
}

const FAIL_CODES = { content_policy: 'DataInspectionFailed', generation: 'InternalError.Algo' } as const;

/**
 * What relays in front of /v2 send instead (contracts/fixtures/v2/wild, sources in /work/corpus/v2/SOURCES.md):
 * new-api's task envelope `{code:"success", data:{…}}` with `result_url` (wild 018, 021-024), or the
 * OpenAI-video object with lower-case words, integer percent, a flat `url` and `error.message` (003, 004,
 * 012, 019, 025-027).
 */
function dialectTaskBody(task: SimTask, now: number, dialect: V2Dialect): Record<string, unknown> {
  const { state } = phaseOf(task, now);
  const reason = state === 'failed' ? FAIL_REASONS[task.failure!] : undefined;
  if (dialect === 'new-api-envelope') {
    const words = { queued: 'NOT_START', running: 'IN_PROGRESS', succeeded: 'SUCCESS', failed: 'FAILURE' };
    return {
      code: 'success',
      message: '',
      data: {
        task_id: task.id,
        status: words[state],
        progress: `${percentOf(task, now)}%`,
        ...(state === 'succeeded' ? { result_url: task.files[0]!.url } : {}),
        ...(reason ? { fail_reason: reason } : {}),
      },
    };
  }
  const words = { queued: 'queued', running: 'in_progress', succeeded: 'completed', failed: 'failed' };
  return {
    id: task.id,
    task_id: task.id,
    object: 'video',
    status: words[state],
    progress: percentOf(task, now),
    created_at: unixSeconds(task.createdAt),
    ...(state === 'succeeded' ? { url: task.files[0]!.url, format: 'mp4' } : {}),
    ...(reason ? { error: { code: FAIL_CODES[task.failure!], message: reason } } : {}),
  };
}

/** The create answer: `{task_id}` (Y1), or the relay dialect's (wild 018, 019). */
function createdBody(id: string, dialect: V2Dialect): Record<string, unknown> {
  if (dialect === 'new-api-envelope') return { code: 'success', data: { task_id: id, status: 'NOT_START' } };
  if (dialect === 'openai-video') return { id, task_id: id, object: 'video', status: 'queued' };
  return { task_id: id };
}

const newId = (random: Random) => random.uuid();

function create(body: unknown, ctx: FormatContext): Reply {
  if (!isRecord(body)) return errors.invalid('request body must be a JSON object');
  const modelId = body.model;
  if (typeof modelId !== 'string' || modelId === '') return errors.invalid('model is required');
  const model = V2_MODELS.find((m) => m.id === modelId);
  if (!model) {
    return errors.invalid(
      `model: "${modelId}" is not supported; allowed: ${V2_MODELS.map((m) => m.id).join(', ')}`,
    );
  }
  const field = (name: string) => ({ name, value: body[name] });
  const checked = checkSizedRequest(model, {
    prompt: field('prompt'),
    size: field('size'),
    resolution: field('resolution'),
    duration: field('duration'),
    n: field('n'),
    seed: field('seed'),
    booleans: [field('prompt_extend'), field('watermark')],
    shotType: field('shot_type'),
    audio: field('audio'),
    images: field('images'),
  });
  if ('issue' in checked) return errors.invalid(checked.issue.message);
  const refused = ctx.admit('v2');
  if (refused) return refused;
  const task = ctx.store.create({ format: 'v2', model: model.id, plan: checked.plan, newId });
  return { status: 200, body: createdBody(task.id, ctx.options.v2Dialect), tag: 'created' };
}

function status(id: string, ctx: FormatContext): Reply {
  const task = ctx.store.get('v2', id);
  if (!task)
    return {
      status: 400,
      body: { code: 'task_not_exist', message: 'task_not_exist', data: null },
      tag: 'notFound',
    };
  const { v2Dialect, clock } = ctx.options;
  const body =
    v2Dialect === 'documented'
      ? v2TaskBody(task, clock.now())
      : dialectTaskBody(task, clock.now(), v2Dialect);
  return { status: 200, body, tag: 'status' };
}

export const v2Format: WireFormatHandler = {
  format: 'v2',
  errors,
  routes: [
    {
      method: 'POST',
      endpoint: 'create',
      pattern: /^\/v2\/videos\/generations$/,
      handle: (i, ctx) => create(i.body, ctx),
    },
    {
      method: 'GET',
      endpoint: 'status',
      pattern: /^\/v2\/videos\/generations\/([^/]+)$/,
      handle: (i, ctx) => status(i.params[0]!, ctx),
    },
  ],
};
