import { WankitError } from '../errors/wankit-error.js';
import type { RequestKind, Resolution } from '../spec/request.js';
import type { ModelId } from './model-id.js';
import type { ModelSpec } from './model-spec.js';
import { imageToVideoModels } from './models/image-to-video.js';
import { referenceToVideoModels } from './models/reference-to-video.js';
import { textToImageModels } from './models/text-to-image.js';
import { textToVideoModels } from './models/text-to-video.js';

// Typical times are written once for every tier; each model keeps only the tiers it offers.
function withOwnTiers(model: ModelSpec): ModelSpec {
  const tiers: readonly string[] = tiersOf(model);
  const typicalSeconds = Object.fromEntries(
    Object.entries(model.typicalSeconds).filter(([tier]) => tier === 'default' || tiers.includes(tier)),
  );
  return { ...model, typicalSeconds };
}

// A variant (dated snapshot, "prime" build) is its own entry with the base model's facts.
function withVariants(model: ModelSpec): ModelSpec[] {
  const { variants, ...base } = model;
  return [
    model,
    ...(variants ?? []).map((id) => ({
      ...base,
      id,
      description: `${model.description} (variant ${id} of ${model.id})`,
    })),
  ];
}

/** Every Wan model the seeds and the wire-format reference name, as data. */
export const modelCatalog: readonly ModelSpec[] = [
  ...textToVideoModels,
  ...imageToVideoModels,
  ...referenceToVideoModels,
  ...textToImageModels,
]
  .flatMap(withVariants)
  .map(withOwnTiers);

/**
 * Finds a model by canonical id or alias (e.g. `wan2.1-t2v-turbo` → `wanx2.1-t2v-turbo`). A model that serves
 * several kinds (wan3.0-video) has one entry per kind: give `kind` to get that one.
 */
export function getModel(
  id: ModelId,
  catalog: readonly ModelSpec[] = modelCatalog,
  kind?: RequestKind,
): ModelSpec | undefined {
  const named = catalog.filter((model) => model.id === id || model.aliases?.includes(id));
  const canonical = named.filter((model) => model.id === id);
  const pool = canonical.length > 0 ? canonical : named;
  return (kind ? pool.find((model) => model.kind === kind) : undefined) ?? pool[0];
}

/** The canonical ids of the catalog, each once. */
export const modelIds = (catalog: readonly ModelSpec[] = modelCatalog): string[] => [
  ...new Set(catalog.map((model) => model.id)),
];

export interface ModelFilter {
  readonly kind?: RequestKind;
  /** Models offering this tier. */
  readonly resolution?: Resolution;
  /** Models supporting this option, e.g. `audio` or `shotType`. */
  readonly supports?: keyof ModelSpec['supports'];
}

export function listModels(
  filter: ModelFilter = {},
  catalog: readonly ModelSpec[] = modelCatalog,
): ModelSpec[] {
  return catalog.filter(
    (model) =>
      (filter.kind === undefined || model.kind === filter.kind) &&
      (filter.resolution === undefined || tiersOf(model).includes(filter.resolution)) &&
      (filter.supports === undefined || model.supports[filter.supports]),
  );
}

/** The tiers a model offers: its size tiers (text-to-video) or its resolutions (image-to-video). */
export function tiersOf(model: ModelSpec): Resolution[] {
  if (model.resolutions) return [...model.resolutions];
  return Object.keys(model.sizes ?? {}) as Resolution[];
}

export type ModelOverrides = Readonly<Record<string, Partial<Omit<ModelSpec, 'id'>>>>;

/**
 * A copy of a catalog with some facts replaced, for providers whose limits differ from the seeds'
 * (e.g. DashScope's 768×768 minimum for `wan2.5-t2i-preview`). Pass the result as `catalog` to
 * `validateRequest`.
 */
export function withModelOverrides(
  overrides: ModelOverrides,
  catalog: readonly ModelSpec[] = modelCatalog,
): readonly ModelSpec[] {
  for (const id of Object.keys(overrides)) {
    if (!catalog.some((model) => model.id === id)) {
      throw new WankitError({
        kind: 'invalid_request',
        message: `cannot override unknown model ${id}; known models: ${catalog.map((m) => m.id).join(', ')}`,
        field: 'model',
        value: id,
        allowed: catalog.map((model) => model.id),
      });
    }
  }
  return catalog.map((model) => (overrides[model.id] ? { ...model, ...overrides[model.id] } : model));
}
