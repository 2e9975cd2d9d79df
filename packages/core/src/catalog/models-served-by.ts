import type { WanAdapter } from '../spec/adapter.js';
import { modelCatalog } from './catalog.js';
import type { ModelSpec } from './model-spec.js';

/**
 * The catalog entries an adapter serves, as its capabilities declare them: the model's id (or one of its
 * aliases) is among `capabilities.models` and its kind among `capabilities.kinds`. A model serving several
 * kinds (wan3.0-video) appears once per kind the adapter offers.
 */
export function modelsServedBy(
  adapter: Pick<WanAdapter, 'capabilities'>,
  catalog: readonly ModelSpec[] = modelCatalog,
): ModelSpec[] {
  const { kinds, models } = adapter.capabilities;
  const served = new Set(models);
  return catalog.filter(
    (model) =>
      kinds.includes(model.kind) &&
      (served.has(model.id) || (model.aliases ?? []).some((alias) => served.has(alias))),
  );
}
