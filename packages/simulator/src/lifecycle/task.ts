import type { TaskPlan } from '../models/sized-model.js';
import type { WireFormat } from '../options.js';
import { type ProgressCurve, progressAt } from './progress-curve.js';

export type TaskState = 'queued' | 'running' | 'succeeded' | 'failed';
export const TASK_STATES: readonly TaskState[] = ['queued', 'running', 'succeeded', 'failed'];

/** A task's state including cancellation, which only a format with a cancel endpoint (DashScope) produces. */
export type TaskStatus = TaskState | 'canceled';
export const TASK_STATUSES: readonly TaskStatus[] = [...TASK_STATES, 'canceled'];

/** `content_policy`: the prompt carried the marker. `generation`: the failure marker or `failureRate`. */
export type FailureReason = 'content_policy' | 'generation';

/** A result file behind a result URL: servable from the task's end until `expiresAt`. */
export interface ResultFile {
  readonly id: string;
  readonly ext: 'mp4' | 'png';
  readonly availableAt: number;
  readonly expiresAt: number;
  /** PNG frame; the MP4 is always the shipped 160x90 sample. */
  readonly width?: number;
  readonly height?: number;
  /** Padded size for download benchmarks; the natural size when absent. */
  readonly bytes?: number;
  /** 403 with an OSS-style XML body after expiry (v2, DashScope OSS URLs); 404 otherwise. */
  readonly expiredStatus: 403 | 404;
  readonly url: string;
}

/** Everything about a task is decided when it is created; its state at any instant is derived from the clock. */
export interface SimTask {
  readonly id: string;
  readonly format: WireFormat;
  /** The provider's model id as sent (native `wan26_t2v`, v2 `wan2.6-t2v`, generateTask `wan-2-5`). */
  readonly model: string;
  readonly plan: TaskPlan;
  readonly createdAt: number;
  readonly startAt: number;
  readonly endAt: number;
  readonly failure: FailureReason | undefined;
  readonly files: readonly ResultFile[];
  /** An upstream job id (native `jobId`). */
  readonly jobId: string;
  readonly callbackUrl: string | undefined;
  /** Set when the task was canceled while queued (DashScope `POST /api/v1/tasks/{id}/cancel`). */
  canceledAt?: number;
  /** How its progress figure moves while it runs. */
  readonly progressCurve: ProgressCurve;
}

export interface TaskPhase {
  readonly state: TaskState;
  /** 0..1, along the task's progress curve. */
  readonly progress: number;
}

export function phaseOf(task: SimTask, now: number): TaskPhase {
  if (now >= task.endAt) return { state: task.failure ? 'failed' : 'succeeded', progress: 1 };
  if (now < task.startAt) return { state: 'queued', progress: 0 };
  return {
    state: 'running',
    progress: progressAt(task.progressCurve, (now - task.startAt) / (task.endAt - task.startAt)),
  };
}

/** The task's state, canceled included (a task can only be canceled while queued, at `canceledAt`). */
export function statusOf(task: SimTask, now: number): TaskStatus {
  return task.canceledAt !== undefined ? 'canceled' : phaseOf(task, now).state;
}
