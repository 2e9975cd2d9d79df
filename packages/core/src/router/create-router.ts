import type { ModelId } from '../catalog/model-id.js';
import { sameBaseUrl } from '../client/ref-base-url.js';
import type { RequestBudgetLimits } from '../client/request-budget.js';
import type { SharedRequestBudget } from '../client/shared-budget.js';
import { WankitError } from '../errors/wankit-error.js';
import type { WanAdapter } from '../spec/adapter.js';
import { type FallbackRule, fallbackRules } from './route-attempt.js';
import { routerAdapter } from './router-adapter.js';

/** One provider of a router: an adapter with its own key and base URL (the key goes to that base URL only). */
export interface RouteConfig {
  readonly adapter: WanAdapter;
  readonly apiKey?: string;
  /** Default `adapter.defaultBaseUrl`. */
  readonly baseUrl?: string;
  /** Send only these models here; default every model the adapter serves. */
  readonly models?: readonly ModelId[];
  /** This provider account's limits (default the adapter's documented ones). */
  readonly limits?: RequestBudgetLimits;
  readonly sharedBudget?: SharedRequestBudget;
  readonly headers?: Record<string, string>;
}

export interface RouterOptions {
  /** The refusals that move a create on to the next provider. Default: every rule in `fallbackRules`. */
  readonly fallbackOn?: readonly FallbackRule[];
}

/** Providers in order of preference, for `createClient({ router })`. */
export interface Router {
  readonly routes: readonly RouteConfig[];
  readonly fallbackOn: readonly FallbackRule[];
  /**
   * The router described as one adapter (the union of what its providers serve): validate or prepare a request
   * with it before building a client; `client.adapter` of a routed client is this.
   */
  readonly adapter: WanAdapter;
}

const routers = new WeakSet<object>();

export const isRouter = (value: unknown): value is Router =>
  typeof value === 'object' && value !== null && routers.has(value);

const invalid = (message: string, field: string, value?: unknown, allowed?: readonly unknown[]) =>
  new WankitError({
    kind: 'invalid_request',
    message,
    field,
    ...(value === undefined ? {} : { value }),
    ...(allowed ? { allowed } : {}),
  });

/**
 * A router across providers: a create goes to the first provider that serves its model and moves on to the
 * next only after a refusal that provably created nothing (`fallbackOn`); never after an uncertain create.
 * Refs remember the provider (adapter id + base URL), so status, wait and download go back to it.
 */
export function createRouter(routes: readonly RouteConfig[], options: RouterOptions = {}): Router {
  if (!Array.isArray(routes) || routes.length === 0) {
    throw invalid('createRouter needs at least one provider: [{ adapter, apiKey, baseUrl? }, …]', 'routes');
  }
  const fallbackOn = options.fallbackOn ?? fallbackRules;
  for (const rule of fallbackOn) {
    if (!(fallbackRules as readonly string[]).includes(rule)) {
      throw invalid(`unknown fallback rule ${String(rule)}`, 'fallbackOn', rule, fallbackRules);
    }
  }
  const seen: { id: string; baseUrl: string | undefined }[] = [];
  routes.forEach((route, index) => {
    if (route?.adapter?.specificationVersion !== 'v2') {
      throw invalid(
        `routes[${index}].adapter is not a wankit adapter (specification v2)`,
        `routes[${index}].adapter`,
      );
    }
    const baseUrl = route.baseUrl ?? route.adapter.defaultBaseUrl;
    // A ref names its provider by adapter id and base URL: two routes sharing both could not be told apart.
    const twin = seen.find(
      (other) =>
        other.id === route.adapter.id &&
        (other.baseUrl === baseUrl ||
          (other.baseUrl !== undefined && baseUrl !== undefined && sameBaseUrl(other.baseUrl, baseUrl))),
    );
    if (twin) {
      throw invalid(
        `routes[${index}] repeats ${route.adapter.id} at ${String(baseUrl)}; a task ref could not tell the two apart`,
        `routes[${index}].baseUrl`,
        baseUrl,
      );
    }
    seen.push({ id: route.adapter.id, baseUrl });
  });
  const router: Router = Object.freeze({
    routes: Object.freeze([...routes]),
    fallbackOn: [...fallbackOn],
    adapter: routerAdapter(routes.map((route) => route.adapter)),
  });
  routers.add(router);
  return router;
}
