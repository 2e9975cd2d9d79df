import type { TaskFailure, TaskOutput, TaskRef, TaskSnapshot, TaskUsage } from '@wankit/core';
import { nativeTaskErrorKind, readNativeError } from './native-error-table.js';
import { nativeStatus } from './native-status-table.js';
import type { NativeTask } from './native-wire-schemas.js';

// Turns a parsed native task object into a neutral snapshot (statuses and errors via the two tables).

function outputKind(type: string | undefined, ref: TaskRef): TaskOutput['kind'] | undefined {
  const word = type?.toLowerCase();
  if (word === 'video' || word === 'video_url') return 'video';
  if (word === 'image' || word === 'image_url') return 'image';
  // No type given: the request kind decides. Audio tracks have no neutral output kind.
  if (word === undefined) return ref.kind === 'text-to-image' ? 'image' : 'video';
  return undefined;
}

function outputs(task: NativeTask, ref: TaskRef): TaskOutput[] {
  return (task.output ?? []).flatMap((item) =>
    item.content.flatMap((content) => {
      const kind = outputKind(content.type, ref);
      return kind ? [{ kind, url: content.url }] : [];
    }),
  );
}

/** `usage.cost` is a decimal string of USD (seeds 000–002); `discount` a number. */
function usage(task: NativeTask): TaskUsage | undefined {
  if (!task.usage) return undefined;
  const { cost, discount, quantity, unit_price, extra_info } = task.usage;
  const amount = typeof cost === 'string' ? Number.parseFloat(cost) : cost;
  const extra = Object.fromEntries(
    Object.entries({ quantity, unit_price, extra_info }).filter(([, value]) => value !== undefined),
  );
  return {
    ...(amount === undefined || Number.isNaN(amount) ? {} : { cost: amount, currency: 'USD' }),
    ...(discount === undefined ? {} : { discount }),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}

function failure(task: NativeTask): TaskFailure {
  const { code, message } = readNativeError(task.error);
  const text = message ?? 'the task failed without an error message';
  return { kind: nativeTaskErrorKind(code, text), ...(code === undefined ? {} : { code }), message: text };
}

// `created_at` and `metadata.*` units are undocumented (wire-formats §1.10 item 5): INFERRED unix
// seconds, taken as milliseconds when the figure is too large to be seconds.
function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  return new Date(value < 1e12 ? value * 1000 : value).toISOString();
}

export function nativeSnapshot(task: NativeTask, ref: TaskRef, now: Date, raw: unknown): TaskSnapshot {
  // Seed 002 lists the status word beside `output`'s content; the gateway puts it at the top level.
  const wireStatus = task.status ?? task.output?.[0]?.status;
  const status = nativeStatus(wireStatus);
  const progress =
    status === 'succeeded'
      ? 1
      : task.progress !== undefined && task.progress >= 0 && task.progress <= 1
        ? task.progress
        : undefined;
  const createdAt = isoTime(task.created_at);
  const startedAt = isoTime(task.metadata?.in_queue_at);
  const completedAt = isoTime(task.metadata?.completed_at);
  const taskUsage = usage(task);
  return {
    ref,
    status,
    ...(wireStatus === undefined ? {} : { providerStatus: wireStatus }),
    ...(progress === undefined ? {} : { progress }),
    outputs: status === 'succeeded' ? outputs(task, ref) : [],
    ...(taskUsage ? { usage: taskUsage } : {}),
    ...(status === 'failed' ? { error: failure(task) } : {}),
    timings: {
      ...(createdAt ? { createdAt } : {}),
      ...(startedAt ? { startedAt } : {}),
      ...(completedAt ? { completedAt } : {}),
      observedAt: now.toISOString(),
    },
    raw,
  };
}
