import type { TaskFailure, TaskOutput, TaskRef, TaskSnapshot, TaskUsage, WankitError } from '@wankit/core';
import { failCodeKind } from './generate-task-error-table.js';
import { toNeutralStatus } from './generate-task-status-table.js';
import { type TaskData, taskDataSchema, taskResultSchema } from './generate-task-wire-schemas.js';

/** Result URLs stay valid for 15 days (seed 004, "Video expiration"). */
export const resultTtlMs = 15 * 24 * 60 * 60 * 1000;

/**
 * Task data (status response or callback) → a neutral snapshot. Throws `invalid_response` (via `invalid`)
 * on data that breaks the contract: missing fields, another task's id, an unreadable `resultJson`.
 */
export function toSnapshot(
  data: unknown,
  ref: TaskRef,
  now: Date,
  raw: unknown,
  invalid: (reason: string) => WankitError,
): TaskSnapshot {
  const parsed = taskDataSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(`data.${issue.path.join('.')}: ${issue.message}`);
  }
  const task = parsed.data;
  if (task.taskId !== ref.taskId) throw invalid(`data.taskId ${task.taskId} is not the task asked for`);
  const status = toNeutralStatus(task.state);
  const outputs = status === 'succeeded' ? readOutputs(task, invalid) : [];
  const error = status === 'failed' ? readFailure(task) : undefined;
  const usage: TaskUsage | undefined = task.costTime != null ? { processingMs: task.costTime } : undefined;
  return {
    ref,
    status,
    providerStatus: task.state,
    outputs,
    ...(usage ? { usage } : {}),
    ...(error ? { error } : {}),
    timings: {
      ...(task.createTime != null ? { createdAt: isoFromMs(task.createTime, invalid) } : {}),
      ...(task.completeTime != null ? { completedAt: isoFromMs(task.completeTime, invalid) } : {}),
      observedAt: now.toISOString(),
    },
    raw,
  };
}

// `resultJson` is a JSON document inside a string (wire-formats §3.5): parse it without trusting it.
function readOutputs(task: TaskData, invalid: (reason: string) => WankitError): TaskOutput[] {
  if (task.resultJson == null) throw invalid('a successful task has no resultJson');
  let document: unknown;
  try {
    document = JSON.parse(task.resultJson);
  } catch (cause) {
    throw invalid(`resultJson is not valid JSON (${(cause as Error).message})`);
  }
  const result = taskResultSchema.safeParse(document);
  if (!result.success) throw invalid('resultJson holds no resultUrls array of strings');
  // The lifetime counts from completion; without completeTime the creation time gives a safe (early) bound.
  const from = task.completeTime ?? task.createTime;
  const expiresAt = from != null ? new Date(from + resultTtlMs).toISOString() : undefined;
  return result.data.resultUrls.map((url) => ({ kind: 'video', url, ...(expiresAt ? { expiresAt } : {}) }));
}

function readFailure(task: TaskData): TaskFailure {
  return {
    kind: failCodeKind(task.failCode ?? undefined),
    ...(task.failCode ? { code: task.failCode } : {}),
    message:
      task.failMsg || (task.failCode ? `task failed with ${task.failCode}` : 'task failed (no reason given)'),
  };
}

function isoFromMs(ms: number, invalid: (reason: string) => WankitError): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) throw invalid(`timestamp ${ms} is not unix milliseconds`);
  return date.toISOString();
}
