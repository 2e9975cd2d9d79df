import type { WireResponse } from '../http/transport.js';
import type { AdapterCreateAnswer, AdapterReadContext, TaskState } from '../spec/adapter.js';
import { type EnvelopeOptions, readEnvelope } from './envelope.js';
import { asObject } from './json-object.js';
import { invalidResponse, readJson } from './read-json.js';
import { findTaskId } from './task-id.js';
import { looksLikeError, type WireErrorReader } from './wire-error.js';

export interface AnswerRules extends EnvelopeOptions {
  /** Builds the adapter's typed error for a refusal. */
  readonly wireError: WireErrorReader;
  /** Whether a (unwrapped) body is a task object rather than an error body. Default: it has a status word. */
  readonly isTask?: (body: Record<string, unknown>) => boolean;
  /** More names the provider gives its task id. */
  readonly taskIdKeys?: readonly string[];
}

const statusKeys = ['status', 'task_status', 'taskStatus', 'state', 'State', 'Status'];
const containerKeys = ['output', 'data', 'task', 'result'];

/** A task object has a status word at its top level or one container down. */
export function hasStatusWord(body: Record<string, unknown>): boolean {
  if (statusKeys.some((key) => typeof body[key] === 'string')) return true;
  return containerKeys.some((key) => {
    const inner = asObject(body[key]);
    return inner !== undefined && statusKeys.some((word) => typeof inner[word] === 'string');
  });
}

const ok = (response: WireResponse) => response.status >= 200 && response.status < 300;

/**
 * The parsed body of an answer, through its envelope. Throws the adapter's typed error for a refusal
 * (an error status whose body is not a task, or an envelope reporting failure) and `invalid_response`
 * for a 2xx body that is not JSON.
 */
function unwrap(response: WireResponse, rules: AnswerRules): { data: unknown; body: unknown } {
  const json = readJson(response);
  if (!json.ok) {
    if (!ok(response)) throw rules.wireError(response);
    throw invalidResponse(response, json.reason);
  }
  const envelope = readEnvelope(json.value, rules);
  if (envelope.wrapped && !envelope.ok) throw rules.wireError(response, json.value);
  return { data: envelope.data, body: json.value };
}

/**
 * Reads a create answer by the rule "a task the provider took is never lost": a task id under any name,
 * in any envelope, with any HTTP status, makes the task submitted (with the state it carries, read by
 * `readState`). With no readable id: an error status or a failing envelope is the provider's refusal; a
 * 2xx is `invalid_response`, which core judges an unknown outcome (`submit_uncertain`).
 */
export function readCreateAnswer(
  response: WireResponse,
  context: AdapterReadContext,
  rules: AnswerRules & {
    readonly readState?: (data: unknown, context: AdapterReadContext) => TaskState | undefined;
  },
): AdapterCreateAnswer {
  const json = readJson(response);
  const raw = json.ok ? json.value : undefined;
  const envelope = json.ok ? readEnvelope(raw, rules) : undefined;
  const data = envelope?.data;
  const taskId =
    findTaskId(data, { extraKeys: rules.taskIdKeys }) ?? findTaskId(raw, { extraKeys: rules.taskIdKeys });
  // On an error status only a task object counts (a status word beside the id, or an id named as a task's):
  // a plain error body's `id` is a request id, not a task the provider took.
  const isTaskObject = (body: unknown) => {
    const object = asObject(body);
    return (
      object !== undefined &&
      (hasStatusWord(object) ||
        findTaskId(object, { strict: true, extraKeys: rules.taskIdKeys }) !== undefined)
    );
  };
  if (taskId !== undefined && (ok(response) || isTaskObject(data) || isTaskObject(raw))) {
    const state = rules.readState?.(data, context);
    return { taskId, ...(state ? { state } : {}) };
  }
  if (!ok(response) || looksLikeError(raw)) throw rules.wireError(response, raw);
  throw invalidResponse(response, json.ok ? 'the create answer carries no task id' : json.reason);
}

/**
 * The task object of a status or cancel answer, through its envelope. An error status whose body is
 * still a task object (a gateway timeout reporting the task running) is read as the task.
 */
export function readTaskAnswer(response: WireResponse, rules: AnswerRules): Record<string, unknown> {
  const isTask = rules.isTask ?? hasStatusWord;
  if (!ok(response)) {
    const json = readJson(response);
    const envelope = json.ok ? readEnvelope(json.value, rules) : undefined;
    const task = asObject(envelope?.ok ? envelope.data : undefined);
    // A gateway timeout reporting the task still running is the task; a proxy's `{status: "failed"}` page
    // without the task's id is not (it would end a running task).
    if (task && isTask(task) && findTaskId(task, { extraKeys: rules.taskIdKeys }) !== undefined) return task;
    throw rules.wireError(response, json.ok ? json.value : undefined);
  }
  const { data } = unwrap(response, rules);
  const task = asObject(data);
  if (!task) throw invalidResponse(response, 'the answer is not a JSON object');
  if (!isTask(task)) {
    // An error object sent with HTTP 200 is a refusal; anything else is unreadable.
    if (looksLikeError(task)) throw rules.wireError(response, task);
    throw invalidResponse(response, 'the answer carries no task status');
  }
  return task;
}
