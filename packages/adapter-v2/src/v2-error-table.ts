// /v2 error signals → neutral error kinds: the codes of new-api, the relay /v2 gateways run (INFERRED from
// its source, wire-formats.md §2.7; bodies in /work/corpus/v2), and DashScope failures forwarded as text.
import type { ErrorKind, TaskFailure } from '@wankit/core';
import { classifyUpstreamText, upstreamCodeKind } from '@wankit/core/adapter';

/**
 * new-api's codes, lower-cased: its task relay's `{code, message, data:null}` codes (relay/relay_task.go,
 * wire-formats.md §2.7) and the `error.code` of its OpenAI-form bodies (types/error.go, e.g. 403
 * `insufficient_user_quota`, /work/corpus/v2/030). Left to the HTTP status: `invalid_request`,
 * `fail_to_fetch_task` (new-api keeps the upstream's status with it, e.g. 429) and `model_not_found`
 * (new-api sends it with 503 when no channel serves the model right now).
 */
const relayCodes: Readonly<Record<string, ErrorKind>> = {
  quota_not_enough: 'insufficient_balance',
  insufficient_user_quota: 'insufficient_balance',
  insufficient_balance: 'insufficient_balance',
  pre_consume_token_quota_failed: 'insufficient_balance',
  task_not_exist: 'not_found',
  access_denied: 'authentication',
  sensitive_words_detected: 'content_policy',
  prompt_blocked: 'content_policy',
  get_user_quota_failed: 'provider_error',
  build_request_failed: 'provider_error',
  get_task_failed: 'provider_error',
  marshal_response_failed: 'provider_error',
};

// Kinds a refusal's free text may refine a plain 400 into; a timeout or throttling word in a 400's text
// does not make the refusal retryable.
const refinedFrom400: ReadonlySet<ErrorKind> = new Set([
  'content_policy',
  'invalid_input_url',
  'insufficient_balance',
  'not_found',
  'authentication',
]);

const codeKind = (code: string | undefined): ErrorKind | undefined =>
  code === undefined ? undefined : (relayCodes[code.toLowerCase()] ?? upstreamCodeKind(code));

/**
 * The kind of an HTTP refusal's code and message, or `undefined` to let the HTTP status decide: new-api
 * codes, then forwarded DashScope codes, then (for a 400) a DashScope code or word inside the message.
 */
export function v2CodeKind(code: string | undefined, message: string, status: number): ErrorKind | undefined {
  const byCode = codeKind(code);
  if (byCode !== undefined || status !== 400) return byCode;
  const upstream = classifyUpstreamText(`${code ?? ''} ${message}`);
  return upstream && refinedFrom400.has(upstream.kind) ? upstream.kind : undefined;
}

/** 403 is a balance refusal when it says so (new-api's "user quota is not enough"), else a token refusal. */
export const v2StatusKinds = {
  403: (message: string): ErrorKind =>
    /quota|balance|insufficient|余额|额度/i.test(message) ? 'insufficient_balance' : 'authentication',
};

/**
 * The failure of a failed task from its code and the provider's reason (`fail_reason`, `error.message`,
 * …): new-api and DashScope codes, then the DashScope codes or words in the code and reason (new-api puts
 * the upstream `Code: message` text in `fail_reason`); anything else is `provider_error`.
 */
export function v2Failure(code: string | undefined, message: string | undefined): TaskFailure {
  const upstream = classifyUpstreamText([code, message].filter(Boolean).join(' '));
  const failureCode = code ?? (message === undefined ? undefined : classifyUpstreamText(message)?.code);
  return {
    kind: codeKind(code) ?? upstream?.kind ?? 'provider_error',
    ...(failureCode === undefined ? {} : { code: failureCode }),
    message:
      message ?? (code === undefined ? 'the task failed without a reason' : `the task failed: ${code}`),
  };
}
