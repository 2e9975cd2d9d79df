import { asObject, textOf } from './json-object.js';

// Names real APIs give a task id, most specific first; `id` alone is only trusted after these.
const taskIdKeys = ['task_id', 'taskId', 'taskID', 'TaskId', 'job_id', 'jobId', 'request_task_id'] as const;
// Where answers nest the task: DashScope `output`, relays `data`, some `result`/`task`.
const containerKeys = ['data', 'output', 'result', 'task', 'response'] as const;

function containers(body: unknown, depth = 3): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  let level = [body];
  for (let i = 0; i <= depth && level.length > 0; i++) {
    const next: unknown[] = [];
    for (const value of level) {
      const object = asObject(value);
      if (!object) continue;
      found.push(object);
      for (const key of containerKeys) if (key in object) next.push(object[key]);
    }
    level = next;
  }
  return found;
}

/**
 * The task id of an answer, under any name real APIs use (`task_id`, `taskId`, `id`, …), at the top
 * level or nested in `data`/`output`/`result`/`task`. Specific names anywhere win over a bare `id`.
 * `undefined` when there is none: only then is a create's outcome unknown.
 */
export function findTaskId(
  body: unknown,
  options: { extraKeys?: readonly string[]; strict?: boolean } = {},
): string | undefined {
  const objects = containers(body);
  const named = [...(options.extraKeys ?? []), ...taskIdKeys];
  // `strict`: only names that say "task" (a bare `id` may be a request id).
  for (const keys of options.strict ? [named] : [named, ['id']]) {
    for (const object of objects) {
      for (const key of keys) {
        const id = textOf(object[key]);
        if (id !== undefined) return id;
      }
    }
  }
  return undefined;
}
