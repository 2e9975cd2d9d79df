import type { Billable, ModelPrice, PriceList } from '@wankit/core';

/** One unit price of a model on a price list: per second of video at a tier (with or without sound), or per image. */
export interface UnitPrice {
  readonly unit: 'second' | 'image';
  readonly resolution?: string;
  /** Set on the silent-video price of flash models (billed less with `audio: false`). */
  readonly silent?: true;
  readonly price: number;
  readonly currency: PriceList['currency'];
}

/** Every unit price of one model on a list, in tier order. */
export function unitPrices(list: PriceList, price: ModelPrice): UnitPrice[] {
  if ('perImage' in price) return [{ unit: 'image', price: price.perImage, currency: list.currency }];
  const rows: UnitPrice[] = [];
  for (const [table, silent] of [
    [price.perSecond, false],
    [price.perSecondSilent ?? {}, true],
  ] as const) {
    for (const resolution of ['480p', '720p', '1080p'] as const) {
      const amount = table[resolution];
      if (amount === undefined) continue;
      rows.push({
        unit: 'second',
        resolution,
        ...(silent ? { silent: true as const } : {}),
        price: amount,
        currency: list.currency,
      });
    }
  }
  return rows;
}

/** `0.08 USD/s at 720p`, `0.03 USD/image`. */
export function unitPriceText(unit: UnitPrice): string {
  if (unit.unit === 'image') return `${unit.price} ${unit.currency}/image`;
  return `${unit.price} ${unit.currency}/s at ${unit.resolution}${unit.silent ? ' (silent)' : ''}`;
}

/** How an estimate was reached: `5 s × 0.08 USD/s at 720p`, `2 images × 0.03 USD/image`. */
export function costBasisText(list: PriceList, billable: Billable): string | undefined {
  const price = list.models[billable.model];
  if (!price) return undefined;
  if ('perImage' in price) {
    return billable.images === undefined
      ? undefined
      : `${billable.images} image${billable.images === 1 ? '' : 's'} × ${price.perImage} ${list.currency}/image`;
  }
  if (!billable.resolution || billable.seconds === undefined) return undefined;
  const silent = billable.audio === false && price.perSecondSilent !== undefined;
  const perSecond = (silent ? price.perSecondSilent : price.perSecond)?.[billable.resolution];
  return perSecond === undefined
    ? undefined
    : `${billable.seconds} s × ${perSecond} ${list.currency}/s at ${billable.resolution}${silent ? ' (silent)' : ''}`;
}
