import type { ErrorKind } from '../errors/error-kind.js';

/** Why a router may move a create on to the next provider: each is a refusal that provably created nothing. */
export const fallbackRules = [
  /** 429 after the client's create retries (or a `Retry-After` longer than it waits). */
  'rate_limited',
  /** 503: the provider says it cannot take work now. */
  'unavailable',
  /** The connection was never made (refused, DNS, no route, TLS handshake): the request never left. */
  'not_sent',
  /** The key is missing, wrong or not allowed (401/403). */
  'authentication',
  /** The account cannot pay. */
  'insufficient_balance',
  /** The provider does not serve the model or kind (refused before sending, or a create answered 404). */
  'not_served',
] as const;
export type FallbackRule = (typeof fallbackRules)[number];

/**
 * One provider a router tried for a create, in order, as errors carry it (`error.attempts`). Plain JSON, no
 * key: the adapter id and base URL name the provider.
 */
export interface RouteAttempt {
  readonly adapter: string;
  readonly baseUrl?: string;
  /**
   * `skipped`: refused before anything was sent (model not served, no key); `refused`: sent and provably
   * refused; `uncertain`: the create may have been taken (never retried elsewhere); `submitted`: it took it.
   */
  readonly outcome: 'skipped' | 'refused' | 'uncertain' | 'submitted';
  readonly kind?: ErrorKind;
  readonly httpStatus?: number;
  /** The rule that let the router move on, when it did. */
  readonly fallback?: FallbackRule;
}
