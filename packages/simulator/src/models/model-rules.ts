/** Validation rules shared by the per-format model tables. Each table is the simulator's own reading of the seeds,
 * written independently of `@wankit/core`'s catalog so that a misreading cannot hide on both sides. */

export type VideoTier = '480p' | '720p' | '1080p';

export type DurationRule =
  | { readonly fixed: number }
  | { readonly options: readonly number[]; readonly default: number }
  | { readonly min: number; readonly max: number; readonly default: number };

/** Video frame sizes per tier (seeds 000, 002, 003). */
export const TIER_SIZES: Readonly<Record<VideoTier, readonly string[]>> = {
  '480p': ['832*480', '480*832', '624*624'],
  '720p': ['1280*720', '720*1280', '960*960', '1088*832', '832*1088'],
  '1080p': ['1920*1080', '1080*1920', '1440*1440', '1632*1248', '1248*1632'],
};

export interface ImageCountRule {
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

export interface PixelRule {
  /** Total pixels, inclusive. */
  readonly minPixels: number;
  readonly maxPixels: number;
  /** width / height, inclusive. */
  readonly minAspect: number;
  readonly maxAspect: number;
  /** Sizes the page recommends, accepted even where they miss the stated pixel range. */
  readonly recommended?: readonly string[];
}

export function durationDefault(rule: DurationRule): number {
  return 'fixed' in rule ? rule.fixed : rule.default;
}

export function describeDuration(rule: DurationRule): string {
  if ('fixed' in rule) return `${rule.fixed}`;
  if ('options' in rule) return rule.options.join(', ');
  return `an integer ${rule.min}-${rule.max}`;
}

export function durationAllowed(rule: DurationRule, value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isInteger(value)) return false;
  if ('fixed' in rule) return value === rule.fixed;
  if ('options' in rule) return rule.options.includes(value);
  return value >= rule.min && value <= rule.max;
}

/** The tier of a "W*H" size among the model's allowed sizes, or undefined when it is not allowed. */
export function tierOfSize(
  sizes: Readonly<Partial<Record<VideoTier, readonly string[]>>>,
  size: string,
): VideoTier | undefined {
  for (const [tier, list] of Object.entries(sizes) as [VideoTier, readonly string[]][]) {
    if (list.includes(size)) return tier;
  }
  return undefined;
}

export function allowedSizes(sizes: Readonly<Partial<Record<VideoTier, readonly string[]>>>): string[] {
  return Object.values(sizes).flatMap((list) => [...(list ?? [])]);
}

export interface Dimensions {
  readonly width: number;
  readonly height: number;
}

export function parseSize(size: string): Dimensions | undefined {
  const match = /^(\d{2,5})\*(\d{2,5})$/.exec(size);
  if (!match) return undefined;
  return { width: Number(match[1]), height: Number(match[2]) };
}

/** Why a free-form image size breaks the pixel rule, or undefined when it fits. */
export function pixelRuleProblem(rule: PixelRule, size: string): string | undefined {
  const dims = parseSize(size);
  if (!dims) return 'must be "W*H" (e.g. "1280*1280")';
  if (rule.recommended?.includes(size)) return undefined;
  const pixels = dims.width * dims.height;
  if (pixels < rule.minPixels || pixels > rule.maxPixels) {
    return `total pixels ${pixels} must be within [${rule.minPixels}, ${rule.maxPixels}]`;
  }
  const aspect = dims.width / dims.height;
  if (aspect < rule.minAspect || aspect > rule.maxAspect) return 'aspect ratio must be within 1:4 and 4:1';
  return undefined;
}

export const SEED_MAX = 2_147_483_647;

export function isSeed(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= SEED_MAX;
}

/** One failed check: the wire field (in that format's spelling) and a message naming the allowed values. */
export interface ValidationIssue {
  readonly field: string;
  readonly message: string;
}

export function issue(field: string, value: unknown, allowed: string): ValidationIssue {
  return {
    field,
    message: `${field}: ${JSON.stringify(value) ?? 'undefined'} is not allowed; allowed: ${allowed}`,
  };
}
