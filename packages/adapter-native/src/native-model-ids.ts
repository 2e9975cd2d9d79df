// Canonical Wan ids ↔ the native gateway's ids (wire-formats.md §1.4).
import type { KnownModelId, Resolution } from '@wankit/core';

/**
 * The gateway spells ids underscored and dot-free: seed 000 `wan22_t2v_plus`, seed 001 `wan25_t2i_preview`,
 * seed 002 `wan26_t2v`, and V4–V6 `wan26_i2v`, `wan25_t2v_preview`, `wan25_i2v_preview`.
 */
const nativeModelTable = {
  'wan2.2-t2v-plus': 'wan22_t2v_plus',
  'wan2.5-t2v-preview': 'wan25_t2v_preview',
  'wan2.6-t2v': 'wan26_t2v',
  'wan2.5-i2v-preview': 'wan25_i2v_preview',
  'wan2.6-i2v': 'wan26_i2v',
  'wan2.5-t2i-preview': 'wan25_t2i_preview',
} as const satisfies Partial<Record<KnownModelId, string>>;

/** The canonical ids the native gateway serves (a catalog id, checked at compile time). */
export type NativeModelId = keyof typeof nativeModelTable;

export const nativeModelIds: Readonly<Record<string, string>> = nativeModelTable;

/**
 * The `_intl` ids documented for the international (Singapore) upstream (V2, V6). Models without one keep
 * their default id in the `intl` region.
 */
const intlModelIds: Readonly<Record<string, string>> = {
  'wan2.5-i2v-preview': 'wan25_i2v_preview_intl',
  'wan2.5-t2i-preview': 'wan25_t2i_preview_intl',
};

/** Tiers narrower on the gateway than on the model: `wan25_i2v_preview(_intl)` takes 720P|1080P only (V6). */
export const nativeResolutions: Readonly<Record<string, readonly Resolution[]>> = {
  'wan2.5-i2v-preview': ['720p', '1080p'],
};

export type NativeRegion = 'default' | 'intl';

/**
 * The gateway id of a model: the caller's mapping, the region's table, the default table, or the documented
 * spelling rule for a model in none of them (INFERRED: every documented id follows it).
 */
export function nativeModelIdOf(
  model: string,
  options: { region?: NativeRegion; overrides?: Readonly<Record<string, string>> } = {},
): string {
  const override = options.overrides?.[model];
  if (override) return override;
  const intl = options.region === 'intl' ? intlModelIds[model] : undefined;
  return intl ?? nativeModelIds[model] ?? model.replace(/\./g, '').replace(/-/g, '_');
}
