// The one wire→neutral module of /v2: create answers, status answers and refusals, read by rule through
// core's tolerant readers. Real /v2 gateways and the new-api relays behind them send the documented shapes
// (seed 003, wire-formats.md §2.5) and variants of them: enveloped or bare bodies, OpenAI-video words,
// progress as "30%" or 30, the result under `data.output`, `url` or `data.result_url`, the reason under
// `fail_reason` or `error.message` (bodies and their sources: /work/corpus/v2/SOURCES.md).
import type { TaskOutput } from '@wankit/core';
import {
  type AdapterCreateAnswer,
  type AdapterReadContext,
  asObject,
  createWireErrorReader,
  findOutputs,
  findTaskId,
  hasStatusWord,
  readCode,
  readCreateAnswer,
  readMessage,
  readProgress,
  readTaskAnswer,
  readWireTime,
  type TaskState,
  textOf,
  type WireResponse,
} from '@wankit/core/adapter';
import { v2CodeKind, v2Failure, v2StatusKinds } from './v2-error-table.js';
import { v2StatusOf } from './v2-status-table.js';

/** HTTP refusals in any of new-api's forms: `{code, message, data:null}`, `{error:{…}}`, flat, string. */
export const v2WireError = createWireErrorReader({
  provider: 'v2 gateway',
  codeKind: v2CodeKind,
  statusKinds: v2StatusKinds,
});

type Json = Record<string, unknown>;

const statusKeys = ['status', 'task_status', 'taskStatus', 'state'] as const;
const hasWord = (object: Json) => statusKeys.some((key) => typeof object[key] === 'string');

/** The object that carries the status word: the task itself, or the holder one level down it nests in. */
function taskLevel(task: Json): Json {
  if (hasWord(task)) return task;
  for (const key of ['data', 'output', 'task', 'result']) {
    const inner = asObject(task[key]);
    if (inner && hasWord(inner)) return inner;
  }
  return task;
}

const firstTime = (task: Json, keys: readonly string[]) =>
  keys.map((key) => readWireTime(task[key])).find((time) => time !== undefined);

// Keys beside the results that are not results: input echoes (an image-to-video body may repeat its
// image), the task's own `type` (a task kind, not a media type), and `data`, read only as a fallback.
const notResults = new Set(['images', 'image', 'image_url', 'imageUrl', 'img_url', 'type', 'data']);
const resultFields = (value: unknown): unknown => {
  const object = asObject(value);
  return object ? Object.fromEntries(Object.entries(object).filter(([key]) => !notResults.has(key))) : value;
};

/**
 * The results: the task's own result fields (`url`, `video_url`, `output`, `outputs`, …) when it has
 * any, else those of its `data` (`output`, `outputs`, `result_url`, …). A relay that sends both a flat
 * `url` and the upstream's `data` names one video twice; its own flat field wins.
 */
function outputsOf(task: Json, context: AdapterReadContext): TaskOutput[] {
  const own = findOutputs(resultFields(task), context.kind);
  const outputs = own.length > 0 ? own : findOutputs(resultFields(task.data), context.kind);
  return outputs.map((output) => ({ ...output, ...expiryOf(output.url) }));
}

/** A signed OSS URL carries its own end of life (`Expires`, unix seconds; wire-formats.md §2.5). */
function expiryOf(url: string): { expiresAt?: string } {
  const expires = /[?&]Expires=(\d{9,11})(?:&|$)/.exec(url)?.[1];
  return expires === undefined ? {} : { expiresAt: new Date(Number(expires) * 1000).toISOString() };
}

/** One task object, however it came (create answer, status answer), as a neutral state. */
function readTask(body: Json, context: AdapterReadContext): TaskState {
  const task = taskLevel(body);
  const reading = v2StatusOf(statusKeys.map((key) => task[key]).find((word) => typeof word === 'string'));
  const taskId = findTaskId(task) ?? findTaskId(body);
  // /v2 counts in percent: "30%" (Y5) or 30 (OpenAI-video relays).
  const progress = readProgress(task.progress, 'percent');
  const createdAt = firstTime(task, ['submit_time', 'created_at', 'createdAt']);
  const startedAt = firstTime(task, ['start_time', 'started_at', 'startedAt']);
  const completedAt = firstTime(task, ['finish_time', 'completed_at', 'finished_at', 'completedAt']);
  return {
    ...(taskId === undefined ? {} : { taskId }),
    ...reading,
    ...(progress === undefined ? {} : { progress }),
    outputs: outputsOf(task, context),
    // The documented reason field first: a relay's `message` beside it may be a generic word.
    ...(reading.status === 'failed'
      ? { error: v2Failure(readCode(task), textOf(task.fail_reason) ?? readMessage(task)) }
      : {}),
    timings: {
      ...(createdAt === undefined ? {} : { createdAt }),
      ...(startedAt === undefined ? {} : { startedAt }),
      ...(completedAt === undefined ? {} : { completedAt }),
    },
    raw: body,
  };
}

/** The create answer: a task id under any name, enveloped or not, with the state it carries. */
export function readV2Create(response: WireResponse, context: AdapterReadContext): AdapterCreateAnswer {
  return readCreateAnswer(response, context, {
    wireError: v2WireError,
    readState: (data, readContext) => {
      const task = asObject(data);
      return task && hasStatusWord(task) ? readTask(task, readContext) : undefined;
    },
  });
}

/** A status answer: the task through its envelope (or an error status that still carries the task). */
export function readV2Status(response: WireResponse, context: AdapterReadContext): TaskState {
  return readTask(readTaskAnswer(response, { wireError: v2WireError }), context);
}
