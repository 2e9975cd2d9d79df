// Reads /v2 answers into neutral values. Status words and error signals go through the two tables.
import {
  invalidResponse,
  readJson,
  type TaskOutput,
  type TaskRef,
  type TaskSnapshot,
  type TaskTimings,
  type WireResponse,
} from '@wankit/core';
import { errorFromResponse, failureFromReason, readErrorBody } from './v2-error-table.js';
import { mapV2Status } from './v2-status-table.js';
import { createResponseSchema, taskSchema, type V2TaskBody } from './v2-wire-schemas.js';

/** DashScope result URLs live ~24 h (INFERRED for /v2, which passes them through: wire-formats.md §2.9, §4.9). */
export const resultUrlLifetimeMs = 24 * 60 * 60 * 1000;

const isOk = (response: WireResponse): boolean => response.status >= 200 && response.status < 300;

/** The task id of a create answer `{task_id}`; throws a typed error for anything else. */
export function readCreateResponse(response: WireResponse, now: Date): string {
  if (!isOk(response)) throw errorFromResponse(response, { operation: 'create', now });
  const json = readJson(response);
  if (!json.ok) throw invalidResponse(response, json.reason);
  const parsed = createResponseSchema.safeParse(json.value);
  if (parsed.success) return parsed.data.task_id;
  // A refusal sent with HTTP 200 (new-api error body) is a refusal, not an unreadable answer.
  if (readErrorBody(json.value)) throw errorFromResponse(response, { operation: 'create', now }, json.value);
  throw invalidResponse(response, 'the create answer has no task_id');
}

/** A snapshot of a query answer; throws a typed error for an HTTP error or an unreadable body. */
export function readTaskResponse(response: WireResponse, ref: TaskRef, now: Date): TaskSnapshot {
  if (!isOk(response)) throw errorFromResponse(response, { operation: 'status', now, taskRef: ref });
  const json = readJson(response);
  if (!json.ok) throw invalidResponse(response, json.reason).with({ taskRef: ref });
  const parsed = taskSchema.safeParse(json.value);
  if (!parsed.success || parsed.data.status === undefined || parsed.data.status === null) {
    if (readErrorBody(json.value)) {
      throw errorFromResponse(response, { operation: 'status', now, taskRef: ref }, json.value);
    }
    const reason = parsed.success
      ? 'the task answer has no status'
      : 'the task answer does not match the /v2 task shape';
    throw invalidResponse(response, reason).with({ taskRef: ref });
  }
  const snapshot = toSnapshot(parsed.data, json.value, ref, now);
  if (snapshot.status === 'succeeded' && snapshot.outputs.length === 0) {
    throw invalidResponse(
      response,
      'the task reports SUCCESS but carries no data.output or data.outputs URL',
    ).with({
      taskRef: ref,
    });
  }
  return snapshot;
}

function toSnapshot(task: V2TaskBody, raw: unknown, ref: TaskRef, now: Date): TaskSnapshot {
  const status = mapV2Status(task.status);
  const progress = parseProgress(task.progress);
  const timings = readTimings(task, now);
  const outputs = readOutputs(task, now);
  return {
    ref,
    status,
    providerStatus: task.status ?? '',
    ...(progress === undefined ? {} : { progress }),
    outputs,
    ...(status === 'failed' ? { error: failureFromReason(task.fail_reason) } : {}),
    timings,
    raw,
  };
}

/** `"30%"` → 0.3. A bare number is read in the same unit (percent). */
export function parseProgress(progress: string | number | null | undefined): number | undefined {
  if (progress === null || progress === undefined) return undefined;
  const value = typeof progress === 'number' ? progress : Number.parseFloat(progress.replace('%', '').trim());
  if (!Number.isFinite(value)) return undefined;
  return Math.min(1, Math.max(0, value / 100));
}

// Times are unix seconds; 0 means "not yet" (Y5).
const fromUnixSeconds = (seconds: number | null | undefined): string | undefined =>
  seconds && seconds > 0 ? new Date(seconds * 1000).toISOString() : undefined;

function readTimings(task: V2TaskBody, now: Date): TaskTimings {
  const createdAt = fromUnixSeconds(task.submit_time);
  const startedAt = fromUnixSeconds(task.start_time);
  const completedAt = fromUnixSeconds(task.finish_time);
  return {
    ...(createdAt === undefined ? {} : { createdAt }),
    ...(startedAt === undefined ? {} : { startedAt }),
    ...(completedAt === undefined ? {} : { completedAt }),
    observedAt: now.toISOString(),
  };
}

/** `data.output` (one URL, or an array) and `data.outputs` (an array), de-duplicated in order (Y5, Y6). */
function readOutputs(task: V2TaskBody, now: Date): TaskOutput[] {
  const data = task.data;
  if (!data) return [];
  const items = [
    ...(Array.isArray(data.output) ? data.output : data.output ? [data.output] : []),
    ...(data.outputs ?? []),
  ];
  const urls = [
    ...new Set(items.map((item) => (typeof item === 'string' ? item : item.url)).filter(Boolean)),
  ];
  return urls.map((url) => ({ kind: 'video', url, expiresAt: expiryOf(url, task, now) }));
}

/**
 * When a result URL stops working: the OSS signature's own `Expires` (unix seconds) when the URL carries
 * one, else 24 h after the task finished (or after now) — the DashScope rule, INFERRED for /v2.
 */
export function expiryOf(url: string, task: Pick<V2TaskBody, 'finish_time'>, now: Date): string {
  const expires = safeUrl(url)?.searchParams.get('Expires');
  if (expires && /^\d{9,11}$/.test(expires)) return new Date(Number(expires) * 1000).toISOString();
  const base = task.finish_time && task.finish_time > 0 ? task.finish_time * 1000 : now.getTime();
  return new Date(base + resultUrlLifetimeMs).toISOString();
}

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
