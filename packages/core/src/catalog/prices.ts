import type { GenerationRequest, Resolution } from '../spec/request.js';
import { getModel } from './catalog.js';
import { defaultTier, resolveFrame } from './frame.js';

/** What one model costs on one provider: per second of video by tier, or per image. */
export type ModelPrice =
  | {
      readonly perSecond: Readonly<Partial<Record<Resolution, number>>>;
      /** Flash models bill less when `audio: false` (silent video). */
      readonly perSecondSilent?: Readonly<Partial<Record<Resolution, number>>>;
    }
  | { readonly perImage: number };

/** One provider's published price table for Wan models. Data, with its source. */
export interface PriceList {
  readonly id: string;
  readonly provider: string;
  readonly currency: 'USD' | 'CNY';
  readonly source: string;
  readonly models: Readonly<Record<string, ModelPrice>>;
}

const tiers = (p480: number | undefined, p720: number | undefined, p1080: number | undefined) =>
  Object.fromEntries(
    (
      [
        ['480p', p480],
        ['720p', p720],
        ['1080p', p1080],
      ] as const
    ).filter(([, price]) => price !== undefined),
  ) as Partial<Record<Resolution, number>>;

// Alibaba Cloud Model Studio's price page (zh mirror in modelstudioai/skills, snapshot 2026-05-30;
// ). Reference-to-video also bills the input video seconds (capped at 5 s): an estimate
// from output seconds alone is a lower bound there.
const beijing: PriceList['models'] = {
  'wan2.7-t2v': { perSecond: tiers(undefined, 0.6, 1.0) },
  'wan2.7-i2v': { perSecond: tiers(undefined, 0.6, 1.0) },
  'wan2.7-r2v': { perSecond: tiers(undefined, 0.6, 1.0) },
  'wan2.6-t2v': { perSecond: tiers(undefined, 0.6, 1.0) },
  'wan2.6-i2v': { perSecond: tiers(undefined, 0.6, 1.0) },
  'wan2.6-r2v': { perSecond: tiers(undefined, 0.6, 1.0) },
  'wan2.6-i2v-flash': {
    perSecond: tiers(undefined, 0.3, 0.5),
    perSecondSilent: tiers(undefined, 0.15, 0.25),
  },
  'wan2.6-r2v-flash': {
    perSecond: tiers(undefined, 0.3, 0.5),
    perSecondSilent: tiers(undefined, 0.15, 0.25),
  },
  'wan2.5-t2v-preview': { perSecond: tiers(0.3, 0.6, 1.0) },
  'wan2.5-i2v-preview': { perSecond: tiers(0.3, 0.6, 1.0) },
  'wan2.2-t2v-plus': { perSecond: tiers(0.14, undefined, 0.7) },
  'wanx2.1-t2v-turbo': { perSecond: tiers(0.24, 0.24, undefined) },
  'wanx2.1-t2v-plus': { perSecond: tiers(undefined, 0.7, undefined) },
  'wan2.2-i2v-flash': { perSecond: tiers(0.1, 0.2, 0.48) },
  'wan2.2-i2v-plus': { perSecond: tiers(0.14, undefined, 0.7) },
  'wanx2.1-i2v-turbo': { perSecond: tiers(0.24, 0.24, undefined) },
  'wanx2.1-i2v-plus': { perSecond: tiers(undefined, 0.7, undefined) },
  'wan2.2-kf2v-flash': { perSecond: tiers(0.1, 0.2, 0.48) },
  'wanx2.1-kf2v-plus': { perSecond: tiers(undefined, 0.7, undefined) },
  'wan2.5-t2i-preview': { perImage: 0.2 },
  'wan2.2-t2i-plus': { perImage: 0.2 },
  'wan2.2-t2i-flash': { perImage: 0.14 },
  'wanx2.1-t2i-plus': { perImage: 0.2 },
  'wanx2.1-t2i-turbo': { perImage: 0.14 },
};

// The international (Singapore) scope of the same page, quoted in CNY; the USD figures are the page's CNY
// divided by 7.33924, which gives round list prices for every row (INFERRED; LiteLLM's price file carries the
// same USD figures).
const international: PriceList['models'] = {
  'wan2.7-t2v': { perSecond: tiers(undefined, 0.1, 0.15) },
  'wan2.7-i2v': { perSecond: tiers(undefined, 0.1, 0.15) },
  'wan2.7-r2v': { perSecond: tiers(undefined, 0.1, 0.15) },
  'wan2.6-t2v': { perSecond: tiers(undefined, 0.1, 0.15) },
  'wan2.6-i2v': { perSecond: tiers(undefined, 0.1, 0.15) },
  'wan2.6-r2v': { perSecond: tiers(undefined, 0.1, 0.15) },
  'wan2.6-i2v-flash': {
    perSecond: tiers(undefined, 0.05, 0.075),
    perSecondSilent: tiers(undefined, 0.025, 0.0375),
  },
  'wan2.6-r2v-flash': {
    perSecond: tiers(undefined, 0.05, 0.075),
    perSecondSilent: tiers(undefined, 0.025, 0.0375),
  },
  'wan2.5-t2v-preview': { perSecond: tiers(0.05, 0.1, 0.15) },
  'wan2.5-i2v-preview': { perSecond: tiers(0.05, 0.1, 0.15) },
  'wan2.2-t2v-plus': { perSecond: tiers(0.02, undefined, 0.1) },
  'wanx2.1-t2v-turbo': { perSecond: tiers(0.036, 0.036, undefined) },
  'wanx2.1-t2v-plus': { perSecond: tiers(undefined, 0.1, undefined) },
  'wan2.2-i2v-flash': { perSecond: tiers(0.015, 0.036, undefined) },
  'wan2.2-i2v-plus': { perSecond: tiers(0.02, undefined, 0.1) },
  'wanx2.1-i2v-turbo': { perSecond: tiers(0.036, 0.036, undefined) },
  'wanx2.1-i2v-plus': { perSecond: tiers(undefined, 0.1, undefined) },
  'wanx2.1-kf2v-plus': { perSecond: tiers(undefined, 0.1, undefined) },
  'wan2.5-t2i-preview': { perImage: 0.03 },
  'wan2.2-t2i-plus': { perImage: 0.05 },
  'wan2.2-t2i-flash': { perImage: 0.025 },
  'wanx2.1-t2i-plus': { perImage: 0.05 },
  'wanx2.1-t2i-turbo': { perImage: 0.025 },
};

/** Every price list wankit knows. vtrix reports each task's cost itself; yutoai publishes no prices. */
export const priceLists: Readonly<Record<string, PriceList>> = {
  'dashscope-cn': {
    id: 'dashscope-cn',
    provider: 'Alibaba Cloud Model Studio (China mainland, Beijing)',
    currency: 'CNY',
    source: 'Model Studio price page, zh mirror modelstudioai/skills@62167f82 (2026-05-30)',
    models: beijing,
  },
  'dashscope-intl': {
    id: 'dashscope-intl',
    provider: 'Alibaba Cloud Model Studio (international, Singapore / US)',
    currency: 'USD',
    source:
      'Model Studio price page (international scope, CNY ÷ 7.33924), modelstudioai/skills@62167f82 (2026-05-30)',
    models: international,
  },
  apixo: {
    id: 'apixo',
    provider: 'apixo.ai',
    currency: 'USD',
    source: "apixo.ai's Wan 2.5 API page (wan-2-5): $0.08/s at 720p, $0.13/s at 1080p",
    models: {
      'wan2.5-t2v-preview': { perSecond: tiers(undefined, 0.08, 0.13) },
      'wan2.5-i2v-preview': { perSecond: tiers(undefined, 0.08, 0.13) },
    },
  },
};

export interface CostEstimate {
  readonly amount: number;
  readonly currency: 'USD' | 'CNY';
  /** Always true: a figure from a price table, not what the provider billed. */
  readonly estimated: true;
  readonly priceList: string;
}

/** What a task is billed by: its model, tier, seconds of video or number of images, and sound. */
export interface Billable {
  readonly model: string;
  readonly resolution?: Resolution;
  readonly seconds?: number;
  readonly images?: number;
  readonly audio?: boolean;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** The estimated cost of a billable job on a price list, or `undefined` when the list has no price for it. */
export function estimateCost(listId: string | undefined, job: Billable): CostEstimate | undefined {
  const list = listId === undefined ? undefined : priceLists[listId];
  const canonical = getModel(job.model)?.id ?? job.model;
  const price = list?.models[canonical];
  if (!list || !price) return undefined;
  let amount: number | undefined;
  if ('perImage' in price) {
    amount = job.images === undefined ? undefined : price.perImage * job.images;
  } else if (job.resolution && job.seconds !== undefined) {
    const table = job.audio === false && price.perSecondSilent ? price.perSecondSilent : price.perSecond;
    const perSecond = table[job.resolution];
    amount = perSecond === undefined ? undefined : perSecond * job.seconds;
  }
  return amount === undefined
    ? undefined
    : { amount: round(amount), currency: list.currency, estimated: true, priceList: list.id };
}

/** The billable facts of a request, completed with the model's defaults (tier, duration, count). */
export function billableOf(request: GenerationRequest): Billable {
  const model = getModel(request.model, undefined, request.kind);
  if (request.kind === 'text-to-image') {
    return { model: request.model, images: request.count ?? model?.count?.default ?? 1 };
  }
  const resolution = resolveFrame(request, model).resolution ?? (model ? defaultTier(model) : undefined);
  const rule = model?.duration;
  const seconds =
    request.durationSeconds ?? (rule ? (rule.type === 'fixed' ? rule.value : rule.default) : undefined);
  return {
    model: request.model,
    ...(resolution ? { resolution } : {}),
    ...(seconds !== undefined ? { seconds } : {}),
    ...(request.audio !== undefined ? { audio: request.audio } : {}),
  };
}
