import { WankitError } from '../errors/wankit-error.js';
import { specificationVersion, type WanAdapter } from '../spec/adapter.js';
import type { TaskRef } from '../spec/task.js';

const union = <T>(lists: readonly (readonly T[])[]): T[] => [...new Set(lists.flat())];

/**
 * What `client.adapter` is on a routed client: the router described as one adapter (capabilities are the union
 * of its providers'). Methods on a task ref are answered by the ref's own adapter; create-side methods by the
 * first provider serving the model (the router's `prepare`/`submit` pick the real one).
 */
export function routerAdapter(adapters: readonly WanAdapter[]): WanAdapter {
  const first = adapters[0] as WanAdapter;
  const serving = (model: string) => adapters.find((a) => a.capabilities.models.includes(model)) ?? first;
  const owner = (ref: TaskRef): WanAdapter => {
    const found = adapters.find((a) => a.id === ref.adapter);
    if (found) return found;
    throw new WankitError({
      kind: 'invalid_request',
      message: `the task ref belongs to ${String(ref?.adapter)}; this router speaks ${adapters.map((a) => a.id).join(', ')}`,
      field: 'ref.adapter',
      value: ref?.adapter,
      allowed: adapters.map((a) => a.id),
    });
  };
  const withCancel = adapters.filter((a) => a.capabilities.cancel && a.cancelRequest);
  return {
    specificationVersion,
    id: 'router',
    name: `router (${adapters.map((a) => a.id).join(' → ')})`,
    capabilities: {
      kinds: union(adapters.map((a) => a.capabilities.kinds)),
      models: union(adapters.map((a) => a.capabilities.models)),
      callbacks: adapters.some((a) => a.capabilities.callbacks),
      cancel: withCancel.length > 0,
      progress: adapters.every((a) => a.capabilities.progress),
      limits: {},
    },
    defaultBaseUrl: undefined,
    providerModelId: (model) => serving(model).providerModelId(model),
    createRequest: (input) => serving(input.request.model).createRequest(input),
    readCreate: (response, context) => first.readCreate(response, context),
    statusRequest: (ref) => owner(ref).statusRequest(ref),
    readStatus: (response, context) => owner(context.ref).readStatus(response, context),
    readCallback: (body, context) => {
      const adapter = owner(context.ref);
      if (!adapter.readCallback) {
        throw new WankitError({ kind: 'invalid_response', message: `${adapter.name} does not call back` });
      }
      return adapter.readCallback(body, context);
    },
    ...(withCancel.length > 0
      ? {
          cancelRequest: (ref: TaskRef) => {
            const adapter = owner(ref);
            if (!adapter.cancelRequest) {
              throw new WankitError({ kind: 'unsupported', message: `${adapter.name} cannot cancel a task` });
            }
            return adapter.cancelRequest(ref);
          },
          readCancel: (response, context) => owner(context.ref).readCancel?.(response, context),
        }
      : {}),
  } satisfies WanAdapter;
}
