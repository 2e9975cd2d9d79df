import type { WanAdapter } from '@wankit/core';

/**
 * Makes every ref the adapter returns carry the base URL it was submitted to (not every adapter records
 * it), so `wankit wait <id>` in a later process finds the task where it lives without --base-url.
 */
export function recordBaseUrlInRefs(adapter: WanAdapter, baseUrl: string): WanAdapter {
  return {
    ...adapter,
    check: adapter.check?.bind(adapter),
    providerModelId: adapter.providerModelId.bind(adapter),
    status: adapter.status.bind(adapter),
    parseCallback: adapter.parseCallback?.bind(adapter),
    async submit(input, context) {
      const result = await adapter.submit(input, context);
      return result.ref.baseUrl ? result : { ...result, ref: { ...result.ref, baseUrl } };
    },
  };
}
