import type { Reply, ReplyTag } from '../../http/reply.js';
import type { FailureReason } from '../../lifecycle/task.js';
import { createRandom, type Random, streamSeed } from '../../random.js';

/**
 * DashScope's synchronous errors: a top-level `{code, message, request_id}` at the HTTP status of the error-code
 * page ([MS-ERR]; wire-formats §4.5, §4.7). Real bodies put the keys in either order (/work/corpus/dashscope
 * 005 has request_id first, 006/007/014 last), so both are kept where the corpus shows them. Source tags
 * ([MS-ERR], [MS-TASKS], [MS-UPLOAD], …) resolve in packages/adapter-dashscope/SOURCES.md.
 */
export interface WireError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** `{request_id, code, message}` (the cancel refusal, corpus 005) instead of `{code, message, request_id}`. */
  readonly requestIdFirst?: boolean;
  /** Leave out `content-type` (the real 401, corpus 006, has none). */
  readonly bare?: boolean;
}

/** Thrown by the request checks; the handler turns it into the reply. */
export class Refusal extends Error {
  constructor(readonly wire: WireError) {
    super(wire.message);
  }
}

export const refuse = (status: number, code: string, message: string): never => {
  throw new Refusal({ status, code, message });
};

/** `request_id`s: UUIDs from their own seeded stream, also sent as `x-request-id` (corpus 009, 014). */
export class RequestIds {
  private random: Random;

  constructor(private readonly seed: number) {
    this.random = createRandom(streamSeed(seed, 'dashscope-request-ids'));
  }

  next(): string {
    return this.random.uuid();
  }

  reset(): void {
    this.random = createRandom(streamSeed(this.seed, 'dashscope-request-ids'));
  }
}

const TAGS: Readonly<Record<number, ReplyTag>> = { 400: 'invalid', 401: 'unauthorized', 429: 'rateLimited' };

export function errorReply(ids: RequestIds, error: WireError, tag = TAGS[error.status]): Reply {
  const requestId = ids.next();
  const { code, message } = error;
  const body = error.requestIdFirst
    ? { request_id: requestId, code, message }
    : { code, message, request_id: requestId };
  const headers: Record<string, string> = { 'x-request-id': requestId };
  if (error.bare) headers['content-type'] = '';
  return { status: error.status, body, headers, ...(tag ? { tag } : {}) };
}

export const ERRORS = {
  // corpus 014 (real, rerank endpoint; one gateway envelope for every service).
  modelNotExist: { status: 400, code: 'InvalidParameter', message: 'Model not exist.' },
  // [MS-ERR] 400 BadRequest.EmptyModel / EmptyInput / IllegalInput / TooLarge.
  emptyModel: {
    status: 400,
    code: 'BadRequest.EmptyModel',
    message: 'Required parameter "model" missing from request.',
  },
  emptyInput: {
    status: 400,
    code: 'BadRequest.EmptyInput',
    message: 'Required input parameter missing from request.',
  },
  illegalInput: {
    status: 400,
    code: 'BadRequest.IllegalInput',
    message: 'The input parameter requires json format.',
  },
  tooLarge: { status: 400, code: 'BadRequest.TooLarge', message: 'Payload Too Large.' },
  // [MS-ERR] "url error, please check url！": the model does not belong to the endpoint called.
  wrongEndpoint: { status: 400, code: 'InvalidParameter', message: 'url error, please check url！' },
  // [MS-ERR] 403 AccessDenied; [MS-T2V27]: a create without `X-DashScope-Async: enable`.
  synchronousCall: {
    status: 403,
    code: 'AccessDenied',
    message: 'current user api does not support synchronous calls.',
  },
  // corpus 029 (doc) and 006 (real, no content-type).
  noApiKey: { status: 401, code: 'InvalidApiKey', message: 'No API-key provided.', bare: true },
  invalidApiKey: { status: 401, code: 'InvalidApiKey', message: 'Invalid API-key provided.', bare: true },
  // [MS-TASKS], [MS-UPLOAD]: the limiter's answer.
  rateQuota: {
    status: 429,
    code: 'Throttling.RateQuota',
    message: 'Requests rate limit exceeded, please try again later.',
  },
  // [MS-ERR] 429 Throttling: the simulator's format-wide `concurrentTasks` cap, if one is configured.
  throttling: { status: 429, code: 'Throttling', message: 'Requests throttling triggered.' },
  // [MS-ERR] 500 InternalError, 503 ModelUnavailable.
  internal: {
    status: 500,
    code: 'InternalError',
    message: 'An internal error has occured, please try again later or contact service support.',
  },
  unavailable: {
    status: 503,
    code: 'ModelUnavailable',
    message: 'Model is unavailable, please try again later.',
  },
  // corpus 005 (real) and [MS-TASKS]: cancel of a task that is not PENDING.
  cannotCancel: {
    status: 400,
    code: 'UnsupportedOperation',
    message: 'Failed to cancel the task, please confirm if the task is in PENDING status.',
    requestIdFirst: true,
  },
  // [MS-UPLOAD] error table: an `oss://` input without `X-DashScope-OssResourceResolve: enable`.
  ossHeaderMissing: {
    status: 400,
    code: 'InvalidParameter.DataInspection',
    message: 'The media format is not supported or incorrect for the data inspection.',
  },
  // [MS-ERR] 400 InvalidParameter.DataInspection: an `oss://` key never uploaded, expired, or bound to
  // another model (INFERRED: the doc gives this message for undownloadable media, not for oss:// in particular).
  ossUnreadable: {
    status: 400,
    code: 'InvalidParameter.DataInspection',
    message: 'Unable to download the media resource during the data inspection process.',
  },
  // [MS-ERR] 400 InvalidParameter.DataInspection: a data URI that is not base64 JPEG/PNG/BMP/WEBP.
  badMedia: {
    status: 400,
    code: 'InvalidParameter.DataInspection',
    message: 'The media format is not supported or incorrect for the data inspection.',
  },
  // [MS-ERR] 400 InvalidURL.
  invalidUrl: { status: 400, code: 'InvalidURL', message: 'Invalid URL provided in your request.' },
} as const satisfies Record<string, WireError>;

/** `output.code` / `output.message` of a FAILED task ([MS-ERR] texts). */
export const TASK_FAILURES: Readonly<Record<FailureReason, { code: string; message: string }>> = {
  content_policy: { code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' },
  generation: {
    code: 'InternalError.Algo',
    message: 'An internal error has occured during algorithm execution.',
  },
};

/** A failed image inside a SUCCEEDED task (corpus 025, [MS-TASKS]). */
export const IMAGE_FAILURE = {
  code: 'DataInspectionFailed',
  message: 'Output data may contain inappropriate content.',
} as const;
