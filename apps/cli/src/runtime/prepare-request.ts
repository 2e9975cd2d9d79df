import type { GenerationRequest, ModelSpec, WanAdapter, Warning } from '@wankit/core';

export interface PreparedRequest {
  readonly request: GenerationRequest;
  readonly model: ModelSpec | undefined;
  readonly warnings: readonly Warning[];
}

/**
 * Validates a draft against the catalog and the adapter before anything is sent; throws a
 * WankitError (`invalid_request` / `unsupported`) naming the field, the value and the allowed values.
 */
export async function prepareRequest(
  draft: Record<string, unknown>,
  adapter: WanAdapter,
  callbackUrl?: string,
): Promise<PreparedRequest> {
  const { validateRequest } = await import('@wankit/core');
  const validated = validateRequest(draft);
  const adapterWarnings =
    adapter.check?.({
      request: validated.request,
      model: validated.model,
      ...(callbackUrl !== undefined ? { callbackUrl } : {}),
    }) ?? [];
  return {
    request: validated.request,
    model: validated.model,
    warnings: [...validated.warnings, ...adapterWarnings],
  };
}
