// The one wire→neutral module of DashScope: create answers, status answers, cancel answers and refusals, read by
// rule through core's tolerant readers. DashScope documents one task object, `{request_id, output:{task_id,
// task_status, …}, usage}` (wire-formats.md §4.5); its real bodies (/work/corpus/dashscope/SOURCES.md) vary it:
// either key order, `output: null`, `video_url: null`, SUCCEEDED without a task id, image `results[]` mixing
// URLs and per-image failures, usage numbers as floats or strings, the SDKs' echo fields (`code: ""`,
// `message: ""`, `status_code`), `error_code: 0` + `error_message: "Success"` on a success, refusals with a
// top-level `{code, message, request_id}` also on HTTP 200, a 401 without content-type, an empty 404.
import type { TaskOutput, TaskUsage, Warning } from '@wankit/core';
import {
  type AdapterCreateAnswer,
  type AdapterReadContext,
  type AdapterTaskReadContext,
  asObject,
  createWireErrorReader,
  findOutputs,
  findTaskId,
  hasStatusWord,
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
  WankitError,
  type WireResponse,
} from '@wankit/core/adapter';
import { dashscopeCodeKind, dashscopeFailure, dashscopeStatusKinds } from './dashscope-error-table.js';
import type { DashScopeRegion } from './dashscope-model-ids.js';
import { dashscopeStatusOf } from './dashscope-status-table.js';

type Json = Record<string, unknown>;

/** Task ids and results are kept 24 h [MS-T2V27], [MS-TASKS]. */
export const taskRetentionMs = 24 * 60 * 60 * 1000;

/** Task times are `YYYY-MM-DD HH:mm:ss.SSS` without a zone; China time (INFERRED). */
const chinaTime = { zone: '+08:00' } as const;

// Codes and messages that, on a 401/404 (or Beijing's 400 "Model not exist."), mean the key, the model or the
// workspace belongs to another region than the host ([MS-T2V27]: "cross-region calls fail"; corpus 006, 014).
const regionCodes = new Set(['InvalidApiKey', 'ModelNotFound', 'WorkSpaceNotFound', 'model_not_supported']);
const regionMessage = /model not exist/i;

function hostOf(response: WireResponse): string {
  try {
    return new URL(response.url).host;
  } catch {
    return response.url;
  }
}

/**
 * HTTP refusals (and refusals sent with HTTP 200): DashScope's top-level `{code, message, request_id}`. One that
 * smells of a region mismatch says so, naming the region and the host the request went to.
 */
export function createDashScopeWireError(region: DashScopeRegion) {
  const read = createWireErrorReader({
    provider: 'DashScope',
    codeKind: (code, message) => dashscopeCodeKind(code, message),
    statusKinds: dashscopeStatusKinds,
  });
  return (response: WireResponse, body?: unknown): WankitError => {
    const error = read(response, body);
    const code = error.providerCode;
    const suspicious = (code !== undefined && regionCodes.has(code)) || regionMessage.test(error.message);
    // A key that is missing is not a key of another region.
    if (!suspicious || /no api-?key provided/i.test(error.message)) return error;
    return error.with({
      message:
        `${error.message} (key, model and region must match; this adapter uses region ${region} ` +
        `(host ${hostOf(response)}))`,
    });
  };
}
export type DashScopeWireError = ReturnType<typeof createDashScopeWireError>;

/** The task object: DashScope's `output`, or the body itself when a relay flattened it. */
const taskOf = (body: Json): Json => asObject(body.output) ?? body;

const wordOf = (task: Json): unknown => task.task_status ?? task.taskStatus ?? task.status ?? task.state;

// Result fields a relay may put beside `output` instead of in it (never `input` echoes).
const flatResultKeys = ['video_url', 'url', 'results', 'result', 'result_url', 'outputs', 'urls'];

/** A signed OSS URL carries its end of life: `Expires`, unix seconds (corpus 011; results live 24 h). */
function withExpiry(output: TaskOutput): TaskOutput {
  const expires = /[?&]Expires=(\d{9,11})(?:&|#|$)/.exec(output.url)?.[1];
  return expires === undefined
    ? output
    : { ...output, expiresAt: new Date(Number(expires) * 1000).toISOString() };
}

function outputsOf(task: Json, body: Json, context: AdapterReadContext): TaskOutput[] {
  const own = findOutputs(task, context.kind);
  const found =
    own.length > 0 || task === body
      ? own
      : findOutputs(
          Object.fromEntries(flatResultKeys.filter((key) => key in body).map((key) => [key, body[key]])),
          context.kind,
        );
  return found.map(withExpiry);
}

const numberOf = (value: unknown): number | undefined => {
  const figure = typeof value === 'number' ? value : Number(textOf(value) ?? Number.NaN);
  return Number.isFinite(figure) ? figure : undefined;
};

/**
 * `usage` per family: the video's seconds (`output_video_duration`, legacy
 * `video_duration`, else the billed `duration`), the outputs counted (`video_count`, or `image_count`, which
 * counts successful images only), and everything else untouched in `extra` (`duration` when it is the billed
 * figure, `input_video_duration`, `SR`, `size`, `video_ratio`, `ratio`, …). Numbers may come as strings (corpus 024).
 */
function usageOf(value: unknown): TaskUsage | undefined {
  const usage = asObject(value);
  if (!usage) return undefined;
  const secondsKey = ['output_video_duration', 'video_duration', 'duration'].find(
    (key) => numberOf(usage[key]) !== undefined,
  );
  const countKey = ['video_count', 'image_count'].find((key) => numberOf(usage[key]) !== undefined);
  const used = new Set([secondsKey, countKey]);
  const extra = Object.fromEntries(Object.entries(usage).filter(([key]) => !used.has(key)));
  const read: TaskUsage = {
    ...(secondsKey === undefined ? {} : { videoSeconds: numberOf(usage[secondsKey]) }),
    ...(countKey === undefined ? {} : { outputCount: numberOf(usage[countKey]) }),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
  return Object.keys(read).length > 0 ? read : undefined;
}

/** Entries of `results[]` that carry a failure instead of an image ([MS-TASKS], corpus 025). */
function failedResults(task: Json): { code?: string; message?: string }[] {
  const results = Array.isArray(task.results) ? task.results : [];
  return results
    .map((item) => asObject(item))
    .filter((item): item is Json => item !== undefined && textOf(item.url) === undefined)
    .map((item) => ({ code: readCode(item), message: readMessage(item) }))
    .filter((item) => item.code !== undefined || item.message !== undefined);
}

/** A task with at least one image is SUCCEEDED; the others are named, so the caller knows what is missing. */
function partialWarning(failed: readonly { code?: string; message?: string }[], made: number): Warning[] {
  if (failed.length === 0) return [];
  const reasons = failed.map((item) =>
    [item.code, item.message && `(${item.message})`].filter(Boolean).join(' '),
  );
  return [
    {
      type: 'other',
      message:
        `${failed.length} of ${failed.length + made} images failed: ${reasons.join('; ')}; ` +
        `the task succeeded with the other ${made}`,
    },
  ];
}

const hours = (ms: number) => Math.round((ms / 3_600_000) * 10) / 10;

/**
 * `UNKNOWN` is what DashScope answers for an id it does not know, and for every id after 24 h. For a task
 * submitted more than 24 h ago it ends the wait: the id and its results are gone. For a younger one it is
 * `unknown` (asked again): the id may not be visible yet, or it belongs to another key, region or workspace.
 */
function unknownTask(context: AdapterReadContext, ref: AdapterTaskReadContext['ref'] | undefined): Warning[] {
  if (!ref) return [];
  const submittedAt = Date.parse(ref.submittedAt);
  const age = context.now.getTime() - submittedAt;
  if (Number.isFinite(age) && age > taskRetentionMs) {
    throw new WankitError({
      kind: 'not_found',
      message:
        `DashScope reports task ${ref.taskId} as UNKNOWN: task ids (and their results) are kept 24 h and this ` +
        `one was submitted ${hours(age)} h ago (${ref.submittedAt}); it has expired`,
      providerCode: 'UNKNOWN',
      taskRef: ref,
    });
  }
  return [
    {
      type: 'other',
      message:
        `DashScope does not know task ${ref.taskId} (UNKNOWN): it may not be visible yet, or it was submitted ` +
        'with another key, region or workspace; asking again',
    },
  ];
}

/** One task answer (create, status, cancel), read as a neutral state. */
function readTask(body: Json, context: AdapterReadContext, ref?: AdapterTaskReadContext['ref']): TaskState {
  const task = taskOf(body);
  const reading = dashscopeStatusOf(wordOf(task));
  const taskId = findTaskId(task) ?? findTaskId(body);
  const progress = readProgress(task.progress ?? body.progress, 'auto');
  const pending = reading.status === 'queued' || reading.status === 'running';
  const unknown = reading.providerStatus?.toUpperCase() === 'UNKNOWN' ? unknownTask(context, ref) : [];
  const outputs = pending ? [] : outputsOf(task, body, context);
  const failed = failedResults(task);
  const usage = usageOf(body.usage ?? task.usage);
  const createdAt = readWireTime(task.submit_time, chinaTime);
  const startedAt = readWireTime(task.scheduled_time, chinaTime);
  const completedAt = readWireTime(task.end_time, chinaTime);
  const warnings = [
    ...unknown,
    ...(reading.status === 'succeeded' ? partialWarning(failed, outputs.length) : []),
  ];
  return {
    ...(taskId === undefined ? {} : { taskId }),
    ...reading,
    ...(progress === undefined ? {} : { progress }),
    outputs,
    ...(usage === undefined ? {} : { usage }),
    ...(reading.status === 'failed'
      ? {
          error: dashscopeFailure(readCode(task) ?? failed[0]?.code, readMessage(task) ?? failed[0]?.message),
        }
      : {}),
    timings: {
      ...(createdAt === undefined ? {} : { createdAt }),
      ...(startedAt === undefined ? {} : { startedAt }),
      ...(completedAt === undefined ? {} : { completedAt }),
    },
    ...(warnings.length > 0 ? { warnings } : {}),
    raw: body,
  };
}

export interface DashScopeReaders {
  readonly wireError: DashScopeWireError;
  readCreate(response: WireResponse, context: AdapterReadContext): AdapterCreateAnswer;
  readStatus(response: WireResponse, context: AdapterTaskReadContext): TaskState;
  readCancel(response: WireResponse, context: AdapterTaskReadContext): TaskState | undefined;
}

/** The readers of one adapter instance (its region names itself in region-mismatch errors). */
export function createDashScopeReaders(region: DashScopeRegion): DashScopeReaders {
  const wireError = createDashScopeWireError(region);

  /** The create answer: a task id under any name, enveloped or not, with any HTTP status. */
  const readCreate = (response: WireResponse, context: AdapterReadContext): AdapterCreateAnswer =>
    readCreateAnswer(response, context, {
      wireError,
      readState: (data, readContext) => {
        const task = asObject(data);
        return task && wordOf(taskOf(task)) !== undefined ? readTask(task, readContext) : undefined;
      },
    });

  /** A status answer: the task through any envelope (or an error status that still carries the task). */
  const readStatus = (response: WireResponse, context: AdapterTaskReadContext): TaskState =>
    readTask(readTaskAnswer(response, { wireError }), context, context.ref);

  /**
   * A cancel answer: DashScope's success is `{request_id}` alone ([MS-TASKS], corpus 026), so no state (core then
   * reads the status); a relay that answers with the task is read as one. The 400 `UnsupportedOperation` of a
   * task that is no longer PENDING (corpus 005) says so.
   */
  const readCancel = (response: WireResponse, context: AdapterTaskReadContext): TaskState | undefined => {
    if (response.status >= 200 && response.status < 300) {
      const json = readJson(response);
      if (!json.ok) return undefined;
      const envelope = readEnvelope(json.value);
      if (envelope.wrapped && !envelope.ok) throw wireError(response, json.value);
      const task = asObject(envelope.data);
      return task && hasStatusWord(task) ? readTask(task, context, context.ref) : undefined;
    }
    const error = wireError(response);
    if (error.providerCode !== 'UnsupportedOperation') throw error;
    throw error.with({
      message: `${error.message} (DashScope cancels only PENDING tasks; this one has started or ended: read its status)`,
    });
  };

  return { wireError, readCreate, readStatus, readCancel };
}
