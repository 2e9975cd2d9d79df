import type {
  Logger,
  RequestBudgetLimits,
  ScheduleOptions,
  SharedRequestBudget,
  TaskJournal,
  WanAdapter,
  WankitClient,
} from '@wankit/core';
import type { ProviderId } from '../config/provider-ids.js';
import {
  isLoopbackUrl,
  localPlaceholderKey,
  type RouteTarget,
  type Target,
} from '../config/resolve-config.js';
import type { Io } from '../output/io.js';
import { combineLoggers } from './combine-loggers.js';
import { providers } from './providers.js';
import { watchServerTimeScale } from './server-time-scale.js';

/**
 * Time scale of the embedded simulator: documented durations × 0.05, so a 60 s video takes 3 s and
 * `wankit video` on a fresh machine finishes in a few seconds.
 */
export const embeddedTimeScale = 0.05;

/** A ready client for one provider, and what is needed to report on it and shut it down. */
export interface Connection {
  readonly provider: ProviderId;
  readonly adapter: WanAdapter;
  readonly client: WankitClient;
  readonly baseUrl: string;
  /** True for the in-process simulator: its tasks end with this process. */
  readonly embedded: boolean;
  /**
   * Task durations relative to the documented ones: `--time-scale`, else what a simulator's responses said
   * (`x-wankit-sim-time-scale`), else 1. May change after the first response.
   */
  readonly timeScale: number;
  /** The pace is settled: given by the user, or some response came back. Until then `wait` reads once first. */
  readonly timeScaleKnown: boolean;
  /** The time scale was given (`--time-scale`, `$WANKIT_TIME_SCALE`), not learned from the server. */
  readonly timeScaleGiven: boolean;
  close(): Promise<void>;
}

export interface ConnectOptions {
  readonly journal?: TaskJournal;
  /** The server's time scale as the user gave it (`--time-scale`); else learned from a simulator's answers. */
  readonly timeScale?: number | undefined;
  /** An adapter already loaded for validation. */
  readonly adapter?: WanAdapter;
  /** The user named the base URL (--base-url): refs created elsewhere are polled there. */
  readonly acceptRefsFromOtherBaseUrls?: boolean;
  /** The account's budget shared with other processes (`--store`), and this client's own limits. */
  readonly sharedBudget?: SharedRequestBudget;
  readonly limits?: RequestBudgetLimits;
  /** HTTP events (`--verbose`), already redacted by core. */
  readonly logger?: Logger;
}

/**
 * Poll schedule for a server that runs tasks at `timeScale` × the documented durations: core shrinks the
 * expected window and every default interval with it.
 */
export function scheduleFor(timeScale: number): ScheduleOptions | undefined {
  return timeScale === 1 ? undefined : { timeScale };
}

/** A router over the target's providers, in order; each adapter pointed at its own base URL. */
async function loadRouter(routes: readonly RouteTarget[]) {
  const { createRouter } = await import('@wankit/core');
  const configs = await Promise.all(
    routes.map(async (route) => ({
      adapter: await providers[route.provider].load({
        ...(route.baseUrl ? { baseUrl: route.baseUrl } : {}),
        allowLoopbackHttpCallbacks: isLoopbackUrl(route.baseUrl ?? ''),
      }),
      ...(route.apiKey !== undefined ? { apiKey: route.apiKey } : {}),
      ...(route.baseUrl !== undefined ? { baseUrl: route.baseUrl } : {}),
      ...(route.models ? { models: route.models } : {}),
    })),
  );
  return createRouter(configs);
}

/**
 * Loads the adapter for a target (without connecting): enough to validate and pick defaults. For several
 * providers, the router described as one adapter (what any of them serves).
 */
export async function loadAdapter(target: Target, allowLoopbackCallbacks = false): Promise<WanAdapter> {
  if (target.mode === 'remote' && target.routes) return (await loadRouter(target.routes)).adapter;
  // Adapters accept plain http: only on loopback; with --allow-insecure-http the client alone gets the URL.
  const insecure = target.mode === 'remote' && target.allowInsecureHttp === true;
  const baseUrl = target.mode === 'remote' && !insecure ? target.baseUrl : undefined;
  return providers[target.provider].load({
    ...target.settings,
    ...(baseUrl ? { baseUrl } : {}),
    allowLoopbackHttpCallbacks:
      allowLoopbackCallbacks || target.mode === 'embedded' || isLoopbackUrl(baseUrl ?? ''),
  });
}

/**
 * Builds the client. For the embedded target it first starts the simulator in-process on
 * 127.0.0.1:0 and points the adapter at it with a placeholder key, saying so on stderr.
 */
export async function connect(target: Target, io: Io, options: ConnectOptions = {}): Promise<Connection> {
  const { createClient } = await import('@wankit/core');
  if (target.mode === 'embedded') {
    const { startSimulator } = await import('@wankit/simulator');
    const simulator = await startSimulator({ port: 0, host: '127.0.0.1', timeScale: embeddedTimeScale });
    io.note(
      `using the embedded simulator (${target.reason === '--sim' ? '--sim' : 'no provider configured'}) at ${simulator.baseUrl}, speaking ${target.provider}; results are sample media. Configure a provider with --provider or WANKIT_PROVIDER (see \`wankit providers\`).`,
    );
    const adapter = await providers[target.provider].load({
      ...target.settings,
      baseUrl: simulator.baseUrl,
      allowLoopbackHttpCallbacks: true,
    });
    const client = createClient({
      adapter,
      apiKey: localPlaceholderKey,
      baseUrl: simulator.baseUrl,
      ...(options.journal ? { journal: options.journal } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      schedule: scheduleFor(embeddedTimeScale),
    });
    return {
      provider: target.provider,
      adapter,
      client,
      baseUrl: simulator.baseUrl,
      embedded: true,
      timeScale: embeddedTimeScale,
      timeScaleKnown: true,
      timeScaleGiven: false,
      close: () => simulator.close(),
    };
  }
  if (target.routes) {
    const timeScale = options.timeScale ?? 1;
    const schedule = scheduleFor(timeScale);
    const router = await loadRouter(target.routes);
    // A provider without a key is skipped by the router (nothing is sent to it); none at all is an error.
    if (target.routes.every((route) => route.apiKey === undefined)) {
      const { WankitError } = await import('@wankit/core');
      throw new WankitError({
        kind: 'authentication',
        message: `no API key for any of ${target.routes.map((route) => route.provider).join(', ')}: add "apiKeyEnv" to each router entry or providers.<id> in the config file`,
        field: 'apiKey',
      });
    }
    const client = createClient({
      ...(schedule ? { schedule } : {}),
      router,
      ...(options.journal ? { journal: options.journal } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    return {
      provider: target.provider,
      adapter: router.adapter,
      client,
      baseUrl: target.baseUrl ?? router.routes[0]?.adapter.defaultBaseUrl ?? '',
      embedded: false,
      timeScale,
      timeScaleKnown: options.timeScale !== undefined,
      timeScaleGiven: options.timeScale !== undefined,
      close: async () => {},
    };
  }
  if (target.apiKey === undefined) {
    const { WankitError } = await import('@wankit/core');
    throw new WankitError({
      kind: 'authentication',
      message: `no API key for ${target.provider}: set WANKIT_API_KEY, pass --api-key-env NAME, or add "apiKeyEnv" to the config file (see \`wankit providers\`)`,
      field: 'apiKey',
      allowed: ['$WANKIT_API_KEY', '--api-key-env NAME', '"apiKeyEnv" in the config file'],
    });
  }
  const adapter = options.adapter ?? (await loadAdapter(target));
  const baseUrl = target.baseUrl ?? adapter.defaultBaseUrl ?? '';
  const given = options.timeScale;
  // A `wankit sim` names its time scale on every response; `--time-scale` still wins.
  const server = watchServerTimeScale();
  const timeScale = () => given ?? server.value ?? 1;
  const client = createClient({
    schedule: { timeScale },
    logger: combineLoggers(server.logger, options.logger),
    adapter,
    ...(target.apiKey !== undefined ? { apiKey: target.apiKey } : {}),
    ...(target.baseUrl !== undefined ? { baseUrl: target.baseUrl } : {}),
    ...(target.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
    ...(options.journal ? { journal: options.journal } : {}),
    ...(options.acceptRefsFromOtherBaseUrls ? { acceptRefsFromOtherBaseUrls: true } : {}),
    ...(options.sharedBudget ? { sharedBudget: options.sharedBudget } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  return {
    provider: target.provider,
    adapter,
    client,
    baseUrl,
    embedded: false,
    get timeScale() {
      return timeScale();
    },
    get timeScaleKnown() {
      return given !== undefined || server.answered;
    },
    timeScaleGiven: given !== undefined,
    close: async () => {},
  };
}
