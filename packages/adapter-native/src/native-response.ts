// The one wire→neutral module of the native gateway: create answers, status answers and refusals, read by rule
// through core's tolerant readers. The gateway documents one task object (wire-formats.md §1.5); its real bodies
// (the SeaArt SDKs' and the SeaCloud CLI's tests, the vtrix CLI docs: /work/corpus/native/SOURCES.md) vary it:
// `task_id` for `id`, content items typed `url` or untyped, no `output` or `output: []` on success, an `error`
// string or object (code a number or a string, `message` or `error_message`) that also appears beside a running
// status, an empty `usage.cost`, ISO times, and HTTP errors in five forms.
import type { TaskOutput, TaskUsage } from '@wankit/core';
import {
  type AdapterCreateAnswer,
  type AdapterReadContext,
  asObject,
  createWireErrorReader,
  findOutputs,
  findTaskId,
  hasStatusWord,
  isSuccessCode,
  readCode,
  readCreateAnswer,
  readJson,
  readMessage,
  readProgress,
  readTaskAnswer,
  readWireTime,
  type TaskState,
  textOf,
  type WireResponse,
} from '@wankit/core/adapter';
import {
  nativeCodeKind,
  nativeErrorDetails,
  nativeFailure,
  nativeStatusKinds,
} from './native-error-table.js';
import { nativeStatusOf } from './native-status-table.js';

/** HTTP refusals: `{error:{code, message}}`, `{error:"…"}`, `{message}`, `{status:{code, message, error_code}}`. */
export const nativeWireError = createWireErrorReader({
  provider: 'native gateway',
  codeKind: nativeCodeKind,
  statusKinds: nativeStatusKinds,
  readDetails: nativeErrorDetails,
});

type Json = Record<string, unknown>;

/**
 * The gateway family's own envelope, `{status:{code, message}, data}` (its model-spec service; the same shape
 * carries a 402 refusal with `data: null`), read beside core's `{code, data}` envelopes.
 */
function statusEnvelope(body: Json | undefined): { ok: boolean; data: Json | undefined } | undefined {
  const status = asObject(body?.status);
  if (!body || !status || !('data' in body) || textOf(status.code) === undefined) return undefined;
  return { ok: isSuccessCode(status.code), data: asObject(body.data) };
}

/** The task inside a status envelope, or the body itself. */
const taskOf = (body: Json): Json => statusEnvelope(body)?.data ?? body;

// Seed 002 lists the status word beside `output`'s content; the gateway puts it at the top level.
const wordOf = (task: Json): string | undefined =>
  textOf(task.status) ?? (Array.isArray(task.output) ? textOf(asObject(task.output[0])?.status) : undefined);

// Content types that name media the neutral model has no kind for: skipped. Any other type that names no
// video or image (the Python SDK's typed builder answers `type: "url"`) is left to the request's kind.
const noNeutralKind = /audio|speech|voice|music|text/i;
const mediaWord = /video|image|mp4|png|jpe?g|webp/i;

function untypedUnlessKnown(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untypedUnlessKnown);
  const object = asObject(value);
  if (!object) return value;
  const type = textOf(object.type);
  const known = type === undefined || noNeutralKind.test(type) || mediaWord.test(type);
  const { type: _type, ...rest } = object;
  const kept = known ? object : rest;
  return Object.fromEntries(Object.entries(kept).map(([key, inner]) => [key, untypedUnlessKnown(inner)]));
}

// Result fields a relay may flatten to the top level instead of `output` (never `input` echoes).
const flatResultKeys = [
  'outputs',
  'results',
  'result',
  'url',
  'video_url',
  'result_url',
  'resultUrls',
  'urls',
];

/** The results: `output[].content[]` items, else result fields at the top level. */
function outputsOf(task: Json, context: AdapterReadContext): TaskOutput[] {
  const own = findOutputs(untypedUnlessKnown(task.output), context.kind);
  if (own.length > 0) return own;
  const flat = Object.fromEntries(flatResultKeys.filter((key) => key in task).map((key) => [key, task[key]]));
  return findOutputs(untypedUnlessKnown(flat), context.kind);
}

/** `usage.cost` is a USD decimal string (seeds 000–002), `""` on a failed task, a number in the Go SDK. */
function usageOf(task: Json): TaskUsage | undefined {
  const usage = asObject(task.usage);
  if (!usage) return undefined;
  const cost = Number(textOf(usage.cost) ?? Number.NaN);
  const discount = typeof usage.discount === 'number' ? usage.discount : undefined;
  const extra = Object.fromEntries(
    ['quantity', 'unit_price', 'extra_info']
      .filter((key) => usage[key] !== undefined)
      .map((key) => [key, usage[key]]),
  );
  const read: TaskUsage = {
    ...(Number.isFinite(cost) ? { cost, currency: 'USD' } : {}),
    ...(discount === undefined ? {} : { discount }),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
  return Object.keys(read).length > 0 ? read : undefined;
}

/** One task object, however it came (create answer, status answer), as a neutral state. */
function readTask(body: Json, context: AdapterReadContext): TaskState {
  const task = taskOf(body);
  const reading = nativeStatusOf(wordOf(task));
  const taskId = findTaskId(task);
  const progress = readProgress(task.progress, 'auto');
  const metadata = asObject(task.metadata);
  const createdAt = readWireTime(task.created_at);
  const startedAt = readWireTime(metadata?.in_queue_at);
  const completedAt = readWireTime(metadata?.completed_at ?? task.completed_at);
  const usage = usageOf(task);
  // An `error` beside a running word is a waiting limit (the /sync timeout), not the task's failure.
  const failed = reading.status === 'failed';
  const pending = reading.status === 'queued' || reading.status === 'running';
  return {
    ...(taskId === undefined ? {} : { taskId }),
    ...reading,
    ...(progress === undefined ? {} : { progress }),
    outputs: pending ? [] : outputsOf(task, context),
    ...(usage === undefined ? {} : { usage }),
    ...(failed
      ? {
          error: nativeFailure(
            readCode(task.error) ?? readCode(task),
            readMessage(task.error) ?? readMessage(task),
          ),
        }
      : {}),
    timings: {
      ...(createdAt === undefined ? {} : { createdAt }),
      ...(startedAt === undefined ? {} : { startedAt }),
      ...(completedAt === undefined ? {} : { completedAt }),
    },
    raw: body,
  };
}

const isTask = (object: Json) =>
  hasStatusWord(object) || wordOf(object) !== undefined || statusEnvelope(object) !== undefined;

/** The create answer: a task id under any name, enveloped or not, with any HTTP status (the /sync 504). */
export function readNativeCreate(response: WireResponse, context: AdapterReadContext): AdapterCreateAnswer {
  const json = readJson(response);
  const envelope = json.ok ? statusEnvelope(asObject(json.value)) : undefined;
  // A refusal in the gateway's own envelope, whatever the HTTP status.
  if (envelope && !envelope.ok && findTaskId(envelope.data) === undefined) {
    throw nativeWireError(response, json.ok ? json.value : undefined);
  }
  return readCreateAnswer(response, context, {
    wireError: nativeWireError,
    readState: (data, readContext) => {
      const task = asObject(data);
      return task && wordOf(taskOf(task)) !== undefined ? readTask(task, readContext) : undefined;
    },
  });
}

/** A status answer: the task through any envelope (or an error status that still carries the task). */
export function readNativeStatus(response: WireResponse, context: AdapterReadContext): TaskState {
  const body = readTaskAnswer(response, { wireError: nativeWireError, isTask });
  const envelope = statusEnvelope(body);
  if (envelope && !(envelope.ok && envelope.data && wordOf(envelope.data) !== undefined)) {
    throw nativeWireError(response, body);
  }
  return readTask(body, context);
}
