import { type SimTask, statusOf } from '../../lifecycle/task.js';
import type { DashScopeEndpoint } from '../../models/dashscope-models.js';
import { refuse } from './errors.js';
import { type DashScopeTaskInfo, WIRE_STATUS } from './task-body.js';

/**
 * `GET /api/v1/tasks/` ([MS-TASKS]): filters `task_id`, `start_time`/`end_time`
 * (`YYYYMMDDhhmmss`, read as China time like the task times (INFERRED), a window of at most 24 h, the last 24 h
 * by default), `model_name`, `status`, `page_no` (1), `page_size` (10). Items and answer keys are in the
 * doc example's order; the account fields are fixed stand-ins. Newest first (INFERRED).
 */

const DAY = 24 * 3_600_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

// the `user_api_unique_key` groups of the doc example ("apikey:v1:aigc:image2video:video-synthesis:…")
const API_KEYS: Readonly<Record<DashScopeEndpoint, string>> = {
  'video-generation': 'aigc:video-generation:video-synthesis',
  image2video: 'aigc:image2video:video-synthesis',
  text2image: 'aigc:text2image:image-synthesis',
};

export interface ListedTask {
  readonly task: SimTask;
  readonly info: DashScopeTaskInfo;
}

function parseTime(field: string, value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!match) refuse(400, 'InvalidParameter', `${field} should be in the format YYYYMMDDhhmmss: ${field}`);
  const [, y, mo, d, h, mi, s] = match!.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - CHINA_OFFSET_MS;
}

function positive(field: string, value: string | null, fallback: number): number {
  if (value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    refuse(400, 'InvalidParameter', `Input should be greater than 0: ${field}`);
  return n;
}

/** The list answer in the doc example's key order (`total, data, total_page, page_no, request_id, page_size`).
 * Throws `Refusal`. */
export function listTasks(
  query: URLSearchParams,
  tasks: readonly ListedTask[],
  now: number,
  requestId: string,
): Record<string, unknown> {
  let start = parseTime('start_time', query.get('start_time'));
  let end = parseTime('end_time', query.get('end_time'));
  if (start === undefined && end === undefined) end = now;
  if (start === undefined) start = end! - DAY;
  if (end === undefined) end = start + DAY;
  if (end - start > DAY || end < start) {
    refuse(
      400,
      'InvalidParameter',
      'The time range between start_time and end_time must be within 24 hours.',
    );
  }
  const pageNo = positive('page_no', query.get('page_no'), 1);
  const pageSize = positive('page_size', query.get('page_size'), 10);
  const taskId = query.get('task_id');
  const model = query.get('model_name');
  const status = query.get('status');
  const matching = tasks
    .filter(({ task, info }) => {
      if (task.createdAt < start! || task.createdAt > end!) return false;
      if (taskId && task.id !== taskId) return false;
      if (model && info.model.id !== model) return false;
      return !status || WIRE_STATUS[statusOf(task, now)] === status;
    })
    .sort((a, b) => b.task.createdAt - a.task.createdAt);
  const data = matching.slice((pageNo - 1) * pageSize, pageNo * pageSize).map(({ task, info }) => {
    const state = statusOf(task, now);
    const started = state !== 'queued' && state !== 'canceled';
    const ended = state === 'succeeded' || state === 'failed' || state === 'canceled';
    return {
      api_key_id: '100001',
      caller_parent_id: '1000000000000000',
      caller_uid: '1000000000000000',
      ...(ended ? { end_time: task.canceledAt ?? task.endAt } : {}),
      gmt_create: task.createdAt,
      model_name: info.model.id,
      region: 'cn-beijing',
      request_id: info.requestId,
      ...(started ? { start_time: task.startAt } : {}),
      status: WIRE_STATUS[state],
      task_id: task.id,
      user_api_unique_key: `apikey:v1:${API_KEYS[info.endpoint]}:${info.model.id}`,
    };
  });
  return {
    total: matching.length,
    data,
    total_page: Math.ceil(matching.length / pageSize),
    page_no: pageNo,
    request_id: requestId,
    page_size: pageSize,
  };
}
