import type { WanAdapter } from '@wankit/core';
import type { ProviderId } from './config/provider-ids.js';
import { type UnitPrice, unitPrices, unitPriceText } from './runtime/price-text.js';

/** One price list as `wankit models` shows it: where it comes from, its currency, each model's unit prices. */
export interface PriceListData {
  readonly id: string;
  readonly provider: string;
  readonly currency: string;
  readonly source: string;
  /** The CLI providers whose costs are estimated from this list. */
  readonly usedBy: readonly ProviderId[];
  readonly models: Readonly<Record<string, readonly UnitPrice[]>>;
}

/** Every price list core knows, with the providers (adapters) that use each one. */
export async function buildPriceLists(
  adapters: readonly (readonly [ProviderId, WanAdapter])[],
): Promise<Record<string, PriceListData>> {
  const { priceLists } = await import('@wankit/core');
  return Object.fromEntries(
    Object.values(priceLists).map((list) => [
      list.id,
      {
        id: list.id,
        provider: list.provider,
        currency: list.currency,
        source: list.source,
        usedBy: adapters
          .filter(([, adapter]) => adapter.capabilities.priceList === list.id)
          .map(([id]) => id),
        models: Object.fromEntries(
          Object.entries(list.models).map(([model, price]) => [model, unitPrices(list, price)]),
        ),
      },
    ]),
  );
}

/** The lists to show: the provider's own when `--provider` names one (none if it has none), else all. */
export function priceListsFor(
  lists: Readonly<Record<string, PriceListData>>,
  provider: ProviderId | undefined,
): PriceListData[] {
  const all = Object.values(lists);
  return provider ? all.filter((list) => list.usedBy.includes(provider)) : all;
}

/** `price (apixo): 0.08 USD/s at 720p, 0.13 USD/s at 1080p` lines of one model, one per list that prices it. */
export function modelPriceLines(lists: readonly PriceListData[], model: string): string[] {
  return lists.flatMap((list) => {
    const prices = list.models[model];
    return prices && prices.length > 0 ? [`price (${list.id}): ${prices.map(unitPriceText).join(', ')}`] : [];
  });
}

/** The footer naming each list shown: its provider, currency, unit and source. */
export function priceListFooter(lists: readonly PriceListData[]): string[] {
  if (lists.length === 0) return [];
  return [
    'price lists (estimates from published prices; a provider may bill otherwise):',
    ...lists.map(
      (list) =>
        `  ${list.id}: ${list.provider}, ${list.currency} per second of video or per image` +
        `${list.usedBy.length > 0 ? `, used for ${list.usedBy.join(', ')}` : ''}; source: ${list.source}`,
    ),
  ];
}
