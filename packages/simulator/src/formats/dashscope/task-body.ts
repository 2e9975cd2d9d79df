import { type SimTask, statusOf, type TaskStatus } from '../../lifecycle/task.js';
import type { DashScopeEndpoint, DashScopeModel } from '../../models/dashscope-models.js';
import { TIER_SIZES, type VideoTier } from '../../models/model-rules.js';
import { IMAGE_FAILURE, TASK_FAILURES } from './errors.js';
import type { CreateDraft } from './validate.js';

/** What the DashScope format keeps about a task beside the store's `SimTask`. */
export interface DashScopeTaskInfo {
  readonly model: DashScopeModel;
  readonly endpoint: DashScopeEndpoint;
  readonly draft: CreateDraft;
  /** The create's `request_id` (the task list reports it). */
  readonly requestId: string;
}

/** Wire words ([MS-TASKS], wire-formats §4.6); `UNKNOWN` is answered by the status route itself. */
export const WIRE_STATUS: Readonly<Record<TaskStatus, string>> = {
  queued: 'PENDING',
  running: 'RUNNING',
  succeeded: 'SUCCEEDED',
  failed: 'FAILED',
  canceled: 'CANCELED',
};

const CHINA_OFFSET_MS = 8 * 3_600_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * `YYYY-MM-DD HH:mm:ss.SSS` in China time. The zone is not stated anywhere (INFERRED; LiteLLM parses it as
 * UTC+8), and the real captures agree: corpus 010's `submit_time` "2026-01-07 20:42:59.146"
 * was answered with `date: Wed, 07 Jan 2026 12:42:59 GMT`.
 */
export function chinaTime(ms: number): string {
  const d = new Date(ms + CHINA_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
  );
}

const SR: Readonly<Record<VideoTier, number>> = { '480p': 480, '720p': 720, '1080p': 1080 };

/**
 * `usage` of a succeeded task, per family, with the key order of the doc examples:
 * legacy t2v/i2v corpus 011 (real) `{video_duration, video_ratio, video_count}`; kf2v [MS-KF2V]
 * `{video_duration, video_count, SR}`; wan2.6 t2v [MS-T2V26] `{duration, size, input_video_duration,
 * output_video_duration, video_count, SR}`; wan2.6 i2v [MS-I2V26] the same without `size`; wan2.6 r2v [MS-R2V26]
 * with input seconds; wan2.7 t2v [MS-T2V27] `{…, video_count, ratio, SR}`; wan2.7 i2v [MS-I2V27]; wan2.7 r2v
 * [MS-R2V27] `{…, video_count, SR, ratio}`; images `{image_count}` of the successful images ([MS-TASKS]).
 */
export function usageOf(info: DashScopeTaskInfo, task: SimTask): Record<string, unknown> {
  const { draft } = info;
  const { plan } = task;
  if (info.model.usage === 'image') return { image_count: plan.count - draft.failedImages };
  const tier = plan.tier as VideoTier;
  const out = plan.durationSeconds ?? 5;
  const input = draft.inputVideoSeconds;
  const sr = SR[tier];
  switch (info.model.usage) {
    case 'legacy':
      // i2v follows the image's aspect, which the simulator does not read: the tier's landscape size (INFERRED)
      return { video_duration: out, video_ratio: draft.size ?? TIER_SIZES[tier][0], video_count: 1 };
    case 'kf2v':
      return { video_duration: out, video_count: 1, SR: sr };
    case 'wan26-t2v':
      return {
        duration: out,
        size: draft.size,
        input_video_duration: 0,
        output_video_duration: out,
        video_count: 1,
        SR: sr,
      };
    case 'wan26-i2v':
      return { duration: out, input_video_duration: 0, output_video_duration: out, video_count: 1, SR: sr };
    case 'wan26-r2v':
      return {
        duration: input + out,
        size: draft.size,
        input_video_duration: input,
        output_video_duration: out,
        video_count: 1,
        SR: sr,
      };
    case 'wan27-t2v':
      return {
        duration: out,
        input_video_duration: 0,
        output_video_duration: out,
        video_count: 1,
        ratio: draft.ratio,
        SR: sr,
      };
    case 'wan27-i2v':
      return { duration: out, input_video_duration: 0, output_video_duration: out, video_count: 1, SR: sr };
    case 'wan27-r2v':
      return {
        duration: input + out,
        input_video_duration: input,
        output_video_duration: out,
        video_count: 1,
        SR: sr,
        ratio: draft.ratio,
      };
  }
}

/**
 * `actual_prompt` (the rewritten prompt of `prompt_extend`) appears in the real legacy capture (corpus 011), the
 * kf2v and text-to-image examples, but not in the wan2.6/wan2.7 examples ([MS-T2V26], [MS-I2V27], corpus 027).
 * The simulator's rewrite is its own text.
 */
function actualPrompt(info: DashScopeTaskInfo): string | undefined {
  const { draft, model } = info;
  const rewrites = model.usage === 'legacy' || model.usage === 'kf2v' || model.usage === 'image';
  if (!rewrites || !draft.promptExtend || draft.prompt === '') return undefined;
  return model.usage === 'image'
    ? `${draft.prompt}, highly detailed, soft natural light, balanced composition.`
    : `${draft.prompt} Cinematic lighting, smooth camera movement, rich detail, natural motion.`;
}

function imageMetrics(total: number, failed: number) {
  return { TOTAL: total, SUCCEEDED: total - failed, FAILED: failed };
}

/**
 * `GET /api/v1/tasks/{id}` for a task that exists (wire-formats §4.5, [MS-TASKS], corpus 010-013, 025-028):
 * PENDING has `submit_time`; RUNNING adds `scheduled_time`; an end adds `end_time`; image tasks carry
 * `task_metrics` at every state (corpus 002, 013). The times of FAILED and CANCELED tasks are not shown in any
 * example (INFERRED: the same fields as a success, and `end_time` = the cancel).
 */
export function taskOutput(
  task: SimTask,
  info: DashScopeTaskInfo,
  now: number,
): { output: Record<string, unknown>; usage?: Record<string, unknown> } {
  const status = statusOf(task, now);
  const image = info.model.usage === 'image';
  const total = task.plan.count;
  const output: Record<string, unknown> = {
    task_id: task.id,
    task_status: WIRE_STATUS[status],
    submit_time: chinaTime(task.createdAt),
  };
  if (status === 'canceled') {
    output.end_time = chinaTime(task.canceledAt!);
    if (image) output.task_metrics = imageMetrics(total, 0);
    return { output };
  }
  if (status !== 'queued') output.scheduled_time = chinaTime(task.startAt);
  if (status === 'succeeded' || status === 'failed') output.end_time = chinaTime(task.endAt);
  if (status === 'failed') {
    Object.assign(output, TASK_FAILURES[task.failure!]);
    if (image) output.task_metrics = imageMetrics(total, total);
    return { output };
  }
  if (status !== 'succeeded') {
    if (image) output.task_metrics = { TOTAL: total, SUCCEEDED: 0, FAILED: 0 };
    return { output };
  }
  const { prompt } = info.draft;
  const rewritten = actualPrompt(info);
  if (image) {
    const failedFrom = total - info.draft.failedImages;
    output.results = task.files.map((file, index) =>
      index >= failedFrom
        ? { ...IMAGE_FAILURE }
        : { orig_prompt: prompt, ...(rewritten ? { actual_prompt: rewritten } : {}), url: file.url },
    );
    output.task_metrics = imageMetrics(total, info.draft.failedImages);
  } else {
    if (prompt !== '') output.orig_prompt = prompt;
    output.video_url = task.files[0]!.url;
    if (rewritten) output.actual_prompt = rewritten;
  }
  return { output, usage: usageOf(info, task) };
}
