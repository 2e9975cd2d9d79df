import { z } from 'zod';
import type { ErrorKind } from '../errors/error-kind.js';
import { type RequestKind, type Resolution, requestKinds } from './request.js';
import type { Warning } from './warning.js';

export const taskStatuses = ['queued', 'running', 'succeeded', 'failed', 'canceled', 'unknown'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const terminalStatuses: ReadonlySet<TaskStatus> = new Set(['succeeded', 'failed', 'canceled']);
export const isTerminal = (status: TaskStatus): boolean => terminalStatuses.has(status);

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Everything needed to poll a task from another process or after a restart. Plain JSON: it survives
 * `JSON.parse(JSON.stringify(ref))` and holds no secret.
 */
export interface TaskRef {
  readonly spec: 'wankit.task/v1';
  /** Adapter id, e.g. `native`, `v2`, `generate-task`. */
  readonly adapter: string;
  readonly taskId: string;
  /** Canonical Wan model id. */
  readonly model: string;
  /** The provider's own model id (generateTask needs it in its status path). */
  readonly providerModel: string;
  readonly kind: RequestKind;
  /** ISO 8601. */
  readonly submittedAt: string;
  /** The base URL the task was submitted to; keys are never stored here. */
  readonly baseUrl?: string;
  /** Tier and duration, for scheduling polls. */
  readonly resolution?: Resolution;
  readonly durationSeconds?: number;
  /** Adapter-specific extras (plain JSON). */
  readonly meta?: Readonly<Record<string, JsonValue>>;
}

export const taskRefSchema = z.object({
  spec: z.literal('wankit.task/v1'),
  adapter: z.string().min(1),
  taskId: z.string().min(1),
  model: z.string().min(1),
  providerModel: z.string().min(1),
  kind: z.enum(requestKinds),
  submittedAt: z.string().min(1),
  baseUrl: z.string().optional(),
  resolution: z.enum(['480p', '720p', '1080p']).optional(),
  durationSeconds: z.number().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
}) as z.ZodType<TaskRef>;

export interface TaskOutput {
  readonly kind: 'video' | 'image';
  readonly url: string;
  /** ISO 8601, when the provider documents a lifetime for result URLs. */
  readonly expiresAt?: string;
}

export interface TaskUsage {
  /** Cost as the provider reports it, or as a price table estimates it (`estimated: true`). */
  readonly cost?: number;
  readonly currency?: string;
  /** The cost is wankit's estimate from the provider's published prices; the provider reported none. */
  readonly estimated?: boolean;
  readonly discount?: number;
  /** Provider-reported processing time. */
  readonly processingMs?: number;
  readonly videoSeconds?: number;
  readonly outputCount?: number;
  /** Anything else the provider sent, untouched. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export interface TaskFailure {
  readonly kind: ErrorKind;
  /** The provider's code, as a string. */
  readonly code?: string;
  readonly message: string;
}

export interface TaskTimings {
  readonly createdAt?: string;
  readonly startedAt?: string;
  readonly completedAt?: string;
  /** When this snapshot was taken (client clock). */
  readonly observedAt: string;
}

/** A task's state at one moment, in neutral terms. */
export interface TaskSnapshot {
  readonly ref: TaskRef;
  readonly status: TaskStatus;
  /** The provider's own status word. */
  readonly providerStatus?: string;
  /** 0..1 when the provider reports it. */
  readonly progress?: number;
  readonly outputs: readonly TaskOutput[];
  readonly usage?: TaskUsage;
  readonly error?: TaskFailure;
  readonly timings: TaskTimings;
  /** What the reader tolerated in this answer (e.g. a success that carried no output URL). */
  readonly warnings?: readonly Warning[];
  /** The parsed wire body, for debugging. */
  readonly raw?: unknown;
}
