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
import type { Random } from '../random.js';
import type { FormatContext, FormatErrors, WireFormatHandler } from './format.js';

/** apixo-style generateTask: `POST /api/v1/generateTask/{model}`, `GET /api/v1/statusTask/{model}?taskId=`,
 * envelope `{code, message, data}` (seed 004, wire-formats §3). */

const envelope = (code: number, message: string, data: unknown) => ({ code, message, data });

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

/** failCodes from the wan-2-5 page (CONTENT_VIOLATION) and the older error-code list (GENERATION_FAILED). */
const FAILURES = {
  content_policy: { failCode: 'CONTENT_VIOLATION', failMsg: 'Content violates safety guidelines' },
  generation: { failCode: 'GENERATION_FAILED', failMsg: 'Generation failed' },
} as const;

const STATES = { queued: 'pending', running: 'processing', succeeded: 'success', failed: 'failed' } as const;

/** The status envelope; a callback delivers exactly this body (§3.8). A failed task is still code 200. */
export function generateTaskStatusBody(task: SimTask, now: number): Record<string, unknown> {
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

function create(modelId: string, body: unknown, ctx: FormatContext): Reply {
  const model = GENERATE_TASK_MODELS.find((m) => m.id === modelId);
  if (!model) return notFound('Model');
  if (!isRecord(body)) return errors.invalid('Request body must be a JSON object');
  const requestType = body.request_type ?? 'async';
  if (typeof requestType !== 'string' || !REQUEST_TYPES.includes(requestType)) {
    return errors.invalid(notAllowed('request_type', requestType, REQUEST_TYPES.join(', ')));
  }
  let callbackUrl: string | undefined;
  if (requestType === 'callback') {
    if (body.callback_url === undefined) return errors.invalid(missing('callback_url'));
    // The provider wants public HTTPS; the simulator also takes http so loopback receivers work.
    if (
      typeof body.callback_url !== 'string' ||
      !URL.canParse(body.callback_url) ||
      !/^https?:/.test(body.callback_url)
    ) {
      return errors.invalid(notAllowed('callback_url', body.callback_url, 'an http(s) URL'));
    }
    callbackUrl = body.callback_url;
  }
  const provider = body.provider ?? 'auto';
  if (typeof provider !== 'string' || !PROVIDERS.includes(provider)) {
    return errors.invalid(notAllowed('provider', provider, PROVIDERS.join(', ')));
  }
  if (!isRecord(body.input)) return errors.invalid(missing('input'));
  const checked = checkInput(model, body.input);
  if ('error' in checked) return errors.invalid(checked.error);
  const refused = ctx.admit('generateTask');
  if (refused) return refused;
  const task = ctx.store.create({
    format: 'generateTask',
    model: model.id,
    plan: checked.plan,
    newId,
    callbackUrl,
  });
  ctx.callbacks.schedule(task);
  return { status: 200, body: envelope(200, 'success', { taskId: task.id }), tag: 'created' };
}

function status(modelId: string, url: URL, ctx: FormatContext): Reply {
  if (!GENERATE_TASK_MODELS.some((m) => m.id === modelId)) return notFound('Model');
  const taskId = url.searchParams.get('taskId');
  if (!taskId) return errors.invalid('Missing required query parameter: taskId');
  const task = ctx.store.get('generateTask', taskId);
  // the status path must name the model the task was created with (§3.2)
  if (!task || task.model !== modelId) return notFound('Task');
  return { status: 200, body: generateTaskStatusBody(task, ctx.options.clock.now()), tag: 'status' };
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
