// The one wire→neutral module of generateTask: create answers, status answers, callbacks and refusals, read by
// rule through core's tolerant readers. apixo documents one shape (seed 004; wire-formats.md §3.5-§3.8);
// same-shaped resellers (kie.ai's createTask/recordInfo) send variants of it: `msg` for `message`, other state
// words, `resultJson` as an object, empty or null failure fields, a failure told only by the envelope code
// (bodies and sources: contracts/fixtures/generate-task/wild, /work/corpus/generate-task/SOURCES.md).
import { type TaskOutput, type TaskUsage, WankitError, type Warning } from '@wankit/core';
import {
  type AdapterCreateAnswer,
  type AdapterReadContext,
  asObject,
  createWireErrorReader,
  type Envelope,
  findOutputs,
  firstText,
  readCode,
  readCreateAnswer,
  readEnvelope,
  readJson,
  readMessage,
  readProgress,
  readTaskAnswer,
  readWireTime,
  type TaskState,
  textOf,
  type WireErrorReader,
  type WireResponse,
} from '@wankit/core/adapter';
import {
  generateTaskCodeKind,
  generateTaskFailure,
  generateTaskStatusKinds,
} from './generate-task-error-table.js';
import { modeOf } from './generate-task-model-ids.js';
import { generateTaskStatusOf } from './generate-task-status-table.js';

/** Result URLs stay valid for 15 days (seed 004, "Video expiration"). */
export const generateTaskResultTtlMs = 15 * 24 * 60 * 60 * 1000;

const provider = 'generateTask';
const createWireError = createWireErrorReader({
  provider,
  codeKind: generateTaskCodeKind,
  statusKinds: generateTaskStatusKinds('create'),
});
const statusError = createWireErrorReader({
  provider,
  codeKind: generateTaskCodeKind,
  statusKinds: generateTaskStatusKinds('status'),
});
/** A task not queryable yet (kie's 422 "recordInfo is null" right after the create) is asked again. */
const statusWireError: WireErrorReader = (response, body) => {
  const error = statusError(response, body);
  const notYet = error.kind === 'not_found' && (error.httpStatus === 422 || error.providerCode === '422');
  return notYet ? error.with({ retryable: true }) : error;
};

type Json = Record<string, unknown>;

// `state` is documented; a client's tests read `status` too.
const stateKeys = ['state', 'status', 'taskStatus', 'task_status'] as const;
const wordOf = (task: Json) => stateKeys.map((key) => task[key]).find((word) => typeof word === 'string');
const isTask = (task: Json) => textOf(wordOf(task)) !== undefined;
const codeKeys = ['failCode', 'fail_code', 'errorCode', 'error_code'];
const reasonKeys = ['failMsg', 'fail_msg', 'errorMessage', 'error_message', 'failReason', 'fail_reason'];

/**
 * The task of a body: the envelope's `data` whatever the envelope's code says (kie's failure callback wraps a
 * failed task in code 501), or the bare task a relay sends without the envelope: a `state` word, or a `status`
 * word beside a task id (an error body may carry a `status` of its own).
 */
function taskIn(body: unknown): Json | undefined {
  const object = asObject(body);
  const data = asObject(object?.data);
  if (data && isTask(data)) return data;
  if (!object || !isTask(object)) return undefined;
  return textOf(object.state) !== undefined || textOf(object.taskId ?? object.task_id) !== undefined
    ? object
    : undefined;
}

const unreadable = Symbol('unreadable');
/** A JSON document inside a string (`resultJson`), parsed without trusting it; other values as they are. */
function parsed(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return unreadable;
  }
}

// Results live in `resultJson` (a JSON string, an object on some relays) and in any other `result*` field
// (`resultUrls` sent beside it or unparsed, `resultImageUrls`) or `response` (kie's older endpoints); never in
// `param`, the echo of the request with its input image URLs.
const resultField = /^(result|response)/i;

function resultsOf(task: Json, context: AdapterReadContext, from: string | undefined) {
  const warnings: Warning[] = [];
  const parts = Object.entries(task)
    .filter(([key]) => resultField.test(key))
    .map(([key, value]) => {
      const document = parsed(value);
      if (document === unreadable) {
        warnings.push({ type: 'other', message: `generateTask sent a ${key} that is not valid JSON` });
        return {};
      }
      return /image/i.test(key)
        ? { images: document }
        : /video/i.test(key)
          ? { videos: document }
          : { results: document };
    });
  const expiresAt =
    from === undefined ? undefined : new Date(Date.parse(from) + generateTaskResultTtlMs).toISOString();
  const outputs: TaskOutput[] = findOutputs(parts, context.kind).map((output) =>
    expiresAt === undefined ? output : { ...output, expiresAt },
  );
  return { outputs, warnings };
}

const figure = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/**
 * `costTime` is milliseconds on apixo's pages and kie's recordInfo, seconds in kie's callback examples
 * (8 for a task created 10 s before it completed): the larger reading that fits in createTime..completeTime
 * wins, milliseconds when the times are missing. kie's callbacks also report the credits a task cost.
 */
function usageOf(task: Json): TaskUsage | undefined {
  const cost = figure(task.costTime);
  const created = figure(task.createTime);
  const completed = figure(task.completeTime);
  const span = created !== undefined && completed !== undefined ? completed - created : undefined;
  const processingMs =
    cost === undefined || cost < 0
      ? undefined
      : span !== undefined && cost * 1000 <= span
        ? cost * 1000
        : cost;
  const credits = figure(task.consumeCredits ?? task.creditsConsumed);
  if (processingMs === undefined && credits === undefined) return undefined;
  return {
    ...(credits === undefined ? {} : { cost: credits, currency: 'credits' }),
    ...(processingMs === undefined ? {} : { processingMs }),
  };
}

/** One task (status data, callback data, a create answer that carries a state) as a neutral state. */
function readTask(task: Json, context: AdapterReadContext, raw: unknown, envelope?: Envelope): TaskState {
  const reading = generateTaskStatusOf(wordOf(task));
  const taskId = textOf(task.taskId) ?? textOf(task.task_id);
  // kie documents 0-100 (for some models only); apixo sends none. A relay's fraction reads as one.
  const progress = readProgress(task.progress, 'auto');
  const createdAt = readWireTime(task.createTime);
  const completedAt = readWireTime(task.completeTime);
  // Trust the word: a waiting task may already show a result URL (kie's wan-2-5 page).
  const pending = reading.status === 'queued' || reading.status === 'running';
  const results = pending
    ? { outputs: [], warnings: [] }
    : resultsOf(task, context, completedAt ?? createdAt);
  const usage = usageOf(task);
  // A failure told by the envelope around the task (kie: code 501, "Playground task failed.") fills in
  // what the task's own fields leave out.
  const failing = envelope?.wrapped && !envelope.ok ? envelope : undefined;
  const failure =
    reading.status === 'failed'
      ? generateTaskFailure(
          firstText(task, codeKeys) ?? readCode(task) ?? failing?.code,
          firstText(task, reasonKeys) ?? readMessage(task) ?? failing?.message,
        )
      : undefined;
  return {
    ...(taskId === undefined ? {} : { taskId }),
    ...reading,
    ...(progress === undefined ? {} : { progress }),
    outputs: results.outputs,
    ...(usage === undefined ? {} : { usage }),
    ...(failure === undefined ? {} : { error: failure }),
    timings: {
      ...(createdAt === undefined ? {} : { createdAt }),
      ...(completedAt === undefined ? {} : { completedAt }),
    },
    ...(results.warnings.length > 0 ? { warnings: results.warnings } : {}),
    raw,
  };
}

/** A task that ended without a result, told only by a failing envelope (no task data). */
const failedByEnvelope = (envelope: Envelope & { wrapped: true }, raw: unknown): TaskState => ({
  status: 'failed',
  outputs: [],
  error: generateTaskFailure(envelope.code, envelope.message),
  raw,
});

// kie answers a status read at HTTP 200 with only an envelope code when the task ended without a result:
// 501 "Generation Failed" (its code list) and 408 "Upstream timeout" (alfman99/kie-ai-mcp tests, CHANGELOG
// 1.0.0: "recordInfo answers HTTP 200 with an envelope code"). Other codes there are refusals (404, 422, 429).
const taskEndingCodes = new Set(['408', '501']);

/** The create answer: a task id under any name, in any envelope, with any HTTP status. */
export function readGenerateTaskCreate(
  response: WireResponse,
  context: AdapterReadContext,
): AdapterCreateAnswer {
  const answer = readCreateAnswer(response, context, {
    wireError: createWireError,
    readState: (data, readContext) => {
      const task = asObject(data);
      return task && isTask(task) ? readTask(task, readContext, data) : undefined;
    },
  });
  // The mode the task was made in, for whoever reads the ref (the status path needs only the model).
  return { ...answer, meta: { mode: modeOf(context.kind) } };
}

/** A status answer: the task, a task that ended by envelope code, or the typed refusal. */
export function readGenerateTaskStatus(response: WireResponse, context: AdapterReadContext): TaskState {
  const json = readJson(response);
  const body = json.ok ? json.value : undefined;
  const ok = response.status >= 200 && response.status < 300;
  // On an error status only a task that names itself counts: a proxy's `{state: "failed"}` page would end it.
  const task = taskIn(body);
  if (task && (ok || textOf(task.taskId ?? task.task_id) !== undefined)) {
    return readTask(task, context, body, readEnvelope(body));
  }
  const envelope = readEnvelope(body);
  if (ok && envelope.wrapped && !envelope.ok && taskEndingCodes.has(envelope.code ?? '')) {
    return failedByEnvelope(envelope, body);
  }
  // Nothing task-like: the provider's refusal, or `invalid_response` for a body that says nothing readable.
  return readTask(
    readTaskAnswer(response, {
      wireError: statusWireError,
      isTask: (object) => taskIn(object) !== undefined,
    }),
    context,
    body,
  );
}

/**
 * A callback delivery: the status envelope (§3.8), whatever its code. The provider calls back only when the
 * task has ended, so a failing envelope without a task is that task's failure.
 */
export function readGenerateTaskCallback(body: unknown, context: AdapterReadContext): TaskState {
  const task = taskIn(body);
  const envelope = readEnvelope(body);
  if (task) return readTask(task, context, body, envelope);
  if (envelope.wrapped && !envelope.ok) return failedByEnvelope(envelope, body);
  throw new WankitError({
    kind: 'invalid_response',
    message: 'the generateTask callback body carries no task state',
  });
}
