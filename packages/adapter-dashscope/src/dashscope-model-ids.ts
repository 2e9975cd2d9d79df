// Canonical Wan ids ↔ DashScope's ids, and the wire family each model speaks. Facts: SOURCES.md
// §1 (tags such as [MS-T2V26] resolve in its §6) and wire-formats.md §4.4.
import type { KnownModelId, RequestKind } from '@wankit/core';

/** The documented regions this adapter reaches. */
export type DashScopeRegion = 'singapore' | 'beijing' | 'virginia';

/**
 * The body a model takes:
 * - `text-size`: legacy text-to-video, `parameters.size` "W*H" (wan2.6 and older, [MS-T2V26]);
 * - `first-frame`: legacy image-to-video, `input.img_url` + `parameters.resolution` ([MS-I2V26]);
 * - `first-last-frame`: the kf2v models on `/image2video/`, `first_frame_url` + `last_frame_url` ([MS-KF2V]);
 * - `reference-urls`: wan2.6 reference-to-video, `input.reference_urls` + `size` ([MS-R2V26]);
 * - `text-ratio`: wan2.7 text-to-video, `resolution` + `ratio` ([MS-T2V27]);
 * - `frame-media`: wan2.7 image-to-video, `input.media` first_frame / last_frame / driving_audio ([MS-I2V27]);
 * - `reference-media`: wan2.7 reference-to-video, `input.media` references (+ voices) and a first frame ([MS-R2V27]);
 * - `all-in-one`: wan3.0, every mode through an optional `input.media` ([AC-WAN3]);
 * - `image`: text-to-image v2 on `/text2image/`, `size` + `n` ([MS-T2I]).
 */
export type DashScopeFamily =
  | 'text-size'
  | 'first-frame'
  | 'first-last-frame'
  | 'reference-urls'
  | 'text-ratio'
  | 'frame-media'
  | 'reference-media'
  | 'all-in-one'
  | 'image';

interface ModelFacts {
  readonly family: DashScopeFamily;
  /** `parameters.audio` exists: wan2.6-i2v-flash, wan2.6-r2v-flash ([MS-I2V26], [MS-R2V26]), wan3.0 ([AC-WAN3]). */
  readonly audioSwitch?: boolean;
}

const family = (name: DashScopeFamily, audioSwitch = false): ModelFacts => ({
  family: name,
  ...(audioSwitch ? { audioSwitch } : {}),
});

/** Every catalog model DashScope serves, by canonical id (the Beijing spelling, as the catalog keeps it). */
const modelTable = {
  'wan2.6-t2v': family('text-size'),
  'wan2.5-t2v-preview': family('text-size'),
  'wan2.2-t2v-plus': family('text-size'),
  'wanx2.1-t2v-turbo': family('text-size'),
  'wanx2.1-t2v-plus': family('text-size'),
  'wan2.7-t2v': family('text-ratio'),
  'wan2.6-i2v-flash': family('first-frame', true),
  'wan2.6-i2v': family('first-frame'),
  'wan2.5-i2v-preview': family('first-frame'),
  'wan2.2-i2v-flash': family('first-frame'),
  'wan2.2-i2v-plus': family('first-frame'),
  'wanx2.1-i2v-turbo': family('first-frame'),
  'wanx2.1-i2v-plus': family('first-frame'),
  'wan2.2-kf2v-flash': family('first-last-frame'),
  'wanx2.1-kf2v-plus': family('first-last-frame'),
  'wan2.7-i2v': family('frame-media'),
  'wan2.6-r2v': family('reference-urls'),
  'wan2.6-r2v-flash': family('reference-urls', true),
  'wan2.7-r2v': family('reference-media'),
  'wan3.0-video': family('all-in-one', true),
  'wan2.5-t2i-preview': family('image'),
  'wan2.2-t2i-flash': family('image'),
  'wan2.2-t2i-plus': family('image'),
  'wanx2.1-t2i-turbo': family('image'),
  'wanx2.1-t2i-plus': family('image'),
} as const satisfies Partial<Record<KnownModelId, ModelFacts>>;

/** The canonical ids DashScope serves (a catalog id, checked at compile time). */
export type DashScopeModelId = keyof typeof modelTable;

const models: Readonly<Record<string, ModelFacts>> = modelTable;

export const dashscopeModelIds = Object.keys(models) as readonly DashScopeModelId[];

/**
 * The family of a model DashScope does not list here (a caller's `allowUnknownModels` id): by its kind and the
 * id's generation, as the official SDK routes any id containing `kf2v` to `/image2video/` [DS-SDK] (INFERRED
 * for the rest: every documented id follows these rules).
 */
function inferredFamily(id: string, kind: RequestKind): DashScopeFamily {
  const wan3 = /^wan3/i.test(id);
  const newProtocol = /^wan2\.[7-9]/i.test(id);
  switch (kind) {
    case 'text-to-image':
      return 'image';
    case 'text-to-video':
      return wan3 ? 'all-in-one' : newProtocol ? 'text-ratio' : 'text-size';
    case 'image-to-video':
      if (/kf2v/i.test(id)) return 'first-last-frame';
      return wan3 ? 'all-in-one' : newProtocol ? 'frame-media' : 'first-frame';
    case 'reference-to-video':
      return wan3 ? 'all-in-one' : /^wan2\.6/i.test(id) ? 'reference-urls' : 'reference-media';
  }
}

/** The wire family of a request: the model's own, else inferred from the id the provider receives. */
export function familyOf(model: string, providerModel: string, kind: RequestKind): DashScopeFamily {
  return models[model]?.family ?? inferredFamily(providerModel, kind);
}

/**
 * Whether `parameters.audio` is sent. A model outside this table gets what its caller asked for (they opted in
 * to an id this package does not know).
 */
export function takesAudioSwitch(model: string): boolean {
  const facts = models[model];
  return facts === undefined || facts.audioSwitch === true;
}

/**
 * DashScope's id of a canonical model: the caller's mapping first; the international and US scopes spell the
 * 2.1 models `wan2.1-…` where Beijing has `wanx2.1-…` ([MS-PRICE], [MS-RL]; corpus 009 shows `wanx2.1-t2v-turbo`
 * on the Beijing host); every other id is the same everywhere.
 */
export function dashscopeModelIdOf(
  model: string,
  options: { region: DashScopeRegion; overrides?: Readonly<Record<string, string>> },
): string {
  const override = options.overrides?.[model];
  if (override) return override;
  return options.region === 'beijing' ? model : model.replace(/^wanx2\.1-/, 'wan2.1-');
}
