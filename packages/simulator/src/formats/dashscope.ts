import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { withRetryAfter } from '../http/api-pipeline.js';
import type { Reply } from '../http/reply.js';
import { isRecord } from '../http/request-body.js';
import type { SimTask } from '../lifecycle/task.js';
import { DASHSCOPE_PATHS, type DashScopeEndpoint, findDashScopeModel } from '../models/dashscope-models.js';
import type { ResolvedOptions } from '../options.js';
import type { Random } from '../random.js';
import type { StatsRecorder } from '../stats/stats.js';
import { ERRORS, errorReply, Refusal, RequestIds, type WireError } from './dashscope/errors.js';
import { DashScopeLimits, POLICY_REQUESTS_PER_SECOND, type SlotReservation } from './dashscope/limits.js';
import { type DashScopeTaskInfo, taskOutput } from './dashscope/task-body.js';
import { listTasks } from './dashscope/task-list.js';
import { DashScopeUploads, OSS_UPLOAD_PATH } from './dashscope/uploads.js';
import { checkCreate } from './dashscope/validate.js';
import type { FormatContext, FormatErrors, FormatRoute, RouteInput, WireFormatHandler } from './format.js';

/**
 * Alibaba Cloud Model Studio's own API, DashScope (wire-formats §0.4 and §4; whose source tags
 * [MS-…], [DS-SDK], [AIS-…] resolve in its §6; real bodies in /work/corpus/dashscope, cited as "corpus NNN"):
 * - creates `POST /api/v1/services/aigc/{video-generation,image2video}/video-synthesis` and
 *   `…/text2image/image-synthesis`, only with `X-DashScope-Async: enable`;
 * - `GET /api/v1/tasks/{id}`, `POST /api/v1/tasks/{id}/cancel`, `GET /api/v1/tasks/`;
 * - `GET /api/v1/uploads?action=getPolicy&model=…` and the OSS form upload it leads to.
 * A real client agrees (@ai-sdk/alibaba 1.0.61, src/alibaba-video-model.ts; test/ai-sdk-alibaba.test.ts): it sends
 * every video create, image-to-video included, to `/video-generation/video-synthesis` with the async header, polls
 * `GET /api/v1/tasks/{id}` without it, ends on SUCCEEDED / FAILED / CANCELED, keeps polling on any other word, and
 * reads an HTTP error's `message`.
 * Unlike the other formats this one keeps per-simulator state (request ids, per-model limits, uploads, what each
 * task was asked), so the server makes one with `createDashScopeFormat()`.
 */

export interface DashScopeFormat {
  readonly handler: WireFormatHandler;
  /** The OSS form POSTed to a policy's `upload_host` (`OSS_UPLOAD_PATH`): no bearer key, OSS's answers. */
  receiveUpload(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Known once the server listens: `upload_host` points back at it. */
  setBaseUrl(baseUrl: string): void;
  reset(): void;
}

export { OSS_UPLOAD_PATH };

/** A data-URI image of 20 MB is ~27 MB of base64; the gateway's own cap is unknown. */
const CREATE_BODY_BYTES = 32 * 1024 * 1024;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim();
}

const enabled = (headers: IncomingHttpHeaders, name: string) =>
  header(headers, name)?.toLowerCase() === 'enable';

const newId = (random: Random) => random.uuid();

interface TaskRecord {
  readonly info: DashScopeTaskInfo;
  readonly slot: SlotReservation | undefined;
}

export function createDashScopeFormat(options: ResolvedOptions, stats: StatsRecorder): DashScopeFormat {
  const { clock } = options;
  const ids = new RequestIds(options.seed);
  const limits = new DashScopeLimits(options.dashscope);
  const uploads = new DashScopeUploads(options);
  const records = new Map<string, TaskRecord>();
  let baseUrl = '';

  const fail = (error: WireError) => errorReply(ids, error);
  const ok = (body: Record<string, unknown>, requestId: string, tag?: Reply['tag']): Reply => ({
    status: 200,
    body,
    headers: { 'x-request-id': requestId },
    ...(tag ? { tag } : {}),
  });
  const limited = (retryAfterMs: number) => withRetryAfter(fail(ERRORS.rateQuota), retryAfterMs);

  const errors: FormatErrors = {
    // The pipeline calls this only for a body it could not read.
    invalid: (reason) =>
      fail(reason.startsWith('request body exceeds') ? ERRORS.tooLarge : ERRORS.illegalInput),
    unauthorized: (reason) => fail(reason === 'missing' ? ERRORS.noApiKey : ERRORS.invalidApiKey),
    rateLimited: (reason) => fail(reason === 'rate' ? ERRORS.rateQuota : ERRORS.throttling),
    serverError: (status) => fail(status === 500 ? ERRORS.internal : ERRORS.unavailable),
  };

  /** The retention of a task id: 24 h after it ended ([MS-TASKS]), scaled like every lifetime. */
  const expired = (task: SimTask, now: number) =>
    now >= (task.canceledAt ?? task.endAt) + options.dashscope.taskRetentionMs * options.timeScale;

  /** A task this format issued and still remembers. */
  function live(id: string, ctx: FormatContext): { task: SimTask; record: TaskRecord } | undefined {
    const task = ctx.store.get('dashscope', id);
    const record = records.get(id);
    if (!task || !record || expired(task, clock.now())) return undefined;
    return { task, record };
  }

  function create(endpoint: DashScopeEndpoint, input: RouteInput, ctx: FormatContext): Reply {
    const { body, headers } = input;
    if (!isRecord(body)) return fail(ERRORS.illegalInput);
    const modelId = body.model;
    if (modelId === undefined || modelId === null || modelId === '') return fail(ERRORS.emptyModel);
    const model = typeof modelId === 'string' ? findDashScopeModel(modelId) : undefined;
    if (!model) return fail(ERRORS.modelNotExist);
    if (model.endpoint !== endpoint) return fail(ERRORS.wrongEndpoint);
    // [MS-T2V27], [MS-ERR]: every video create (and the async image creates) needs the header.
    if (!enabled(headers, 'x-dashscope-async')) return fail(ERRORS.synchronousCall);
    const now = clock.now();
    const wait = limits.admit(`create:${model.id}`, limits.limitsOf(model).requestsPerSecond, now);
    if (wait !== undefined) return limited(wait);

    let draft: ReturnType<typeof checkCreate>;
    try {
      const ossEnabled = enabled(headers, 'x-dashscope-ossresourceresolve');
      draft = checkCreate(model, body, {
        resolveOss: (url) => uploads.resolve(url, model.id, ossEnabled),
        partialFailureMarker: options.dashscope.partialFailureMarker,
      });
    } catch (error) {
      if (error instanceof Refusal) return fail(error.wire);
      throw error;
    }
    const refused = ctx.admit('dashscope');
    if (refused) return refused;
    const slot = limits.reserve(model);
    const task = ctx.store.create({
      format: 'dashscope',
      model: model.id,
      plan: draft.plan,
      newId,
      ...(slot ? { notBefore: slot.freeAt } : {}),
    });
    if (slot) limits.occupy(model, slot, task.endAt);
    const requestId = ids.next();
    records.set(task.id, { info: { model, endpoint, draft, requestId }, slot });
    // corpus 009: the create answers PENDING at once, request_id first
    return ok(
      { request_id: requestId, output: { task_id: task.id, task_status: 'PENDING' } },
      requestId,
      'created',
    );
  }

  function status(id: string, ctx: FormatContext): Reply {
    const requestId = ids.next();
    const found = live(id, ctx);
    if (!found) {
      // corpus 004 (real): an id never issued, or one past its retention, is HTTP 200 UNKNOWN
      return ok(
        { request_id: requestId, output: { task_id: id, task_status: 'UNKNOWN' } },
        requestId,
        'notFound',
      );
    }
    const { output, usage } = taskOutput(found.task, found.record.info, clock.now());
    return ok({ request_id: requestId, output, ...(usage ? { usage } : {}) }, requestId, 'status');
  }

  /** [MS-TASKS]: only a PENDING task can be canceled; the success body is `{request_id}` alone (corpus 026). */
  function cancel(id: string, ctx: FormatContext): Reply {
    const found = live(id, ctx);
    if (!found || !ctx.store.cancel('dashscope', id)) return fail(ERRORS.cannotCancel);
    const { slot, info } = found.record;
    if (slot) limits.release(info.model, slot, found.task.endAt, clock.now());
    const requestId = ids.next();
    return ok({ request_id: requestId }, requestId);
  }

  function list(url: URL, ctx: FormatContext): Reply {
    const now = clock.now();
    const tasks = ctx.store
      .list()
      .filter((task) => task.format === 'dashscope' && records.has(task.id) && !expired(task, now))
      .map((task) => ({ task, info: records.get(task.id)!.info }));
    try {
      const requestId = ids.next();
      return ok(listTasks(url.searchParams, tasks, now, requestId), requestId);
    } catch (error) {
      if (error instanceof Refusal) return fail(error.wire);
      throw error;
    }
  }

  /** [MS-UPLOAD] step 1. Any model name is accepted, as the real service serves many more than Wan. */
  function getPolicy(url: URL): Reply {
    const action = url.searchParams.get('action');
    const model = url.searchParams.get('model');
    if (action !== 'getPolicy')
      return fail({ status: 400, code: 'InvalidParameter', message: "Input should be 'getPolicy': action" });
    if (!model) return fail({ status: 400, code: 'InvalidParameter', message: 'Field required: model' });
    const perSecond = options.dashscope.documentedLimits ? POLICY_REQUESTS_PER_SECOND : undefined;
    const wait = limits.admit(`policy:${model}`, perSecond, clock.now());
    if (wait !== undefined) return limited(wait);
    const requestId = ids.next();
    return ok(
      { request_id: requestId, data: uploads.issue(model, `${baseUrl}${OSS_UPLOAD_PATH}`) },
      requestId,
    );
  }

  const createRoute = (endpoint: DashScopeEndpoint): FormatRoute => ({
    method: 'POST',
    endpoint: 'create',
    pattern: new RegExp(`^${DASHSCOPE_PATHS[endpoint].replaceAll('/', '\\/')}$`),
    maxBodyBytes: CREATE_BODY_BYTES,
    handle: (input, ctx) => create(endpoint, input, ctx),
  });

  const handler: WireFormatHandler = {
    format: 'dashscope',
    errors,
    routes: [
      createRoute('video-generation'),
      createRoute('image2video'),
      createRoute('text2image'),
      {
        method: 'GET',
        endpoint: 'list',
        pattern: /^\/api\/v1\/tasks\/?$/,
        handle: (i, ctx) => list(i.url, ctx),
      },
      {
        method: 'GET',
        endpoint: 'status',
        pattern: /^\/api\/v1\/tasks\/([^/]+)$/,
        handle: (i, ctx) => status(i.params[0]!, ctx),
      },
      {
        method: 'POST',
        endpoint: 'cancel',
        pattern: /^\/api\/v1\/tasks\/([^/]+)\/cancel$/,
        handle: (i, ctx) => cancel(i.params[0]!, ctx),
      },
      {
        method: 'GET',
        endpoint: 'upload',
        pattern: /^\/api\/v1\/uploads\/?$/,
        handle: (i) => getPolicy(i.url),
      },
    ],
  };

  return {
    handler,
    async receiveUpload(req, res) {
      stats.counters.requests++;
      stats.format('dashscope').requests.upload++;
      await uploads.receive(req, res);
    },
    setBaseUrl(url) {
      baseUrl = url;
    },
    reset() {
      ids.reset();
      limits.reset();
      uploads.reset();
      records.clear();
    },
  };
}
