import type { RequestBudget } from './request-budget.js';

/**
 * A request budget shared with other processes that use the same provider account (e.g. a counter in a
 * database): every process takes a token before each HTTP request, so N processes together stay inside
 * the account's requests-per-minute limit.
 */
export interface SharedRequestBudget {
  /** Takes one request token from the account; resolves when the request may be sent. */
  takeRequest(signal?: AbortSignal): Promise<void> | undefined;
  /** The provider answered 429 with `Retry-After`: holds back every process of the account for `ms`. */
  pause(ms: number): void;
}

/**
 * The client's own budget (task slots, requests in flight, its own rate) with a shared one in front of the
 * network: a request takes the local token first, then the account's.
 */
export function withSharedBudget(
  local: RequestBudget,
  shared: SharedRequestBudget | undefined,
): RequestBudget {
  if (!shared) return local;
  return {
    ...local,
    async takeRequest(signal) {
      await local.takeRequest(signal);
      await shared.takeRequest(signal);
    },
    pause(ms) {
      local.pause(ms);
      shared.pause(ms);
    },
    acquireTask: (signal) => local.acquireTask(signal),
    openRequest: (signal) => local.openRequest(signal),
    usage: () => local.usage(),
  };
}
