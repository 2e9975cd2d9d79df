// The one place where /v2 error signals become neutral error kinds: HTTP error answers (new-api shapes,
// INFERRED, wire-formats.md §2.7) and the free-text `fail_reason` of a failed task (§0.2).
import {
  type ErrorKind,
  parseRetryAfter,
  readJson,
  type TaskFailure,
  type TaskRef,
  WankitError,
  type WireResponse,
} from '@wankit/core';
import { openAiErrorSchema, relayErrorSchema } from './v2-wire-schemas.js';

export type V2Operation = 'create' | 'status';

/** new-api task-relay codes (INFERRED from its source); compared case-insensitively. */
const relayCodeTable: Readonly<Record<string, ErrorKind>> = {
  quota_not_enough: 'insufficient_balance',
  task_not_exist: 'not_found',
  invalid_request: 'invalid_request',
  get_user_quota_failed: 'provider_error',
  build_request_failed: 'provider_error',
  get_task_failed: 'provider_error',
  marshal_response_failed: 'provider_error',
};

/**
 * Upstream DashScope codes and words found in free text, in priority order: download failures win
 * over "timed out" ("Download the media resource timed out" is a bad input URL), codes win over words.
 * `code: true` marks patterns that match a DashScope code worth reporting as `providerCode`.
 */
const upstreamTextRules: ReadonlyArray<{ pattern: RegExp; kind: ErrorKind; code: boolean }> = [
  {
    pattern: /DataInspectionFailed|InvalidParameter\.DataInspection|IPInfringementSuspect/i,
    kind: 'content_policy',
    code: true,
  },
  {
    pattern:
      /InvalidURL|BadRequest\.InputDownloadFailed|InputDownloadFailed|BadRequest\.UnsupportedFileFormat/i,
    kind: 'invalid_input_url',
    code: true,
  },
  { pattern: /download/i, kind: 'invalid_input_url', code: false },
  {
    pattern: /Arrearage|PrepaidBillOverdue|PostpaidBillOverdue|CommodityNotPurchased/i,
    kind: 'insufficient_balance',
    code: true,
  },
  { pattern: /ModelNotFound|WorkSpaceNotFound/i, kind: 'not_found', code: true },
  { pattern: /Throttling(?:\.\w+)?|LimitRequests/i, kind: 'rate_limited', code: true },
  { pattern: /InvalidApiKey|AccessDenied(?:\.\w+)?/i, kind: 'authentication', code: true },
  { pattern: /InternalError\.Timeout|RequestTimeOut/i, kind: 'timeout', code: true },
  {
    pattern: /InvalidParameter(?:\.\w+)?|BadRequest\.\w+|UnsupportedOperation/i,
    kind: 'invalid_request',
    code: true,
  },
  { pattern: /timed?\s*out|timeout/i, kind: 'timeout', code: false },
  { pattern: /InternalError(?:\.\w+)?|SystemError|ModelUnavailable/i, kind: 'provider_error', code: true },
  { pattern: /inappropriate|sensitive/i, kind: 'content_policy', code: false },
];

// DashScope errors relayed as text usually start with the code: "DataInspectionFailed: ...".
const leadingCode = /^\s*([A-Z][A-Za-z]+(?:\.[A-Z][A-Za-z]+)*)\s*:/;

/** Classifies upstream free text; `undefined` when nothing in it is recognised. */
export function classifyUpstreamText(text: string): { kind: ErrorKind; code?: string } | undefined {
  for (const rule of upstreamTextRules) {
    const match = rule.pattern.exec(text);
    if (!match) continue;
    const code = leadingCode.exec(text)?.[1] ?? (rule.code ? match[0] : undefined);
    return code === undefined ? { kind: rule.kind } : { kind: rule.kind, code };
  }
  return undefined;
}

/** The neutral failure of a `FAILURE` task, read from its `fail_reason`. */
export function failureFromReason(failReason: string | null | undefined): TaskFailure {
  const message = failReason?.trim() ? failReason.trim() : 'the task failed without a fail_reason';
  const classified = classifyUpstreamText(message);
  const kind = classified?.kind ?? 'provider_error';
  return classified?.code === undefined ? { kind, message } : { kind, code: classified.code, message };
}

interface ErrorBody {
  code?: string;
  message?: string;
}

/** Reads either new-api error shape; `undefined` when the body is neither (HTML, empty, other JSON). */
export function readErrorBody(body: unknown): ErrorBody | undefined {
  const openAi = openAiErrorSchema.safeParse(body);
  if (openAi.success) {
    // `type` (e.g. "new_api_error") is a category, not a code: only a non-empty `code` is reported.
    const { code, message } = openAi.data.error;
    return compact({
      code: code !== undefined && code !== null && code !== '' ? String(code) : undefined,
      message: message ?? undefined,
    });
  }
  const relay = relayErrorSchema.safeParse(body);
  if (relay.success && (relay.data.code || relay.data.message)) {
    const { code, message } = relay.data;
    return compact({
      code: code !== undefined && code !== null && code !== '' ? String(code) : undefined,
      message: message ?? undefined,
    });
  }
  return undefined;
}

function compact(body: ErrorBody): ErrorBody {
  const out: ErrorBody = {};
  if (body.code !== undefined) out.code = body.code;
  if (body.message !== undefined) out.message = body.message;
  return out;
}

function kindFor(status: number, body: ErrorBody | undefined): { kind: ErrorKind; code?: string } {
  const code = body?.code;
  if (status === 401) return { kind: 'authentication' };
  const byCode = code === undefined ? undefined : relayCodeTable[code.toLowerCase()];
  // The generic `invalid_request` code falls through: the relayed upstream text may be more precise.
  if (byCode && byCode !== 'invalid_request') return { kind: byCode };
  if ((status === 402 || status === 403) && /quota|balance|insufficient/i.test(body?.message ?? '')) {
    return { kind: 'insufficient_balance' };
  }
  if (status === 402) return { kind: 'insufficient_balance' };
  // new-api also answers 403 for a disabled token or a model the token may not use (INFERRED).
  if (status === 403) return { kind: 'authentication' };
  if (status === 404) return { kind: 'not_found' };
  if (status === 408) return { kind: 'timeout' };
  if (status === 429) return { kind: 'rate_limited' };
  if (status >= 500) return { kind: 'provider_error' };
  // Other 4xx: new-api relays the upstream DashScope text, which may name a more precise cause.
  const upstream = classifyUpstreamText(`${code ?? ''} ${body?.message ?? ''}`);
  if (upstream && upstream.kind !== 'timeout' && upstream.kind !== 'rate_limited') return upstream;
  return { kind: 'invalid_request' };
}

function snippet(text: string): string {
  const flat = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat;
}

function bodyOf(response: WireResponse): unknown {
  const json = readJson(response);
  return json.ok ? json.value : undefined;
}

export interface V2ErrorContext {
  readonly operation: V2Operation;
  readonly now: Date;
  readonly taskRef?: TaskRef;
}

/** Turns an HTTP error answer (any status ≥ 300, or an error body sent with 2xx) into a typed error. */
export function errorFromResponse(
  response: WireResponse,
  context: V2ErrorContext,
  parsedBody: unknown = bodyOf(response),
): WankitError {
  const body = readErrorBody(parsedBody);
  // An error body with HTTP 2xx is read as the 400 it stands for.
  const effectiveStatus = response.status < 300 ? 400 : response.status;
  const { kind, code: upstreamCode } = kindFor(effectiveStatus, body);
  const providerCode = body?.code ?? upstreamCode;
  const detail = body?.message ?? (response.text ? snippet(response.text) : 'empty body');
  const codePart = providerCode ? ` ${providerCode}` : '';
  const requestId =
    response.headers.get('x-oneapi-request-id') ?? response.headers.get('x-request-id') ?? undefined;
  const retryAfterMs = parseRetryAfter(response.headers, context.now.getTime());
  return new WankitError({
    kind,
    message: `v2 ${context.operation} failed: HTTP ${response.status}${codePart}: ${detail}`,
    httpStatus: response.status,
    ...(providerCode === undefined ? {} : { providerCode }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(context.taskRef === undefined ? {} : { taskRef: context.taskRef }),
  });
}
