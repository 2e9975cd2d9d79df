import { readFile } from 'node:fs/promises';
import type { ModelSpec } from '@wankit/core';
import { type ProviderId, providerIds } from './config/provider-ids.js';
import { buildPriceLists, type PriceListData } from './model-prices.js';
import { providers } from './runtime/providers.js';

/** What `wankit models` shows: the catalog, each model with the providers that serve it. */
export interface ModelsData {
  readonly models: readonly (ModelSpec & {
    readonly providers: { provider: ProviderId; providerModel: string }[];
  })[];
  readonly providers: Readonly<
    Record<string, { kinds: readonly string[]; limits: Record<string, unknown>; priceList: string | null }>
  >;
  /** Published price lists, by id: the source of the cost estimates (`--dry-run`, tasks without a reported cost). */
  readonly priceLists: Readonly<Record<string, PriceListData>>;
}

/** Computes the data from the catalog and the adapters (loads core, zod and every adapter). */
export async function buildModelsData(): Promise<ModelsData> {
  const { modelCatalog, modelsServedBy } = await import('@wankit/core');
  const adapters = await Promise.all(
    providerIds.map(async (id) => [id, await providers[id].load({})] as const),
  );
  // What each adapter declares it serves, by catalog entry (a model with several kinds counts per kind).
  const served = new Map(adapters.map(([id, adapter]) => [id, new Set(modelsServedBy(adapter))]));
  return {
    models: modelCatalog.map((model) => ({
      ...model,
      providers: adapters.flatMap(([provider, adapter]) =>
        served.get(provider)?.has(model)
          ? [{ provider, providerModel: adapter.providerModelId(model.id) }]
          : [],
      ),
    })),
    providers: Object.fromEntries(
      adapters.map(([id, adapter]) => [
        id,
        {
          kinds: adapter.capabilities.kinds,
          limits: { ...adapter.capabilities.limits },
          priceList: adapter.capabilities.priceList ?? null,
        },
      ]),
    ),
    priceLists: await buildPriceLists(adapters),
  };
}

/** File written next to the bundle at build time (tsup `onSuccess`), so `models` need not load zod and the adapters. */
export const modelsDataFile = 'models-data.json';

/** The build-time snapshot when present (the built CLI), else computed (tests running from source). */
export async function loadModelsData(): Promise<ModelsData> {
  try {
    return JSON.parse(await readFile(new URL(`./${modelsDataFile}`, import.meta.url), 'utf8')) as ModelsData;
  } catch {
    return buildModelsData();
  }
}
