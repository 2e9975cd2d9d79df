import { randomInt } from 'node:crypto';
import { type SimulatorClock, systemClock } from './clock.js';
import {
  type DashScopeOptions,
  type ResolvedDashScopeOptions,
  resolveDashScopeOptions,
} from './formats/dashscope/options.js';
import { PROGRESS_CURVES, type ProgressCurve } from './lifecycle/progress-curve.js';

export const WIRE_FORMATS = ['native', 'v2', 'generateTask', 'dashscope'] as const;
/** The four wire formats: vtrix-style native, new-api-style v2, apixo-style generateTask, Alibaba's DashScope. */
export type WireFormat = (typeof WIRE_FORMATS)[number];

export const FAULT_KINDS = ['500', '502-html', '503', 'reset', 'slow', 'truncated', 'malformed'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** `cancel`, `list` and `upload` (getPolicy and the upload form) exist only in the DashScope format. */
export const FAULT_ENDPOINTS = ['create', 'status', 'cancel', 'list', 'upload'] as const;
export type FaultEndpoint = (typeof FAULT_ENDPOINTS)[number];

/** Native status words: the gateway's (`in_progress`/`completed`), the CLI docs' (`pending`/`processing`/`completed`)
 * or the wan26 seed page's (`in_queue`/`processing`/`done`). All end in `failed`. */
export const NATIVE_VOCABULARIES = ['gateway', 'cli-docs', 'seed'] as const;
export type NativeVocabulary = (typeof NATIVE_VOCABULARIES)[number];

/** The three encodings of a failed native task's `error` seen in the wild (wire-formats §1.5). */
export const NATIVE_ERROR_FORMS = ['object', 'string', 'error_message'] as const;
export type NativeErrorForm = (typeof NATIVE_ERROR_FORMS)[number];

/** How v2 answers: the documented new-api TaskDto, or a dialect real relays send (formats/v2.ts). */
export const V2_DIALECTS = ['documented', 'new-api-envelope', 'openai-video'] as const;
export type V2Dialect = (typeof V2_DIALECTS)[number];

/** How generateTask answers: as apixo documents it, or as kie.ai's same-shaped API does (formats/generate-task.ts). */
export const GENERATE_TASK_DIALECTS = ['documented', 'kie'] as const;
export type GenerateTaskDialect = (typeof GENERATE_TASK_DIALECTS)[number];

/** Duration tiers; `image` covers every text-to-image task. */
export type Tier = '480p' | '720p' | '1080p' | 'image';

export interface FormatLimits {
  requestsPerMinute?: number;
  concurrentTasks?: number;
}

export interface LimitOptions extends FormatLimits {
  /** Apply each provider's documented limits where a format has them (generateTask: 10 000 rpm, 1000 concurrent;
   * DashScope: per model, 5 or 2 submissions a second and as many running tasks, see `dashscope.modelLimits`). */
  documented?: boolean;
  /** Per-format overrides; a field set here wins over the top-level one. */
  perFormat?: Partial<Record<WireFormat, FormatLimits>>;
}

export interface FaultOptions {
  /** Probability in [0, 1] that a request gets a fault, the kind drawn uniformly from `kinds`. */
  rate?: number;
  kinds?: readonly FaultKind[];
  /** Per-kind probabilities instead of `rate` + `kinds` (their sum must not exceed 1). */
  rates?: Partial<Record<FaultKind, number>>;
  endpoints?: readonly FaultEndpoint[];
  formats?: readonly WireFormat[];
  /** Delay of a `slow` response, on the simulator's clock, not scaled by `timeScale`. Default 5000. */
  slowMs?: number;
}

export interface SimulatorOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** 1 = documented durations; 0.01 turns a 60 s task into 0.6 s. Scales task durations, result lifetimes and
   * callback retry delays. Default 1. */
  timeScale?: number;
  clock?: SimulatorClock;
  /** Seed for ids, durations, failures and faults. Random when absent (reported by `stats().seed`). */
  seed?: number;
  /** When set, only this bearer key is accepted; otherwise any non-empty key is. */
  apiKey?: string;
  limits?: LimitOptions;
  faults?: FaultOptions;
  /** A prompt containing this text ends in that provider's content-policy failure. Default `[[unsafe]]`. */
  contentPolicyMarker?: string;
  /** A prompt containing this text ends in a generic generation failure. Default `[[fail]]`. */
  failureMarker?: string;
  /** Probability in [0, 1] that an unmarked task fails with a generic generation error. Default 0. */
  failureRate?: number;
  /** Result URL lifetime per format at timeScale 1 (scaled). */
  resultTtlMs?: Partial<Record<WireFormat, number>>;
  /** Total generation time ranges in seconds per tier at timeScale 1. */
  durations?: Partial<Record<Tier, readonly [number, number]>>;
  /** Tasks finish the instant they are created (benchmarks). */
  instantCompletion?: boolean;
  /** Delays before callback retries 1..n at timeScale 1 (scaled); the length is the retry count. */
  callbackRetryDelaysMs?: readonly number[];
  /** How long a callback receiver may take to answer, real milliseconds. Default 30 000 (documented). */
  callbackTimeoutMs?: number;
  nativeVocabulary?: NativeVocabulary;
  nativeErrorForm?: NativeErrorForm;
  v2Dialect?: V2Dialect;
  generateTaskDialect?: GenerateTaskDialect;
  /** Serve results padded to this many bytes (still valid files), for download benchmarks. */
  resultBytes?: { video?: number; image?: number };
  /** DashScope format settings: per-model limits, task retention, uploads, the partial-failure marker. */
  dashscope?: DashScopeOptions;
  /**
   * How reported progress moves while a task runs: `linear` (default) or `uneven` (a slow start, a
   * fast middle, a plateau near the end), which does not flatter a client extrapolating from progress.
   */
  progressCurve?: ProgressCurve;
}

export interface ResolvedFormatLimits {
  readonly requestsPerMinute: number | undefined;
  readonly concurrentTasks: number | undefined;
}

export interface ResolvedFaults {
  /** Cumulative thresholds: a draw below `upTo` picks `kind`. */
  readonly table: readonly { readonly kind: FaultKind; readonly upTo: number }[];
  readonly endpoints: ReadonlySet<FaultEndpoint>;
  readonly formats: ReadonlySet<WireFormat>;
  readonly slowMs: number;
}

export interface ResolvedOptions {
  readonly port: number;
  readonly host: string;
  readonly timeScale: number;
  readonly clock: SimulatorClock;
  readonly seed: number;
  readonly apiKey: string | undefined;
  readonly limits: Readonly<Record<WireFormat, ResolvedFormatLimits>>;
  readonly faults: ResolvedFaults;
  readonly contentPolicyMarker: string;
  readonly failureMarker: string;
  readonly failureRate: number;
  readonly resultTtlMs: Readonly<Record<WireFormat, number>>;
  readonly durations: Readonly<Record<Tier, readonly [number, number]>>;
  readonly instantCompletion: boolean;
  readonly callbackRetryDelaysMs: readonly number[];
  readonly callbackTimeoutMs: number;
  readonly nativeVocabulary: NativeVocabulary;
  readonly nativeErrorForm: NativeErrorForm;
  readonly v2Dialect: V2Dialect;
  readonly generateTaskDialect: GenerateTaskDialect;
  readonly resultBytes: { readonly video: number | undefined; readonly image: number | undefined };
  readonly dashscope: ResolvedDashScopeOptions;
  readonly progressCurve: ProgressCurve;
}

const HOUR = 3_600_000;

/** Documented limits: generateTask wan-2-5 page (seed 004): 10 000 requests/min, 1000 concurrent tasks.
 * Native and v2 document none. */
export const DOCUMENTED_LIMITS: Readonly<Record<WireFormat, FormatLimits>> = {
  native: {},
  v2: {},
  generateTask: { requestsPerMinute: 10_000, concurrentTasks: 1000 },
  // DashScope's documented limits are per model and per second (formats/dashscope/limits.ts).
  dashscope: {},
};

export const SIMULATOR_DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  timeScale: 1,
  contentPolicyMarker: '[[unsafe]]',
  failureMarker: '[[fail]]',
  /** generateTask: 15 days (seed 004). v2: 24 h (DashScope OSS URLs, wire-formats §2.9). native: not documented;
   * 24 h is a guess (the CDN URLs may well live longer). dashscope: 24 h. */
  resultTtlMs: { native: 24 * HOUR, v2: 24 * HOUR, generateTask: 15 * 24 * HOUR, dashscope: 24 * HOUR },
  /** 720p and 1080p from seed 004; 480p and image are guesses ("images shorter"). */
  durations: { '480p': [30, 50], '720p': [50, 70], '1080p': [70, 90], image: [20, 40] },
  /** The first retry after 30 s is documented (wire-formats §3.8); the rest of the schedule is truncated in the
   * stored copy, so 60 s and 120 s are a guess at "increasing delays". */
  callbackRetryDelaysMs: [30_000, 60_000, 120_000],
  callbackTimeoutMs: 30_000,
  slowMs: 5_000,
  nativeVocabulary: 'gateway',
  nativeErrorForm: 'object',
  v2Dialect: 'documented',
  generateTaskDialect: 'documented',
  progressCurve: 'linear',
} as const satisfies Partial<Record<keyof SimulatorOptions | 'slowMs', unknown>>;

function check(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(`wankit simulator: ${message}`);
}

const isProbability = (value: number) => Number.isFinite(value) && value >= 0 && value <= 1;
const isCount = (value: number | undefined) => value === undefined || (Number.isInteger(value) && value > 0);

function resolveLimits(limits: LimitOptions = {}): Record<WireFormat, ResolvedFormatLimits> {
  const out = {} as Record<WireFormat, ResolvedFormatLimits>;
  for (const format of WIRE_FORMATS) {
    const own = limits.perFormat?.[format] ?? {};
    const documented = limits.documented ? DOCUMENTED_LIMITS[format] : {};
    const requestsPerMinute =
      own.requestsPerMinute ?? limits.requestsPerMinute ?? documented.requestsPerMinute;
    const concurrentTasks = own.concurrentTasks ?? limits.concurrentTasks ?? documented.concurrentTasks;
    check(isCount(requestsPerMinute), `limits.requestsPerMinute for ${format} must be a positive integer`);
    check(isCount(concurrentTasks), `limits.concurrentTasks for ${format} must be a positive integer`);
    out[format] = { requestsPerMinute, concurrentTasks };
  }
  return out;
}

/** Checks fault options; also used when faults change on a running simulator. */
export function resolveFaults(faults: FaultOptions = {}): ResolvedFaults {
  const table: { kind: FaultKind; upTo: number }[] = [];
  let total = 0;
  if (faults.rates) {
    for (const kind of FAULT_KINDS) {
      const rate = faults.rates[kind];
      if (rate === undefined) continue;
      check(isProbability(rate), `faults.rates['${kind}'] must be in [0, 1], got ${rate}`);
      total += rate;
      table.push({ kind, upTo: total });
    }
    check(total <= 1 + 1e-9, `faults.rates must sum to at most 1, got ${total}`);
  } else if (faults.rate) {
    check(isProbability(faults.rate), `faults.rate must be in [0, 1], got ${faults.rate}`);
    const kinds = faults.kinds ?? FAULT_KINDS;
    check(kinds.length > 0, 'faults.kinds must name at least one kind');
    for (const kind of kinds) check(FAULT_KINDS.includes(kind), `unknown fault kind '${kind}'`);
    kinds.forEach((kind, index) => {
      table.push({ kind, upTo: (faults.rate! * (index + 1)) / kinds.length });
    });
  }
  const slowMs = faults.slowMs ?? SIMULATOR_DEFAULTS.slowMs;
  check(Number.isFinite(slowMs) && slowMs >= 0, `faults.slowMs must be a non-negative number, got ${slowMs}`);
  return {
    table,
    endpoints: new Set(faults.endpoints ?? FAULT_ENDPOINTS),
    formats: new Set(faults.formats ?? WIRE_FORMATS),
    slowMs,
  };
}

function resolveDurations(
  overrides: SimulatorOptions['durations'] = {},
): Record<Tier, readonly [number, number]> {
  const out = { ...SIMULATOR_DEFAULTS.durations, ...overrides } as Record<Tier, readonly [number, number]>;
  for (const [tier, [min, max]] of Object.entries(out)) {
    check(min >= 0 && max >= min, `durations['${tier}'] must be [min, max] seconds with 0 <= min <= max`);
  }
  return out;
}

/** Checks options and fills defaults. Throws a RangeError naming the bad option. */
export function resolveSimulatorOptions(options: SimulatorOptions = {}): ResolvedOptions {
  const timeScale = options.timeScale ?? SIMULATOR_DEFAULTS.timeScale;
  check(Number.isFinite(timeScale) && timeScale > 0, `timeScale must be a positive number, got ${timeScale}`);
  const port = options.port ?? SIMULATOR_DEFAULTS.port;
  check(Number.isInteger(port) && port >= 0 && port <= 65535, `port must be an integer 0-65535, got ${port}`);
  const failureRate = options.failureRate ?? 0;
  check(isProbability(failureRate), `failureRate must be in [0, 1], got ${failureRate}`);
  const seed = options.seed ?? randomInt(0, 2 ** 32);
  check(Number.isInteger(seed), `seed must be an integer, got ${seed}`);
  const callbackRetryDelaysMs = options.callbackRetryDelaysMs ?? SIMULATOR_DEFAULTS.callbackRetryDelaysMs;
  check(
    callbackRetryDelaysMs.every((ms) => Number.isFinite(ms) && ms >= 0),
    'callbackRetryDelaysMs must hold non-negative numbers',
  );
  const resultTtlMs = { ...SIMULATOR_DEFAULTS.resultTtlMs, ...options.resultTtlMs };
  for (const [format, ttl] of Object.entries(resultTtlMs)) {
    check(ttl > 0, `resultTtlMs.${format} must be positive, got ${ttl}`);
  }
  const nativeVocabulary = options.nativeVocabulary ?? SIMULATOR_DEFAULTS.nativeVocabulary;
  check(NATIVE_VOCABULARIES.includes(nativeVocabulary), `unknown nativeVocabulary '${nativeVocabulary}'`);
  const progressCurve = options.progressCurve ?? SIMULATOR_DEFAULTS.progressCurve;
  check(PROGRESS_CURVES.includes(progressCurve), `unknown progressCurve '${progressCurve}'`);
  const nativeErrorForm = options.nativeErrorForm ?? SIMULATOR_DEFAULTS.nativeErrorForm;
  check(NATIVE_ERROR_FORMS.includes(nativeErrorForm), `unknown nativeErrorForm '${nativeErrorForm}'`);
  const v2Dialect = options.v2Dialect ?? SIMULATOR_DEFAULTS.v2Dialect;
  check(V2_DIALECTS.includes(v2Dialect), `unknown v2Dialect '${v2Dialect}'`);
  const generateTaskDialect = options.generateTaskDialect ?? SIMULATOR_DEFAULTS.generateTaskDialect;
  check(
    GENERATE_TASK_DIALECTS.includes(generateTaskDialect),
    `unknown generateTaskDialect '${generateTaskDialect}'`,
  );
  for (const marker of [options.contentPolicyMarker, options.failureMarker]) {
    check(marker === undefined || marker.length > 0, 'prompt markers must be non-empty');
  }
  return {
    port,
    host: options.host ?? SIMULATOR_DEFAULTS.host,
    timeScale,
    clock: options.clock ?? systemClock,
    seed: seed >>> 0,
    apiKey: options.apiKey,
    limits: resolveLimits(options.limits),
    faults: resolveFaults(options.faults),
    contentPolicyMarker: options.contentPolicyMarker ?? SIMULATOR_DEFAULTS.contentPolicyMarker,
    failureMarker: options.failureMarker ?? SIMULATOR_DEFAULTS.failureMarker,
    failureRate,
    resultTtlMs,
    durations: resolveDurations(options.durations),
    instantCompletion: options.instantCompletion ?? false,
    callbackRetryDelaysMs,
    callbackTimeoutMs: options.callbackTimeoutMs ?? SIMULATOR_DEFAULTS.callbackTimeoutMs,
    nativeVocabulary,
    nativeErrorForm,
    v2Dialect,
    generateTaskDialect,
    resultBytes: { video: options.resultBytes?.video, image: options.resultBytes?.image },
    dashscope: resolveDashScopeOptions(options.dashscope, options.limits?.documented),
    progressCurve,
  };
}
