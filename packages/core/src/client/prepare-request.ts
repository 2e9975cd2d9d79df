import { getModel } from '../catalog/catalog.js';
import { type ValidateRequestOptions, validateRequest } from '../catalog/validate-request.js';
import { WankitError } from '../errors/wankit-error.js';
import type { AdapterRequestInput, WanAdapter, WireRequest } from '../spec/adapter.js';
import type { GenerationRequest } from '../spec/request.js';
import type { Warning } from '../spec/warning.js';

/**
 * A request checked once and translated once: validated against the catalog, refused or accepted by the
 * adapter, with the exact wire request that `submit` will send (before the key and base URL are added).
 * Make it with `client.prepare()`; hand it to `client.submit()`.
 */
export interface PreparedRequest {
  /** The adapter it was prepared for. */
  readonly adapter: string;
  readonly input: AdapterRequestInput;
  readonly wire: WireRequest;
  /** Catalog warnings, then the adapter's. */
  readonly warnings: readonly Warning[];
}

const prepared = new WeakSet<object>();

export function isPreparedRequest(value: unknown): value is PreparedRequest {
  return typeof value === 'object' && value !== null && prepared.has(value);
}

function unsupported(
  message: string,
  field: string,
  value: unknown,
  allowed: readonly unknown[],
): WankitError {
  return new WankitError({ kind: 'unsupported', message, field, value, allowed });
}

/**
 * Validation and the adapter's translation, in that order, with the refusals every adapter shares made
 * here once: a kind, a catalog model or a callback the adapter does not serve.
 */
export function prepareRequest(
  adapter: WanAdapter,
  request: GenerationRequest,
  options: ValidateRequestOptions & { callbackUrl?: string },
): PreparedRequest {
  const validated = validateRequest(request, options);
  const { kind, model } = validated.request;
  const { capabilities } = adapter;
  if (!capabilities.kinds.includes(kind)) {
    throw unsupported(
      `${adapter.name} does not offer ${kind}; it offers ${capabilities.kinds.join(', ')}`,
      'kind',
      kind,
      capabilities.kinds,
    );
  }
  // `validated.model === undefined`: the caller opted in to a model id outside the catalog.
  if (validated.model !== undefined && !capabilities.models.includes(model)) {
    const allowed = capabilities.models.filter(
      (id) => getModel(id, undefined, kind)?.kind === kind || !getModel(id),
    );
    throw unsupported(
      `${model} is not offered for ${kind} by ${adapter.name}; choose ${allowed.join(', ') || 'another adapter'}`,
      'model',
      model,
      allowed,
    );
  }
  if (options.callbackUrl !== undefined && !capabilities.callbacks) {
    throw unsupported(
      `${adapter.name} cannot call back; wait by polling instead (omit the callback)`,
      'callbackUrl',
      options.callbackUrl,
      [],
    );
  }
  const input: AdapterRequestInput = {
    request: validated.request,
    model: validated.model,
    providerModel: adapter.providerModelId(model),
    ...(options.callbackUrl === undefined ? {} : { callbackUrl: options.callbackUrl }),
  };
  const created = adapter.createRequest(input);
  const result: PreparedRequest = {
    adapter: adapter.id,
    input,
    wire: created.wire,
    warnings: [...validated.warnings, ...created.warnings],
  };
  prepared.add(result);
  return result;
}
