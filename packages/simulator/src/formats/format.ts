import type { IncomingHttpHeaders } from 'node:http';
import type { CallbackSender } from '../callbacks/callback-sender.js';
import type { Reply } from '../http/reply.js';
import type { TaskStore } from '../lifecycle/task-store.js';
import type { FaultEndpoint, ResolvedOptions, WireFormat } from '../options.js';
import type { StatsRecorder } from '../stats/stats.js';

/** What a format handler may use. */
export interface FormatContext {
  readonly options: ResolvedOptions;
  readonly store: TaskStore;
  readonly callbacks: CallbackSender;
  readonly stats: StatsRecorder;
  /** The concurrency check for a valid create: a 429 reply when the format is at its cap, else undefined. */
  readonly admit: (format: WireFormat) => Reply | undefined;
}

/** Each provider's own error bodies. */
export interface FormatErrors {
  /** 400 from validation or an unparsable body. */
  invalid(message: string): Reply;
  unauthorized(reason: 'missing' | 'wrong'): Reply;
  /** 429; the pipeline adds `Retry-After`. */
  rateLimited(reason: 'rate' | 'concurrency'): Reply;
  serverError(status: 500 | 503): Reply;
}

export interface RouteInput {
  /** Path parameters in pattern order. */
  readonly params: readonly string[];
  readonly url: URL;
  /** The parsed JSON body (POST only). */
  readonly body: unknown;
  /** The request headers (DashScope reads `X-DashScope-Async` and friends). */
  readonly headers: IncomingHttpHeaders;
}

export interface FormatRoute {
  readonly method: 'GET' | 'POST';
  readonly endpoint: FaultEndpoint;
  /** Matched against the decoded path; capture groups become `params`. */
  readonly pattern: RegExp;
  /** Largest JSON body accepted, bytes; default `MAX_BODY_BYTES` (DashScope creates carry data-URI images). */
  readonly maxBodyBytes?: number;
  readonly handle: (input: RouteInput, ctx: FormatContext) => Reply;
}

/** One wire format: its routes, its error bodies, and the body a callback would carry. */
export interface WireFormatHandler {
  readonly format: WireFormat;
  readonly routes: readonly FormatRoute[];
  readonly errors: FormatErrors;
}

export const unixSeconds = (ms: number): number => Math.floor(ms / 1000);

/** Illustrative USD prices (apixo's published wan-2-5 rates for 720p/1080p; 480p and images are guesses). */
const PRICE_PER_SECOND = { '480p': 0.05, '720p': 0.08, '1080p': 0.13 } as const;
const PRICE_PER_IMAGE = 0.03;

export function illustrativeCost(
  tier: keyof typeof PRICE_PER_SECOND | 'image',
  seconds: number,
  count: number,
) {
  return tier === 'image' ? PRICE_PER_IMAGE * count : PRICE_PER_SECOND[tier] * seconds;
}
