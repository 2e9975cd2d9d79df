import type { ErrorKind } from '../errors/error-kind.js';

/**
 * The error codes of Alibaba's own API (DashScope), which every Wan reseller forwards as it is or inside
 * free text ("DataInspectionFailed: Input data may contain inappropriate content."). Source:
 * wire-formats.md §0.4/§4.7 (Alibaba Cloud Model Studio error-code page). Prefixes cover the dotted
 * families (`InvalidParameter.*`, `Throttling.*`); exact codes win over prefixes.
 */
const exactCodes: Readonly<Record<string, ErrorKind>> = {
  DataInspectionFailed: 'content_policy',
  'InvalidParameter.DataInspection': 'content_policy',
  IPInfringementSuspect: 'content_policy',
  InvalidURL: 'invalid_input_url',
  'BadRequest.InputDownloadFailed': 'invalid_input_url',
  'BadRequest.UnsupportedFileFormat': 'invalid_input_url',
  InputDownloadFailed: 'invalid_input_url',
  Arrearage: 'insufficient_balance',
  PrepaidBillOverdue: 'insufficient_balance',
  PostpaidBillOverdue: 'insufficient_balance',
  CommodityNotPurchased: 'insufficient_balance',
  InvalidApiKey: 'authentication',
  ModelNotFound: 'not_found',
  WorkSpaceNotFound: 'not_found',
  RequestTimeOut: 'timeout',
  'InternalError.Timeout': 'timeout',
  UnsupportedOperation: 'invalid_request',
  ModelUnavailable: 'provider_error',
  SystemError: 'provider_error',
};
const prefixCodes: ReadonlyArray<readonly [string, ErrorKind]> = [
  ['InvalidParameter', 'invalid_request'],
  ['BadRequest', 'invalid_request'],
  ['AccessDenied', 'authentication'],
  ['Workspace.AccessDenied', 'authentication'],
  ['Model.AccessDenied', 'authentication'],
  ['Throttling', 'rate_limited'],
  ['LimitRequests', 'rate_limited'],
  ['InternalError', 'provider_error'],
];

/** The neutral kind of a DashScope code (`InvalidParameter.Foo` by its family), or `undefined`. */
export function upstreamCodeKind(code: string | undefined): ErrorKind | undefined {
  if (!code) return undefined;
  const exact = exactCodes[code];
  if (exact) return exact;
  return prefixCodes.find(([prefix]) => code === prefix || code.startsWith(`${prefix}.`))?.[1];
}

// Free-text rules, in priority order: codes first, then words. Download failures beat "timed out"
// ("Download the media resource timed out" is a bad input URL). `code`: the match is a code worth keeping.
const textRules: ReadonlyArray<{ pattern: RegExp; kind: ErrorKind; code: boolean }> = [
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
  { pattern: /\bdownload/i, kind: 'invalid_input_url', code: false },
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
  { pattern: /inappropriate|sensitive|moderation|content policy|nsfw/i, kind: 'content_policy', code: false },
];

// Relayed DashScope errors usually start with their code: "DataInspectionFailed: ...".
const leadingCode = /^\s*([A-Z][A-Za-z]+(?:\.[A-Z][A-Za-z]+)*)\s*:/;

/**
 * Reads a DashScope failure forwarded as free text: the kind of the first rule that matches, and the
 * code (the text's leading code, else the matched code). `undefined` when nothing is recognised.
 */
export function classifyUpstreamText(text: string): { kind: ErrorKind; code?: string } | undefined {
  for (const rule of textRules) {
    const match = rule.pattern.exec(text);
    if (!match) continue;
    const code = leadingCode.exec(text)?.[1] ?? (rule.code ? match[0] : undefined);
    return code === undefined ? { kind: rule.kind } : { kind: rule.kind, code };
  }
  return undefined;
}
