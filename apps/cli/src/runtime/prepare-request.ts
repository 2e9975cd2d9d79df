import type { PreparedRequest, WanAdapter } from '@wankit/core';

export type { PreparedRequest };

/**
 * Validates a draft against the catalog and the adapter, and builds its wire request, before anything is
 * sent (core's one `prepareRequest`); throws a WankitError (`invalid_request` / `unsupported`) naming the
 * field, the value and the allowed values. The result goes to `client.submit` as it is.
 */
export async function prepareRequest(
  draft: Record<string, unknown>,
  adapter: WanAdapter,
  callbackUrl?: string,
): Promise<PreparedRequest> {
  const core = await import('@wankit/core');
  return core.prepareRequest(adapter, draft as never, callbackUrl !== undefined ? { callbackUrl } : {});
}
