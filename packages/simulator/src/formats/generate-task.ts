import type { Reply } from '../http/reply.js';
import { isRecord } from '../http/request-body.js';
import { phaseOf, type SimTask } from '../lifecycle/task.js';
import {
  GENERATE_TASK_MODELS,
  type GenerateTaskModel,
  IMAGE_SIZE_BY_ASPECT,
} from '../models/generate-task-models.js';
import {
  describeDuration,
  durationAllowed,
  durationDefault,
  isSeed,
  SEED_MAX,
} from '../models/model-rules.js';
import type { TaskPlan } from '../models/sized-model.js';
import type { GenerateTaskDialect } from '../options.js';
import type { Random } from '../random.js';
import type { FormatContext, FormatErrors, WireFormatHandler } from './format.js';

/** apixo-style generateTask: `POST /api/v1/generateTask/{model}`, `GET /api/v1/statusTask/{model}?taskId=`,
 * envelope `{code, message, data}` (seed 004, wire-formats §3). */

const envelope = (code: number, message: string, data: unknown) => ({ code, message, data });
// kie.ai spells the message `msg` (contracts/fixtures/generate-task/wild 008-026).
const kieEnvelope = (code: number, msg: string, data: unknown) => ({ code, msg, data });

const errors: FormatErrors = {
  invalid: (error) => ({ status: 400, body: envelope(400, 'Invalid request', { error }), tag: 'invalid' }),
  unauthorized: () => ({
    status: 401,
    body: envelope(401, 'Invalid or missing API Key', null),
    tag: 'unauthorized',
  }),
  rateLimited: (reason) => ({
    status: 429,
    body: envelope(429, reason === 'rate' ? 'Rate limit exceeded' : 'Concurrent task limit exceeded', null),
    tag: 'rateLimited',
  }),
  serverError: (status) => ({
    status,
    body: envelope(status, status === 500 ? 'Internal server error' : 'Service unavailable', null),
  }),
};

// 404 covers an unknown model or task (§3.7).
const notFound = (what: 'Model' | 'Task'): Reply => ({
  status: 404,
  body: envelope(404, `${what} not found`, null),
  tag: 'notFound',
});
// kie answers it at HTTP 200, the code only in the envelope (wild 022).
const kieNotFound = (what: 'Model' | 'Task'): Reply => ({
  status: 200,
  body: kieEnvelope(404, `${what} not found`, null),
  tag: 'notFound',
});

/** failCodes from the wan-2-5 page (CONTENT_VIOLATION) and the older error-code list (GENERATION_FAILED). */
const FAILURES = {
  content_policy: { failCode: 'CONTENT_VIOLATION', failMsg: 'Content violates safety guidelines' },
  generation: { failCode: 'GENERATION_FAILED', failMsg: 'Generation failed' },
} as const;

const STATES = { queued: 'pending', running: 'processing', succeeded: 'success', failed: 'failed' } as const;

/** The dialect a task answers in, also in its callbacks: the simulator's when the task was created. */
const dialects = new WeakMap<SimTask, GenerateTaskDialect>();

/**
 * The status envelope. A callback delivers exactly this body (§3.8), in the documented dialect; in the kie
 * dialect the delivery has kie's own callback form. A failed task is still code 200.
 */
export function generateTaskStatusBody(task: SimTask, now: number): Record<string, unknown> {
  return dialects.get(task) === 'kie' ? kieBody(task, now, 'callback') : documentedBody(task, now);
}

function documentedBody(task: SimTask, now: number): Record<string, unknown> {
  const { state } = phaseOf(task, now);
  const data: Record<string, unknown> = { taskId: task.id, state: STATES[state] };
  const createTime = Math.round(task.createdAt);
  const completeTime = Math.round(task.endAt);
  if (state === 'succeeded') {
    // a JSON document inside a string, as documented
    data.resultJson = JSON.stringify({ resultUrls: task.files.map((file) => file.url) });
    data.costTime = completeTime - createTime;
  } else if (state === 'failed') {
    Object.assign(data, FAILURES[task.failure!]);
  }
  data.createTime = createTime;
  if (state === 'succeeded' || state === 'failed') data.completeTime = completeTime;
  return envelope(200, 'success', data);
}

const KIE_STATES = {
  queued: 'waiting',
  running: 'generating',
  succeeded: 'success',
  failed: 'fail',
} as const;
// kie's failCodes are undocumented beyond the "500" of its failure callback example (wild 018).
const KIE_FAILURES = {
  content_policy: FAILURES.content_policy,
  generation: { failCode: '500', failMsg: 'Internal server error' },
} as const;

/**
 * What kie.ai's same-shaped createTask/recordInfo API sends instead (contracts/fixtures/generate-task/wild,
 * sources in /work/corpus/generate-task/SOURCES.md): `msg` for `message`; the words waiting, generating,
 * success, fail; `model` and `updateTime` beside the task; failCode, failMsg, costTime and completeTime null
 * before the end (009) and failCode/failMsg `""` on a success (010); a generation failure told on a status read
 * only by the envelope, `{code: 501, msg: "Generation Failed", data: null}` at HTTP 200 (019); callbacks with
 * their own messages, a failure wrapped in code 501, costTime in seconds (017, 018).
 */
function kieBody(task: SimTask, now: number, read: 'status' | 'callback'): Record<string, unknown> {
  const { state } = phaseOf(task, now);
  if (read === 'status' && state === 'failed' && task.failure === 'generation') {
    return kieEnvelope(501, 'Generation Failed', null);
  }
  const ended = state === 'succeeded' || state === 'failed';
  const createTime = Math.round(task.createdAt);
  const completeTime = Math.round(task.endAt);
  const failure = state === 'failed' ? KIE_FAILURES[task.failure!] : undefined;
  const data = {
    taskId: task.id,
    model: task.model,
    state: KIE_STATES[state],
    resultJson:
      state === 'succeeded' ? JSON.stringify({ resultUrls: task.files.map((file) => file.url) }) : null,
    failCode: failure?.failCode ?? (ended ? '' : null),
    failMsg: failure?.failMsg ?? (ended ? '' : null),
    costTime: ended
      ? read === 'callback'
        ? Math.round((completeTime - createTime) / 1000)
        : completeTime - createTime
      : null,
    completeTime: ended ? completeTime : null,
    createTime,
    updateTime: ended ? completeTime : Math.round(state === 'running' ? task.startAt : task.createdAt),
  };
  if (read === 'status') return kieEnvelope(200, 'success', data);
  return state === 'failed'
    ? kieEnvelope(501, 'Playground task failed.', data)
    : kieEnvelope(200, 'Playground task completed successfully.', data);
}

const missing = (field: string) => `Missing required field: ${field}`;
const notAllowed = (field: string, value: unknown, allowed: string) =>
  `Invalid value for ${field}: ${JSON.stringify(value)}; allowed: ${allowed}`;

function checkInput(
  model: GenerateTaskModel,
  input: Record<string, unknown>,
): { error: string } | { plan: TaskPlan } {
  const modeName = input.mode ?? model.defaultMode;
  const mode = typeof modeName === 'string' ? model.modes[modeName] : undefined;
  if (!mode) return { error: notAllowed('input.mode', modeName, Object.keys(model.modes).join(', ')) };
  const { prompt } = input;
  if (typeof prompt !== 'string' || prompt.trim() === '') return { error: missing('input.prompt') };
  if (model.promptMaxChars !== undefined && [...prompt].length > model.promptMaxChars) {
    return { error: `input.prompt must be 1-${model.promptMaxChars} characters, got ${[...prompt].length}` };
  }
  if (mode.images) {
    const urls = input.image_urls;
    const { min, max } = mode.images;
    if (urls === undefined) return { error: missing('input.image_urls') };
    const valid =
      Array.isArray(urls) && urls.every((url) => typeof url === 'string' && /^https?:\/\//.test(url));
    if (!valid || urls.length < min || urls.length > max) {
      const count = min === max ? `exactly ${min}` : `${min}-${max}`;
      return { error: notAllowed('input.image_urls', urls, `an array of ${count} http(s) URL(s)`) };
    }
  }
  if (input.seed !== undefined && !isSeed(input.seed)) {
    return { error: notAllowed('input.seed', input.seed, `an integer 0-${SEED_MAX}`) };
  }
  for (const flag of ['enable_prompt_expansion', 'prompt_extend']) {
    if (input[flag] !== undefined && typeof input[flag] !== 'boolean') {
      return { error: notAllowed(`input.${flag}`, input[flag], 'true, false') };
    }
  }
  if (input.negative_prompt !== undefined && typeof input.negative_prompt !== 'string') {
    return { error: notAllowed('input.negative_prompt', input.negative_prompt, 'a string') };
  }
  const aspect = mode.aspectRatio
    ? (input.aspect_ratio ?? model.defaultAspectRatio)
    : model.defaultAspectRatio;
  if (typeof aspect !== 'string' || !model.aspectRatios.includes(aspect)) {
    return { error: notAllowed('input.aspect_ratio', aspect, model.aspectRatios.join(', ')) };
  }

  if (mode.kind === 'text-to-image') {
    const count = model.count!;
    const n = input.num_images ?? count.default;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < count.min || n > count.max) {
      return { error: notAllowed('input.num_images', n, `an integer ${count.min}-${count.max}`) };
    }
    return { plan: { kind: mode.kind, tier: 'image', count: n, ...IMAGE_SIZE_BY_ASPECT[aspect]!, prompt } };
  }
  const resolution = input.resolution ?? model.defaultResolution;
  const tier = model.resolutions!.find((r) => r === resolution);
  if (!tier) return { error: notAllowed('input.resolution', resolution, model.resolutions!.join(', ')) };
  const duration = input.duration ?? durationDefault(model.duration!);
  if (!durationAllowed(model.duration!, duration)) {
    return { error: notAllowed('input.duration', duration, describeDuration(model.duration!)) };
  }
  return { plan: { kind: mode.kind, tier, durationSeconds: duration, count: 1, prompt } };
}

const REQUEST_TYPES = ['async', 'callback'];
const PROVIDERS = ['auto', 'value', 'official'];
const newId = (random: Random) => `task_${random.int(10_000_000, 99_999_999)}`;
// kie's ids are 32 hex digits (wild 017, 018).
const kieId = (random: Random) => random.hex(32);

function create(modelId: string, body: unknown, ctx: FormatContext): Reply {
  const dialect = ctx.options.generateTaskDialect;
  const model = GENERATE_TASK_MODELS.find((m) => m.id === modelId);
  if (!model) return dialect === 'kie' ? kieNotFound('Model') : notFound('Model');
  // kie's validation error is its code 422 (its "Response Status Codes" list).
  const invalid = (error: string): Reply =>
    dialect === 'kie'
      ? { status: 422, body: kieEnvelope(422, error, null), tag: 'invalid' }
      : errors.invalid(error);
  const checked = checkCreate(model, body, invalid);
  if ('reply' in checked) return checked.reply;
  const refused = ctx.admit('generateTask');
  if (refused) return refused;
  const task = ctx.store.create({
    format: 'generateTask',
    model: model.id,
    plan: checked.plan,
    newId: dialect === 'kie' ? kieId : newId,
    callbackUrl: checked.callbackUrl,
  });
  dialects.set(task, dialect);
  ctx.callbacks.schedule(task);
  const created = { taskId: task.id };
  return {
    status: 200,
    body: dialect === 'kie' ? kieEnvelope(200, 'success', created) : envelope(200, 'success', created),
    tag: 'created',
  };
}

function checkCreate(
  model: GenerateTaskModel,
  body: unknown,
  invalid: (error: string) => Reply,
): { reply: Reply } | { plan: TaskPlan; callbackUrl: string | undefined } {
  const refuse = (error: string) => ({ reply: invalid(error) });
  if (!isRecord(body)) return refuse('Request body must be a JSON object');
  const requestType = body.request_type ?? 'async';
  if (typeof requestType !== 'string' || !REQUEST_TYPES.includes(requestType)) {
    return refuse(notAllowed('request_type', requestType, REQUEST_TYPES.join(', ')));
  }
  let callbackUrl: string | undefined;
  if (requestType === 'callback') {
    if (body.callback_url === undefined) return refuse(missing('callback_url'));
    // The provider wants public HTTPS; the simulator also takes http so loopback receivers work.
    if (
      typeof body.callback_url !== 'string' ||
      !URL.canParse(body.callback_url) ||
      !/^https?:/.test(body.callback_url)
    ) {
      return refuse(notAllowed('callback_url', body.callback_url, 'an http(s) URL'));
    }
    callbackUrl = body.callback_url;
  }
  const provider = body.provider ?? 'auto';
  if (typeof provider !== 'string' || !PROVIDERS.includes(provider)) {
    return refuse(notAllowed('provider', provider, PROVIDERS.join(', ')));
  }
  if (!isRecord(body.input)) return refuse(missing('input'));
  const checked = checkInput(model, body.input);
  return 'error' in checked ? refuse(checked.error) : { plan: checked.plan, callbackUrl };
}

function status(modelId: string, url: URL, ctx: FormatContext): Reply {
  const kie = ctx.options.generateTaskDialect === 'kie';
  const missingTask = kie ? kieNotFound : notFound;
  if (!GENERATE_TASK_MODELS.some((m) => m.id === modelId)) return missingTask('Model');
  const taskId = url.searchParams.get('taskId');
  if (!taskId) return errors.invalid('Missing required query parameter: taskId');
  const task = ctx.store.get('generateTask', taskId);
  // the status path must name the model the task was created with (§3.2)
  if (!task || task.model !== modelId) return missingTask('Task');
  const now = ctx.options.clock.now();
  const body = dialects.get(task) === 'kie' ? kieBody(task, now, 'status') : documentedBody(task, now);
  return { status: 200, body, tag: 'status' };
}

export const generateTaskFormat: WireFormatHandler = {
  format: 'generateTask',
  errors,
  routes: [
    {
      method: 'POST',
      endpoint: 'create',
      pattern: /^\/api\/v1\/generateTask\/([^/]+)$/,
      handle: (i, ctx) => create(i.params[0]!, i.body, ctx),
    },
    {
      method: 'GET',
      endpoint: 'status',
      pattern: /^\/api\/v1\/statusTask\/([^/]+)$/,
      handle: (i, ctx) => status(i.params[0]!, i.url, ctx),
    },
  ],
};
