// Native error signals → neutral error kinds: the gateway's documented task codes (seed 002, V12), its HTTP
// statuses (wire-formats.md §0.1, §1.7), the billing codes of its sister CLI, and DashScope failures the gateway
// forwards as text (INFERRED, §0.1). Bodies and sources: /work/corpus/native/SOURCES.md.
import type { ErrorKind, TaskFailure } from '@wankit/core';
import { asObject, classifyUpstreamText, firstText, upstreamCodeKind } from '@wankit/core/adapter';

const codes: Readonly<Record<string, ErrorKind>> = {
  // seed 002: reference_video_urls must be 1–2 URLs / not with audio / duration 5 or 10 with it.
  '001026001': 'invalid_request',
  '001026002': 'invalid_request',
  '001026003': 'invalid_request',
  // seed 002: internal generation, result parsing, upstream HTTP, status check, task creation errors.
  '001026095': 'provider_error',
  '001026096': 'provider_error',
  '001026097': 'provider_error',
  '001026098': 'provider_error',
  '001026099': 'provider_error',
  // "Video generation failed" (a doc.vtrix.ai Veo page, V12).
  '002014001': 'provider_error',
  // `status.error_code` of a 402: 40201 is insufficient credits; the SeaCloud CLI does not read 40200
  // ("payment required") as a balance problem, so the HTTP status decides it.
  '40201': 'insufficient_balance',
  // The /sync endpoint's waiting limit (V11): the task may still finish.
  SYNC_TIMEOUT: 'timeout',
};

const codeKind = (code: string | undefined): ErrorKind | undefined =>
  code === undefined ? undefined : (codes[code] ?? upstreamCodeKind(code));

/**
 * The kind of an HTTP refusal's code, or `undefined` to let the status decide. A plain 400 whose text carries a
 * forwarded DashScope moderation or download failure is that failure (a 400's throttling word stays a 400).
 */
export function nativeCodeKind(code: string | undefined, message: string, status: number) {
  const byCode = codeKind(code);
  if (byCode !== undefined || status !== 400) return byCode;
  const upstream = classifyUpstreamText(message)?.kind;
  return upstream === 'content_policy' || upstream === 'invalid_input_url' ? upstream : undefined;
}

/**
 * 403 is "insufficient balance or permission denied" on the vtrix pages: the message decides. 504 is the /sync
 * endpoint's timeout (V11).
 */
export const nativeStatusKinds = {
  403: (message: string): ErrorKind =>
    /balance|credit|quota|insufficient|recharge/i.test(message) ? 'insufficient_balance' : 'authentication',
  504: 'timeout',
} as const;

/** The billing code of the gateway's `{status:{code, message, error_code}, data:null}` refusal (40201). */
export const nativeErrorDetails = (body: unknown) => {
  const code = firstText(asObject(body)?.status, ['error_code']);
  return code === undefined ? {} : { code };
};

/**
 * A failed task's failure: the documented codes, forwarded DashScope codes, then the words of the code and the
 * message (the same integer code 110001 comes with "vendor rejected" and with "may contain sensitive
 * information", so the message decides), then an input-URL word (INFERRED, §0.1); else `provider_error`.
 * A DashScope code leading a message that has no code of its own becomes the code.
 */
export function nativeFailure(code: string | undefined, message: string | undefined): TaskFailure {
  const upstream = classifyUpstreamText([code, message].filter(Boolean).join(' '));
  const failureCode = code ?? (message === undefined ? undefined : classifyUpstreamText(message)?.code);
  const kind =
    codeKind(code) ??
    upstream?.kind ??
    (/\burl\b/i.test(message ?? '') ? 'invalid_input_url' : undefined) ??
    'provider_error';
  return {
    kind,
    ...(failureCode === undefined ? {} : { code: failureCode }),
    message:
      message ?? (code === undefined ? 'the task failed without a reason' : `the task failed: ${code}`),
  };
}
