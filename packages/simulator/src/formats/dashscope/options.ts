/** DashScope-only settings of the simulator (`SimulatorOptions.dashscope`). */

export interface DashScopeModelLimits {
  /** Task submissions per second for this model; one more gets 429 `Throttling.RateQuota` + `Retry-After`. */
  requestsPerSecond?: number;
  /** Tasks of this model RUNNING at once; later tasks wait PENDING for a free slot. */
  concurrentTasks?: number;
}

export interface DashScopeOptions {
  /**
   * Per-model limits by model id. They apply whether or not `limits.documented` is set, and override the
   * documented table (: 5 RPS / 5 concurrent for wan2.5 and newer, 2 / 2 for wan2.2 and
   * wanx2.1) that `limits.documented: true` turns on.
   */
  modelLimits?: Readonly<Record<string, DashScopeModelLimits>>;
  /** How long a finished task stays queryable before it reads `UNKNOWN`, at timeScale 1 (scaled). Default 24 h. */
  taskRetentionMs?: number;
  /** How long an `oss://` upload stays usable, at timeScale 1 (scaled). Default 48 h. */
  uploadTtlMs?: number;
  /** Lifetime of an upload policy, in seconds on the simulator clock (not scaled: it is a credential the
   * client uses at once). Default 300, the documented example. */
  policyExpireSeconds?: number;
  /** Largest upload the policy allows, MB. Default 100, the documented example. */
  maxUploadMb?: number;
  /** A text-to-image prompt containing this text loses its last image (n ≥ 2) to `DataInspectionFailed`: a
   * partial failure. Default `[[partial]]`. */
  partialFailureMarker?: string;
}

export interface ResolvedDashScopeOptions {
  readonly modelLimits: Readonly<Record<string, DashScopeModelLimits>>;
  /** `limits.documented`: apply the per-model table [MS-RL] (and getPolicy's 100 QPS). */
  readonly documentedLimits: boolean;
  readonly taskRetentionMs: number;
  readonly uploadTtlMs: number;
  readonly policyExpireSeconds: number;
  readonly maxUploadMb: number;
  readonly partialFailureMarker: string;
}

const HOUR = 3_600_000;

export const DASHSCOPE_DEFAULTS = {
  // [MS-TASKS] "异步任务在完成后通常保留 24 小时"; wire-formats §4.9 (task_id queryable 24 h).
  taskRetentionMs: 24 * HOUR,
  // [MS-UPLOAD] "有效期为 48 小时".
  uploadTtlMs: 48 * HOUR,
  // [MS-UPLOAD] response example: "expire_in_seconds": 300, "max_file_size_mb": 100.
  policyExpireSeconds: 300,
  maxUploadMb: 100,
  partialFailureMarker: '[[partial]]',
} as const;

function check(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(`wankit simulator: ${message}`);
}

const isCount = (value: number | undefined) => value === undefined || (Number.isInteger(value) && value > 0);
const isPositive = (value: number) => Number.isFinite(value) && value > 0;

export function resolveDashScopeOptions(
  options: DashScopeOptions = {},
  documentedLimits = false,
): ResolvedDashScopeOptions {
  const modelLimits = options.modelLimits ?? {};
  for (const [model, limits] of Object.entries(modelLimits)) {
    check(
      isCount(limits.requestsPerSecond),
      `dashscope.modelLimits['${model}'].requestsPerSecond must be a positive integer`,
    );
    check(
      isCount(limits.concurrentTasks),
      `dashscope.modelLimits['${model}'].concurrentTasks must be a positive integer`,
    );
  }
  const resolved = { ...DASHSCOPE_DEFAULTS, ...withoutUndefined(options) };
  for (const name of ['taskRetentionMs', 'uploadTtlMs', 'policyExpireSeconds', 'maxUploadMb'] as const) {
    check(isPositive(resolved[name]), `dashscope.${name} must be a positive number, got ${resolved[name]}`);
  }
  check(resolved.partialFailureMarker.length > 0, 'dashscope.partialFailureMarker must be non-empty');
  return {
    modelLimits,
    documentedLimits,
    taskRetentionMs: resolved.taskRetentionMs,
    uploadTtlMs: resolved.uploadTtlMs,
    policyExpireSeconds: resolved.policyExpireSeconds,
    maxUploadMb: resolved.maxUploadMb,
    partialFailureMarker: resolved.partialFailureMarker,
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
