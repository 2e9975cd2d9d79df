import type { imageToVideoModels } from './models/image-to-video.js';
import type { referenceToVideoModels } from './models/reference-to-video.js';
import type { textToImageModels } from './models/text-to-image.js';
import type { textToVideoModels } from './models/text-to-video.js';

// Derived from the catalog data itself (`as const satisfies readonly ModelSpec[]` in models/*.ts), so a model
// added there is a known id here with no second list to keep in step.
type CatalogEntry =
  | (typeof textToVideoModels)[number]
  | (typeof imageToVideoModels)[number]
  | (typeof referenceToVideoModels)[number]
  | (typeof textToImageModels)[number];

type IdOf<Entry> = Entry extends { readonly id: infer Id extends string } ? Id : never;
type VariantOf<Entry> = Entry extends { readonly variants: readonly (infer Id extends string)[] }
  ? Id
  : never;
type AliasOf<Entry> = Entry extends { readonly aliases: readonly (infer Id extends string)[] } ? Id : never;

/** Every canonical id in the catalog: each model's id and its variants' (a variant is a catalog entry of its own). */
export type KnownModelId = IdOf<CatalogEntry> | VariantOf<CatalogEntry>;

/** Other spellings the catalog accepts for a known model (e.g. `wan2.1-t2v-turbo` for `wanx2.1-t2v-turbo`). */
export type ModelAlias = AliasOf<CatalogEntry>;

/**
 * A model id as requests take it: editors complete the catalog's ids, and any other string is still accepted
 * (an alias, or a model the catalog does not know yet, with `allowUnknownModels`). `string & {}` keeps the
 * literal members from collapsing into `string`.
 */
export type ModelId = KnownModelId | (string & {});
