import type { FileStore } from '../files/file-store.js';
import type { TaskPlan } from '../models/sized-model.js';
import { type ResolvedOptions, WIRE_FORMATS, type WireFormat } from '../options.js';
import { createRandom, type Random, streamSeed } from '../random.js';
import {
  type FailureReason,
  type ResultFile,
  type SimTask,
  statusOf,
  TASK_STATUSES,
  type TaskStatus,
} from './task.js';

export interface NewTask {
  readonly format: WireFormat;
  readonly model: string;
  readonly plan: TaskPlan;
  readonly callbackUrl?: string;
  /** The format's task-id spelling. */
  readonly newId: (random: Random) => string;
  /** The task may not start before this instant (a provider that queues work beyond a concurrency cap). */
  readonly notBefore?: number;
}

/** How long a content-policy rejection takes once the task starts, at timeScale 1 (moderation fails fast;
 * the DashScope failed fixture ends 2 s after scheduling). */
const CONTENT_POLICY_MS = 2_000;

/** Holds every task, decides each one's timing and outcome at creation (from the seed), and answers the
 * concurrency questions the limiter asks. */
export class TaskStore {
  private readonly tasks = new Map<string, SimTask>();
  /** Per format, tasks whose end is still in the future (pruned lazily). */
  private active = emptyActive();
  private timing: Random;
  private ids: Random;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly files: FileStore,
  ) {
    this.timing = createRandom(streamSeed(options.seed, 'timing'));
    this.ids = createRandom(streamSeed(options.seed, 'task-ids'));
  }

  create(request: NewTask): SimTask {
    const { options } = this;
    const now = options.clock.now();
    // Always draw the same three numbers so one task's branch never shifts the next task's timing.
    const [min, max] = options.durations[request.plan.tier];
    const drawnSeconds = this.timing.between(min, max);
    const queueShare = this.timing.between(0.05, 0.15);
    const failed = this.timing.next() < options.failureRate;
    // Whole milliseconds keep wire timestamps and test expectations exact.
    const totalMs = options.instantCompletion ? 0 : Math.round(drawnSeconds * 1000 * options.timeScale);
    const queueMs = Math.round(totalMs * queueShare);

    const failure = this.failureFor(request.plan.prompt, failed);
    const startAt = Math.max(now + queueMs, request.notBefore ?? now);
    const runMs = totalMs - queueMs;
    const endAt =
      failure === 'content_policy'
        ? startAt + Math.min(runMs, Math.round(CONTENT_POLICY_MS * options.timeScale))
        : failure === 'generation'
          ? startAt + Math.round(runMs / 2)
          : startAt + runMs;

    let id = request.newId(this.ids);
    while (this.tasks.has(key(request.format, id))) id = request.newId(this.ids);
    const task: SimTask = {
      id,
      format: request.format,
      model: request.model,
      plan: request.plan,
      createdAt: now,
      startAt,
      endAt,
      failure,
      files: failure ? [] : this.resultFiles(request.format, request.plan, endAt),
      jobId: this.ids.uuid(),
      callbackUrl: request.callbackUrl,
      progressCurve: options.progressCurve,
    };
    this.tasks.set(key(task.format, id), task);
    if (endAt > now) this.active[task.format].push(task);
    return task;
  }

  get(format: WireFormat, id: string): SimTask | undefined {
    return this.tasks.get(key(format, id));
  }

  list(): SimTask[] {
    return [...this.tasks.values()];
  }

  /** Cancels a queued task; false when it is not queued (running, finished or already canceled). */
  cancel(format: WireFormat, id: string): boolean {
    const task = this.get(format, id);
    const now = this.options.clock.now();
    if (!task || statusOf(task, now) !== 'queued') return false;
    task.canceledAt = now;
    return true;
  }

  /** Tasks of this format not yet finished, and the soonest instant one of them finishes. */
  running(format: WireFormat): { readonly count: number; readonly nextEndAt: number | undefined } {
    const now = this.options.clock.now();
    const still = this.active[format].filter((task) => task.endAt > now && task.canceledAt === undefined);
    this.active[format] = still;
    const nextEndAt = still.reduce<number | undefined>(
      (soonest, task) => Math.min(soonest ?? task.endAt, task.endAt),
      undefined,
    );
    return { count: still.length, nextEndAt };
  }

  countByState(): Record<WireFormat, Record<TaskStatus, number>> {
    const now = this.options.clock.now();
    const out = {} as Record<WireFormat, Record<TaskStatus, number>>;
    for (const format of WIRE_FORMATS) {
      out[format] = Object.fromEntries(TASK_STATUSES.map((state) => [state, 0])) as Record<
        TaskStatus,
        number
      >;
    }
    for (const task of this.tasks.values()) out[task.format][statusOf(task, now)]++;
    return out;
  }

  reset(): void {
    this.tasks.clear();
    this.active = emptyActive();
    this.timing = createRandom(streamSeed(this.options.seed, 'timing'));
    this.ids = createRandom(streamSeed(this.options.seed, 'task-ids'));
  }

  private failureFor(prompt: string, rolledFailure: boolean): FailureReason | undefined {
    if (prompt.includes(this.options.contentPolicyMarker)) return 'content_policy';
    if (prompt.includes(this.options.failureMarker) || rolledFailure) return 'generation';
    return undefined;
  }

  private resultFiles(format: WireFormat, plan: TaskPlan, endAt: number): ResultFile[] {
    const { options } = this;
    const expiresAt = endAt + options.resultTtlMs[format] * options.timeScale;
    const video = plan.tier !== 'image';
    return Array.from({ length: plan.count }, () =>
      this.files.create({
        ext: video ? 'mp4' : 'png',
        availableAt: endAt,
        expiresAt,
        ...(video ? {} : { width: plan.width, height: plan.height }),
        bytes: video ? options.resultBytes.video : options.resultBytes.image,
        // v2 and DashScope hand out DashScope OSS URLs (403 AccessDenied once expired); the others are
        // CDN-style (404).
        expiredStatus: ossUrls(format) ? 403 : 404,
        signed: ossUrls(format),
      }),
    );
  }
}

const ossUrls = (format: WireFormat) => format === 'v2' || format === 'dashscope';

function emptyActive(): Record<WireFormat, SimTask[]> {
  return Object.fromEntries(WIRE_FORMATS.map((format) => [format, []])) as unknown as Record<
    WireFormat,
    SimTask[]
  >;
}

function key(format: WireFormat, id: string): string {
  return `${format}:${id}`;
}
