import type { AspectRatio, RequestKind, Resolution, Size } from '../spec/request.js';

export type DurationRule =
  | { readonly type: 'fixed'; readonly value: number }
  | { readonly type: 'options'; readonly values: readonly number[]; readonly default: number }
  | { readonly type: 'range'; readonly min: number; readonly max: number; readonly default: number };

/** One tier's sizes, each with its aspect ratio. */
export type TierSizes = Readonly<Partial<Record<AspectRatio, Size>>>;

/** The real constraints of one Wan model, as the seeds and provider docs state them. Data, not code. */
export interface ModelSpec {
  /** Canonical id (DashScope spelling), e.g. `wan2.2-t2v-plus`. */
  readonly id: string;
  /** Other spellings of the same model (e.g. the international `wan2.1-…` ids of the Beijing `wanx2.1-…` models). */
  readonly aliases?: readonly string[];
  /**
   * Distinct provider models with the same constraints (a dated snapshot, a faster "prime" build): each
   * becomes a catalog entry of its own, so asking for one never silently sends the other.
   */
  readonly variants?: readonly string[];
  readonly kind: RequestKind;
  readonly description: string;
  /** Frame sizes by tier (text-to-video). */
  readonly sizes?: Readonly<Partial<Record<Resolution, TierSizes>>>;
  readonly defaultSize?: Size;
  /** Tiers offered (image-to-video uses a tier, not a size). */
  readonly resolutions?: readonly Resolution[];
  readonly defaultResolution?: Resolution;
  /** Video duration rule; absent for images. */
  readonly duration?: DurationRule;
  readonly prompt: { readonly required: boolean; readonly maxChars: number };
  readonly negativePromptMaxChars: number;
  /** Image count (text-to-image): provider default and the SDK's own default. */
  readonly count?: {
    readonly min: number;
    readonly max: number;
    readonly providerDefault: number;
    readonly default: number;
  };
  /** Free-form sizes (text-to-image): total pixel range and aspect-ratio range (width/height). */
  readonly pixelArea?: { readonly min: number; readonly max: number };
  readonly aspectRange?: { readonly min: number; readonly max: number };
  readonly recommendedSizes?: Readonly<Partial<Record<AspectRatio, Size>>>;
  readonly supports: {
    readonly audio: boolean;
    readonly audioUrl: boolean;
    readonly shotType: boolean;
    readonly template: boolean;
    readonly lastImage: boolean;
    readonly promptExtend: boolean;
    readonly watermark: boolean;
    readonly seed: boolean;
  };
  /** Reference-to-video: how many references of each type the model takes. */
  readonly references?: { readonly maxImages: number; readonly maxVideos: number; readonly maxTotal: number };
  /** Reference-to-video: a first frame (`image`) is taken besides the references. */
  readonly firstFrame?: boolean;
  /** The duration rule when any reference is a video (wan2.7-r2v: 2–10 s instead of 2–15 s). */
  readonly durationWithVideoReference?: DurationRule;
  /** Largest input image, inline or fetched (default 10 MB; DashScope wan2.5+ take 20 MB). */
  readonly maxImageBytes?: number;
  /** Every video has sound (wan2.7): `audio: false` cannot be honoured. */
  readonly alwaysAudio?: boolean;
  /** First-and-last-frame models cannot run without `lastImage`. */
  readonly requiresLastImage?: boolean;
  readonly seedRange: { readonly min: number; readonly max: number };
  /** Typical generation time in seconds by tier, `[low, high]`; `default` for models without tiers. */
  readonly typicalSeconds: Readonly<Partial<Record<Resolution | 'default', readonly [number, number]>>>;
  /** Where these facts come from (seed file or reference section). */
  readonly sources: readonly string[];
}
