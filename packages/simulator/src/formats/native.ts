import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from '../http/reply.js';
import { isRecord } from '../http/request-body.js';
import { phaseOf, type SimTask, type TaskState } from '../lifecycle/task.js';
import { NATIVE_MODELS } from '../models/native-models.js';
import { checkSizedRequest } from '../models/sized-model.js';
import type { NativeErrorForm, NativeVocabulary } from '../options.js';
import type { Random } from '../random.js';
import {
  type FormatContext,
  type FormatErrors,
  illustrativeCost,
  unixSeconds,
  type WireFormatHandler,
} from './format.js';

/** vtrix-style native gateway: `POST /model/v1/generation`, `GET /model/v1/generation/task/{id}` (wire-formats §1). */

const VOCABULARIES: Record<NativeVocabulary, Record<TaskState, string>> = {
  gateway: { queued: 'in_progress', running: 'in_progress', succeeded: 'completed', failed: 'failed' },
  'cli-docs': { queued: 'pending', running: 'processing', succeeded: 'completed', failed: 'failed' },
  seed: { queued: 'in_queue', running: 'processing', succeeded: 'done', failed: 'failed' },
};

/** HTTP error bodies as the SDK tests show them (§1.5): `{error:{code?, message}}`. Codes other than 1002
 * (rate limited) are not documented and are the simulator's choice. */
const errors: FormatErrors = {
  invalid: (message) => ({
    status: 400,
    body: { error: { code: 'InvalidParameter', message } },
    tag: 'invalid',
  }),
  unauthorized: (reason) => ({
    status: 401,
    body: { error: { message: reason === 'missing' ? 'missing api key' : 'invalid api key' } },
    tag: 'unauthorized',
  }),
  rateLimited: (reason) => ({
    status: 429,
    body: {
      error: { code: 1002, message: reason === 'rate' ? 'rate limited' : 'too many concurrent tasks' },
    },
    tag: 'rateLimited',
  }),
  serverError: (status) => ({
    status,
    body: {
      error:
        status === 500
          ? { code: 'INTERNAL_ERROR', message: 'internal server error' }
          : { code: 'SERVICE_UNAVAILABLE', message: 'service temporarily unavailable' },
    },
  }),
};

const FAILURES = {
  content_policy: { code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' },
  // seed 002's code for an internal generation error
  generation: { code: '001026095', message: 'Internal generation error' },
} as const;

function errorField(form: NativeErrorForm, failure: keyof typeof FAILURES): unknown {
  const { code, message } = FAILURES[failure];
  if (form === 'string') return `${code}: ${message}`;
  if (form === 'error_message') return { code, error_message: message };
  return { code, message };
}

/** The task object: create, status and (on the real gateway) sync all answer with this shape (§1.5). */
export function nativeTaskBody(
  task: SimTask,
  now: number,
  ctx: Pick<FormatContext, 'options'>,
): Record<string, unknown> {
  const { nativeVocabulary, nativeErrorForm } = ctx.options;
  const phase = phaseOf(task, now);
  const body: Record<string, unknown> = {
    id: task.id,
    status: VOCABULARIES[nativeVocabulary][phase.state],
    model: task.model,
  };
  // The gateway reports progress from the start; the other vocabularies' examples omit it while queued.
  if (phase.state !== 'queued' || nativeVocabulary === 'gateway')
    body.progress = Math.round(phase.progress * 100) / 100;
  body.created_at = unixSeconds(task.createdAt);
  if (phase.state === 'succeeded') {
    const type = task.plan.tier === 'image' ? 'image' : 'video';
    body.output = [{ content: task.files.map((file) => ({ type, url: file.url, jobId: task.jobId })) }];
    const cost = illustrativeCost(task.plan.tier, task.plan.durationSeconds ?? 0, task.plan.count);
    body.usage = { cost: cost.toFixed(4), discount: 0 };
    body.metadata = {
      in_queue_at: unixSeconds(task.createdAt),
      upload_at: unixSeconds(task.endAt),
      completed_at: unixSeconds(task.endAt),
    };
  } else if (phase.state === 'failed') {
    body.error = errorField(nativeErrorForm, task.failure!);
  }
  return body;
}

/** Both body forms: the CLI's `input:[{params:{input,parameters}}]` and the doc pages' top-level
 * `{input, parameters}` (§1.10 item 1). */
function unwrap(
  body: Record<string, unknown>,
): { form: 'wrapped' | 'flat'; input: unknown; parameters: unknown } | { problem: string } {
  if (Array.isArray(body.input)) {
    const first = body.input[0];
    if (body.input.length !== 1 || !isRecord(first) || !isRecord(first.params)) {
      return { problem: 'input must be [{"params":{"input":{...},"parameters":{...}}}]' };
    }
    return { form: 'wrapped', input: first.params.input, parameters: first.params.parameters };
  }
  if (isRecord(body.input)) return { form: 'flat', input: body.input, parameters: body.parameters };
  return { problem: 'input is required' };
}

const newId = (random: Random) => `task_${random.hex(16)}`;

/** The SeaArt Python SDK moves `model` into an `X-Model` header and leaves it out of the body
 * (the provider SDKs: the Python SDK sends X-Model): the header stands in when the body has none. */
function modelOf(body: Record<string, unknown>, headers: IncomingHttpHeaders): unknown {
  const header = headers['x-model'];
  return body.model ?? (typeof header === 'string' && header !== '' ? header : undefined);
}

function create(body: unknown, headers: IncomingHttpHeaders, ctx: FormatContext): Reply {
  if (!isRecord(body)) return errors.invalid('request body must be a JSON object');
  const modelId = modelOf(body, headers);
  if (typeof modelId !== 'string' || modelId === '') {
    return errors.invalid('model is required (in the body or the X-Model header)');
  }
  const model = NATIVE_MODELS.find((m) => m.id === modelId);
  if (!model) {
    return errors.invalid(
      `model: "${modelId}" is not supported; allowed: ${NATIVE_MODELS.map((m) => m.id).join(', ')}`,
    );
  }
  const unwrapped = unwrap(body);
  if ('problem' in unwrapped) return errors.invalid(unwrapped.problem);
  const input = isRecord(unwrapped.input) ? unwrapped.input : {};
  if (unwrapped.input !== undefined && !isRecord(unwrapped.input))
    return errors.invalid('input must be an object');
  if (unwrapped.parameters !== undefined && !isRecord(unwrapped.parameters)) {
    return errors.invalid('parameters must be an object');
  }
  const parameters = (unwrapped.parameters ?? {}) as Record<string, unknown>;
  const field = (name: string, value: unknown) => ({ name, value });
  const checked = checkSizedRequest(model, {
    prompt: field('input.prompt', input.prompt),
    size: field('parameters.size', parameters.size),
    resolution: field('parameters.resolution', parameters.resolution),
    duration: field('parameters.duration', parameters.duration),
    n: field('parameters.n', parameters.n),
    seed: field('parameters.seed', parameters.seed),
    booleans: [
      field('parameters.prompt_extend', parameters.prompt_extend),
      field('parameters.watermark', parameters.watermark),
    ],
    shotType: field('parameters.shot_type', parameters.shot_type),
    audio: field('parameters.audio', parameters.audio),
    images: field('input.img_url', input.img_url),
  });
  if ('issue' in checked) return errors.invalid(checked.issue.message);
  const refused = ctx.admit('native');
  if (refused) return refused;
  ctx.stats.counters.nativeBodyForms[unwrapped.form]++;
  const task = ctx.store.create({ format: 'native', model: model.id, plan: checked.plan, newId });
  return { status: 200, body: nativeTaskBody(task, task.createdAt, ctx), tag: 'created' };
}

function status(id: string, ctx: FormatContext): Reply {
  const task = ctx.store.get('native', id);
  if (!task) {
    return {
      status: 404,
      body: { error: { code: 'TASK_NOT_FOUND', message: `task ${id} not found` } },
      tag: 'notFound',
    };
  }
  return { status: 200, body: nativeTaskBody(task, ctx.options.clock.now(), ctx), tag: 'status' };
}

export const nativeFormat: WireFormatHandler = {
  format: 'native',
  errors,
  routes: [
    {
      method: 'POST',
      endpoint: 'create',
      pattern: /^\/model\/v1\/generation$/,
      handle: (i, ctx) => create(i.body, i.headers, ctx),
    },
    {
      method: 'GET',
      endpoint: 'status',
      pattern: /^\/model\/v1\/generation\/task\/([^/]+)$/,
      handle: (i, ctx) => status(i.params[0]!, ctx),
    },
  ],
};
