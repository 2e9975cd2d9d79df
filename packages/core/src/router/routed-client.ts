import { getModel } from '../catalog/catalog.js';
import type { ClientOptions, SubmitOptions, WankitClient } from '../client/client-options.js';
import { errorOf } from '../client/error-of.js';
import { runGenerate } from '../client/generate-flow.js';
import { isPreparedRequest, type PreparedRequest } from '../client/prepare-request.js';
import { sameBaseUrl } from '../client/ref-base-url.js';
import { systemClock } from '../clock/clock.js';
import { randomId } from '../crypto/portable-crypto.js';
import { WankitError } from '../errors/wankit-error.js';
import type { GenerationRequest } from '../spec/request.js';
import type { TaskRef } from '../spec/task.js';
import { isRouter, type RouteConfig, type Router } from './create-router.js';
import { fallbackRuleOf } from './fallback-rule.js';
import type { RouteAttempt } from './route-attempt.js';

/** `createClient({ router })`: the client options every provider shares; keys and base URLs are per route. */
export type RoutedClientOptions = Omit<
  ClientOptions,
  'adapter' | 'apiKey' | 'baseUrl' | 'headers' | 'limits' | 'sharedBudget' | 'acceptRefsFromOtherBaseUrls'
> & { readonly router: Router };

interface Route {
  readonly config: RouteConfig;
  readonly client: WankitClient;
  readonly baseUrl: string | undefined;
}

const label = (attempt: RouteAttempt) =>
  `${attempt.adapter}${attempt.baseUrl ? ` at ${attempt.baseUrl}` : ''}: ${attempt.outcome}${attempt.kind ? ` (${attempt.kind}${attempt.httpStatus ? ` ${attempt.httpStatus}` : ''})` : ''}`;

/** The error the caller sees, naming every provider tried. */
function withAttempts(error: WankitError, attempts: readonly RouteAttempt[]): WankitError {
  return error.with({
    attempts,
    message: `${error.message} [providers tried: ${attempts.map(label).join('; ')}]`,
  });
}

/**
 * One client per provider (each with its own key, base URL and request budget) behind the `WankitClient`
 * interface. Creates go to the first provider serving the model and fall back per the router's rules; every
 * call on a ref goes to the provider named in it, so a key is only ever sent to its own base URL.
 */
export function createRoutedClient(
  options: RoutedClientOptions,
  makeClient: (options: ClientOptions) => WankitClient,
): WankitClient {
  const { router, ...shared } = options;
  if (!isRouter(router)) {
    throw new WankitError({
      kind: 'invalid_request',
      message: 'router must come from createRouter([{ adapter, apiKey, baseUrl }, …])',
      field: 'router',
    });
  }
  const clock = options.clock ?? systemClock;
  const routes: Route[] = router.routes.map((config) => ({
    config,
    baseUrl: config.baseUrl ?? config.adapter.defaultBaseUrl,
    client: makeClient({
      ...shared,
      adapter: config.adapter,
      ...(config.apiKey !== undefined ? { apiKey: config.apiKey } : {}),
      ...(config.baseUrl !== undefined ? { baseUrl: config.baseUrl } : {}),
      ...(config.limits ? { limits: config.limits } : {}),
      ...(config.sharedBudget ? { sharedBudget: config.sharedBudget } : {}),
      ...(config.headers ? { headers: config.headers } : {}),
    }),
  }));
  const preparedBy = new WeakMap<PreparedRequest, Route>();

  const attemptOf = (route: Route, outcome: RouteAttempt['outcome'], error?: WankitError): RouteAttempt => ({
    adapter: route.config.adapter.id,
    ...(route.baseUrl ? { baseUrl: route.baseUrl } : {}),
    outcome,
    ...(error ? { kind: error.kind } : {}),
    ...(error?.httpStatus !== undefined ? { httpStatus: error.httpStatus } : {}),
  });

  /** A route's own model list, when it has one, decides before its adapter does (aliases included). */
  const listed = (route: Route, model: string) => {
    const only = route.config.models;
    if (!only) return true;
    const canonical = getModel(model)?.id ?? model;
    return only.some((id) => id === model || (getModel(id)?.id ?? id) === canonical);
  };

  /** Prepares for one route; `undefined` when the route does not serve the request (routing, not fallback). */
  const prepareOn = (
    route: Route,
    request: GenerationRequest,
    callbackUrl: string | undefined,
  ): PreparedRequest | undefined => {
    if (!listed(route, request.model)) return undefined;
    try {
      return route.client.prepare(request, callbackUrl ? { callbackUrl } : {});
    } catch (thrown) {
      if (WankitError.isInstance(thrown) && thrown.kind === 'unsupported') return undefined;
      throw thrown;
    }
  };

  const notServed = (request: GenerationRequest, attempts: RouteAttempt[]) =>
    new WankitError({
      kind: 'unsupported',
      message: `no provider of this router serves ${request.model} for ${request.kind} (${routes.map((r) => r.config.adapter.id).join(', ')})`,
      field: 'model',
      value: request.model,
      allowed: [
        ...new Set(
          routes.flatMap((route) =>
            route.config.adapter.capabilities.kinds.includes(request.kind)
              ? route.config.adapter.capabilities.models.filter(
                  (id) =>
                    listed(route, id) &&
                    (getModel(id, undefined, request.kind)?.kind ?? request.kind) === request.kind,
                )
              : [],
          ),
        ),
      ],
      attempts,
    });

  const routeOf = (ref: TaskRef): Route => {
    const own = routes.filter((route) => route.config.adapter.id === ref?.adapter);
    const found =
      ref?.baseUrl === undefined
        ? own[0]
        : own.find(
            (route) => route.baseUrl !== undefined && sameBaseUrl(route.baseUrl, ref.baseUrl as string),
          );
    if (found) return found;
    throw new WankitError({
      kind: 'invalid_request',
      message: `task ${String(ref?.taskId)} was created by ${String(ref?.adapter)} at ${String(ref?.baseUrl)}; no provider of this router is that one`,
      field: 'ref',
      value: { adapter: ref?.adapter, baseUrl: ref?.baseUrl },
      allowed: routes.map((route) => ({ adapter: route.config.adapter.id, baseUrl: route.baseUrl })),
      ...(ref?.spec === 'wankit.task/v1' ? { taskRef: ref } : {}),
    });
  };

  const routeOfPrepared = (prepared: PreparedRequest): Route | undefined =>
    preparedBy.get(prepared) ?? routes.find((route) => route.config.adapter.id === prepared.adapter);

  const submit: WankitClient['submit'] = async (requestOrPrepared, submitOptions: SubmitOptions = {}) => {
    const prepared = isPreparedRequest(requestOrPrepared) ? requestOrPrepared : undefined;
    const request = prepared ? prepared.input.request : (requestOrPrepared as GenerationRequest);
    const callbackUrl =
      submitOptions.callback?.url ?? submitOptions.callbackUrl ?? prepared?.input.callbackUrl;
    // One key for every attempt: the journal shows intent → refused → intent → submitted under it.
    const key = submitOptions.key ?? submitOptions.callback?.key ?? randomId();
    const attempts: RouteAttempt[] = [];
    let refusal: WankitError | undefined;
    for (const route of routes) {
      const ready =
        prepared && preparedBy.get(prepared) === route ? prepared : prepareOn(route, request, callbackUrl);
      if (!ready) continue;
      try {
        const result = await route.client.submit(ready, { ...submitOptions, key });
        return result;
      } catch (thrown) {
        const error = errorOf(thrown);
        const rule = fallbackRuleOf(error);
        const stopped = submitOptions.signal?.aborted || submitOptions.cancelBeforeSend?.aborted;
        const moveOn = rule !== undefined && router.fallbackOn.includes(rule) && !stopped;
        // As the client journals it: unknown after a create that may have been sent.
        const uncertain =
          error.kind === 'submit_uncertain' ||
          (error.kind === 'aborted' && error.requestSent !== undefined && error.requestSent !== false);
        attempts.push({
          ...attemptOf(route, uncertain ? 'uncertain' : 'refused', error),
          ...(moveOn ? { fallback: rule } : {}),
        });
        if (!moveOn) throw withAttempts(error, attempts);
        options.logger?.warn?.('router: provider refused the create; trying the next one', {
          adapter: route.config.adapter.id,
          baseUrl: route.baseUrl,
          kind: error.kind,
          rule,
        });
        refusal = error;
      }
    }
    if (refusal) throw withAttempts(refusal, attempts);
    throw notServed(request, attempts);
  };

  const client: WankitClient = {
    adapter: router.adapter,

    prepare(request, prepareOptions = {}) {
      for (const route of routes) {
        const prepared = prepareOn(route, request, prepareOptions.callbackUrl);
        if (prepared) {
          preparedBy.set(prepared, route);
          return prepared;
        }
      }
      // Validation of a request no provider takes still names its real problem first.
      routes[0]?.client.prepare(request, prepareOptions);
      throw notServed(request, []);
    },

    preview(prepared) {
      const route = routeOfPrepared(prepared);
      if (!route) throw notServed(prepared.input.request, []);
      return route.client.preview(prepared);
    },

    submit,
    status: async (ref, statusOptions) => routeOf(ref).client.status(ref, statusOptions),
    cancel: async (ref, cancelOptions) => routeOf(ref).client.cancel(ref, cancelOptions),
    wait: async (ref, waitOptions) => routeOf(ref).client.wait(ref, waitOptions),
    generate: (request, generateOptions = {}) =>
      runGenerate(
        {
          clock,
          deadlineMs: options.timeouts?.deadlineMs,
          submit,
          wait: async (ref, waitOptions) => routeOf(ref).client.wait(ref, waitOptions),
          download: async (snapshot, downloadOptions) =>
            routeOf(snapshot.ref).client.download(snapshot, downloadOptions),
        },
        request,
        generateOptions,
      ),
    // A result URL carries no key: any provider's client can fetch a bare URL.
    download: async (source, downloadOptions) =>
      (typeof source === 'string' ? (routes[0] as Route) : routeOf(source.ref)).client.download(
        source,
        downloadOptions,
      ),
    release: (ref) => routeOf(ref).client.release(ref),
    usage: () =>
      routes.reduce(
        (sum, route) => {
          const used = route.client.usage();
          return {
            activeTasks: sum.activeTasks + used.activeTasks,
            waitingTasks: sum.waitingTasks + used.waitingTasks,
          };
        },
        { activeTasks: 0, waitingTasks: 0 },
      ),
  };
  return client;
}
