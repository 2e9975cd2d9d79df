import { type DurationRule, type PixelRule, TIER_SIZES, type VideoTier } from './model-rules.js';

/**
 * The Wan models DashScope (Alibaba Cloud Model Studio) serves, with the request rules the simulator enforces.
 * Written from the sources listed in packages/adapter-dashscope/SOURCES.md (tags [MS-…]) and wire-formats.md §4, not
 * from any adapter or from @wankit/core's catalog.
 */

/** The three create paths under `/api/v1/services/aigc/`. */
export type DashScopeEndpoint = 'video-generation' | 'image2video' | 'text2image';

export const DASHSCOPE_PATHS: Readonly<Record<DashScopeEndpoint, string>> = {
  'video-generation': '/api/v1/services/aigc/video-generation/video-synthesis',
  image2video: '/api/v1/services/aigc/image2video/video-synthesis',
  text2image: '/api/v1/services/aigc/text2image/image-synthesis',
};

/**
 * The body a model takes:
 * - `t2v`: legacy text-to-video, `parameters.size` "W*H" ([MS-T2V26]);
 * - `i2v`: legacy first-frame image-to-video, `input.img_url` + `parameters.resolution` ([MS-I2V26]);
 * - `kf2v`: first-and-last-frame, `input.first_frame_url` / `last_frame_url` ([MS-KF2V]);
 * - `r2v`: wan2.6 reference-to-video, `input.reference_urls` + `parameters.size` ([MS-R2V26]);
 * - `t2v-ratio`: wan2.7 text-to-video, `parameters.resolution` + `ratio` ([MS-T2V27]);
 * - `i2v-media` / `r2v-media`: wan2.7 `input.media[]` ([MS-I2V27], [MS-R2V27]);
 * - `all-in-one`: wan3.0, every mode through optional `input.media[]` ([AC-WAN3]);
 * - `t2i`: text-to-image v2, `parameters.size` + `n` ([MS-T2I]).
 */
export type DashScopeProtocol =
  | 't2v'
  | 'i2v'
  | 'kf2v'
  | 'r2v'
  | 't2v-ratio'
  | 'i2v-media'
  | 'r2v-media'
  | 'all-in-one'
  | 't2i';

/** The `usage` object a success reports ([MS-T2V27] and the doc examples quoted in formats/dashscope/task-body.ts). */
export type UsageForm =
  | 'legacy'
  | 'kf2v'
  | 'wan26-t2v'
  | 'wan26-i2v'
  | 'wan26-r2v'
  | 'wan27-t2v'
  | 'wan27-i2v'
  | 'wan27-r2v'
  | 'image';

/** Submission RPS and concurrently RUNNING tasks, per account and model ([MS-RL]). */
export interface DocumentedLimits {
  readonly requestsPerSecond: number;
  readonly concurrentTasks: number;
}

/** Text-to-image frame rules: wan2.5 by total pixels, wan2.2 and older by side length ([MS-T2I]). */
export type ImageSizeRule =
  | { readonly kind: 'pixels'; readonly rule: PixelRule }
  | { readonly kind: 'sides'; readonly min: number; readonly max: number };

export interface DashScopeModel {
  readonly id: string;
  readonly endpoint: DashScopeEndpoint;
  readonly protocol: DashScopeProtocol;
  /** Longer prompts are truncated, not refused ([MS-T2V26]: "excess is truncated"). */
  readonly promptMaxChars: number;
  readonly promptRequired: boolean;
  readonly tiers: readonly VideoTier[];
  /** `resolution` default (i2v, kf2v, wan2.7, wan3.0). */
  readonly defaultTier?: VideoTier;
  /** `size` default (t2v, r2v, t2i). */
  readonly defaultSize?: string;
  readonly duration?: DurationRule;
  /** wan3.0 also takes `duration: -1` (the model chooses). */
  readonly autoDuration?: boolean;
  /** `input.audio_url` (wan2.5/2.6 t2v and i2v, wan2.7 t2v). */
  readonly audioUrl?: boolean;
  /** `parameters.audio` boolean (wan2.6-i2v-flash, wan2.6-r2v-flash, wan3.0). */
  readonly audioFlag?: boolean;
  /** `parameters.shot_type` (wan2.6). */
  readonly shotType?: boolean;
  /** Largest input image, MB ([MS-I2V26]: 20 MB for wan2.6/2.5 and wan2.7, 10 MB for wan2.2/wanx2.1 and kf2v). */
  readonly imageMaxMb?: number;
  readonly imageSize?: ImageSizeRule;
  readonly usage: UsageForm;
  /** Absent: not on the rate-limit page. */
  readonly limits?: DocumentedLimits;
}

const FAST: DocumentedLimits = { requestsPerSecond: 5, concurrentTasks: 5 };
const SLOW: DocumentedLimits = { requestsPerSecond: 2, concurrentTasks: 2 };

const FIXED_5: DurationRule = { fixed: 5 };
const FIVE_OR_TEN: DurationRule = { options: [5, 10], default: 5 };
const TWO_TO_15: DurationRule = { min: 2, max: 15, default: 5 };

/** Sizes of the tiers listed, in TIER_SIZES order (wan2.6 and older; [MS-T2V26]). */
export function sizesOf(tiers: readonly VideoTier[]): string[] {
  return tiers.flatMap((tier) => TIER_SIZES[tier]);
}

/** The Beijing `wanx2.1-*` ids and their international `wan2.1-*` spelling ([MS-PRICE], [MS-RL]). */
function bothSpellings(id: string, model: DashScopeModel): DashScopeModel[] {
  return [
    { ...model, id },
    { ...model, id: id.replace(/^wanx/, 'wan') },
  ];
}

// [MS-T2V26] [MS-T2V26]: legacy text-to-video, `size` must be a concrete "W*H".
const t2v = (
  id: string,
  tiers: readonly VideoTier[],
  defaultSize: string,
  duration: DurationRule,
  extra: Partial<DashScopeModel> = {},
): DashScopeModel => ({
  id,
  endpoint: 'video-generation',
  protocol: 't2v',
  promptMaxChars: 800,
  promptRequired: true,
  tiers,
  defaultSize,
  duration,
  usage: 'legacy',
  limits: SLOW,
  ...extra,
});

// [MS-I2V26] [MS-I2V26]: legacy first-frame image-to-video; the prompt is optional.
const i2v = (
  id: string,
  tiers: readonly VideoTier[],
  defaultTier: VideoTier,
  duration: DurationRule,
  extra: Partial<DashScopeModel> = {},
): DashScopeModel => ({
  id,
  endpoint: 'video-generation',
  protocol: 'i2v',
  promptMaxChars: 800,
  promptRequired: false,
  tiers,
  defaultTier,
  duration,
  imageMaxMb: 10,
  usage: 'legacy',
  limits: SLOW,
  ...extra,
});

const WAN26_T2V = {
  promptMaxChars: 1500,
  audioUrl: true,
  shotType: true,
  usage: 'wan26-t2v',
  limits: FAST,
} as const;
const WAN26_I2V = {
  promptMaxChars: 1500,
  audioUrl: true,
  shotType: true,
  imageMaxMb: 20,
  usage: 'wan26-i2v',
  limits: FAST,
} as const;
const WAN25 = { promptMaxChars: 1500, audioUrl: true, limits: FAST } as const;

// [MS-KF2V] [MS-KF2V]: first-and-last-frame, its own endpoint; duration fixed 5; usage {video_duration, video_count, SR}.
const kf2v = (id: string, tiers: readonly VideoTier[], defaultTier: VideoTier): DashScopeModel => ({
  id,
  endpoint: 'image2video',
  protocol: 'kf2v',
  promptMaxChars: 800,
  promptRequired: false,
  tiers,
  defaultTier,
  duration: FIXED_5,
  imageMaxMb: 10,
  usage: 'kf2v',
  limits: SLOW,
});

// [MS-R2V26] [MS-R2V26]: wan2.6 reference-to-video, `reference_urls`, 720P/1080P sizes, 2-10 s.
const r2v26 = (id: string, extra: Partial<DashScopeModel> = {}): DashScopeModel => ({
  id,
  endpoint: 'video-generation',
  protocol: 'r2v',
  promptMaxChars: 1500,
  promptRequired: true,
  tiers: ['720p', '1080p'],
  defaultSize: '1920*1080',
  duration: { min: 2, max: 10, default: 5 },
  shotType: true,
  imageMaxMb: 20,
  usage: 'wan26-r2v',
  limits: FAST,
  ...extra,
});

// [MS-T2V27]-1.7 [MS-T2V27], [MS-I2V27], [MS-R2V27]: the wan2.7 "new protocol"; 720P/1080P, default 1080P.
const wan27 = (id: string, protocol: 't2v-ratio' | 'i2v-media' | 'r2v-media'): DashScopeModel => ({
  id,
  endpoint: 'video-generation',
  protocol,
  promptMaxChars: 5000,
  promptRequired: protocol !== 'i2v-media',
  tiers: ['720p', '1080p'],
  defaultTier: '1080p',
  // r2v narrows this to 2-10 when a reference video is given (formats/dashscope/validate.ts).
  duration: TWO_TO_15,
  audioUrl: protocol === 't2v-ratio',
  imageMaxMb: 20,
  usage: protocol === 't2v-ratio' ? 'wan27-t2v' : protocol === 'i2v-media' ? 'wan27-i2v' : 'wan27-r2v',
  limits: FAST,
});

// [AC-WAN3], relay tests (index id 69788841144): one model for every mode, 480P-1080P default 1080P,
// duration -1 or 2-30, prompt up to 20 000 characters. Its limits and usage are not documented; the
// simulator gives it the wan2.7 r2v usage form and no documented limit (INFERRED).
const wan30 = (id: string): DashScopeModel => ({
  id,
  endpoint: 'video-generation',
  protocol: 'all-in-one',
  promptMaxChars: 20_000,
  promptRequired: false,
  tiers: ['480p', '720p', '1080p'],
  defaultTier: '1080p',
  duration: { min: 2, max: 30, default: 5 },
  autoDuration: true,
  audioFlag: true,
  imageMaxMb: 20,
  usage: 'wan27-r2v',
});

// [MS-T2I] [MS-T2I]: text-to-image v2. wan2.5-t2i-preview: total pixels [1280², 1440²], aspect 1:4-4:1 (its own
// recommended sizes accepted); wan2.2 and older: each side in [512, 1440]. n 1-4, default 4.
const t2i = (
  id: string,
  promptMaxChars: number,
  imageSize: ImageSizeRule,
  defaultSize: string,
  limits: DocumentedLimits,
): DashScopeModel => ({
  id,
  endpoint: 'text2image',
  protocol: 't2i',
  promptMaxChars,
  promptRequired: true,
  tiers: [],
  defaultSize,
  imageSize,
  usage: 'image',
  limits,
});
const SIDES_512_1440: ImageSizeRule = { kind: 'sides', min: 512, max: 1440 };

export const DASHSCOPE_MODELS: readonly DashScopeModel[] = [
  // Text-to-video ([MS-T2V26]; tiers, default size and duration from its model table).
  t2v('wan2.6-t2v', ['720p', '1080p'], '1920*1080', TWO_TO_15, WAN26_T2V),
  t2v('wan2.6-t2v-us', ['720p', '1080p'], '1920*1080', FIVE_OR_TEN, WAN26_T2V),
  t2v('wan2.5-t2v-preview', ['480p', '720p', '1080p'], '1920*1080', FIVE_OR_TEN, WAN25),
  t2v('wan2.2-t2v-plus', ['480p', '1080p'], '1920*1080', FIXED_5),
  ...bothSpellings('wanx2.1-t2v-turbo', t2v('', ['480p', '720p'], '1280*720', FIXED_5)),
  ...bothSpellings('wanx2.1-t2v-plus', t2v('', ['720p'], '1280*720', FIXED_5)),
  // Image-to-video, first frame ([MS-I2V26]).
  i2v('wan2.6-i2v-flash', ['720p', '1080p'], '1080p', TWO_TO_15, { ...WAN26_I2V, audioFlag: true }),
  i2v('wan2.6-i2v', ['720p', '1080p'], '1080p', TWO_TO_15, WAN26_I2V),
  i2v('wan2.6-i2v-us', ['720p', '1080p'], '1080p', { options: [5, 10, 15], default: 5 }, WAN26_I2V),
  i2v('wan2.5-i2v-preview', ['480p', '720p', '1080p'], '1080p', FIVE_OR_TEN, { ...WAN25, imageMaxMb: 20 }),
  i2v('wan2.2-i2v-flash', ['480p', '720p', '1080p'], '720p', FIXED_5),
  i2v('wan2.2-i2v-plus', ['480p', '1080p'], '1080p', FIXED_5),
  ...bothSpellings(
    'wanx2.1-i2v-turbo',
    i2v('', ['480p', '720p'], '720p', { options: [3, 4, 5], default: 5 }),
  ),
  ...bothSpellings('wanx2.1-i2v-plus', i2v('', ['720p'], '720p', FIXED_5)),
  // First and last frame ([MS-KF2V]).
  kf2v('wan2.2-kf2v-flash', ['480p', '720p', '1080p'], '720p'),
  ...bothSpellings('wanx2.1-kf2v-plus', kf2v('', ['720p'], '720p')),
  // Reference-to-video ([MS-R2V26], [MS-R2V27]).
  r2v26('wan2.6-r2v-flash', { audioFlag: true }),
  r2v26('wan2.6-r2v'),
  // wan2.7 ([MS-T2V27]-1.7): dated snapshots from [MS-PRICE]; the -2026-06-12 ones from [AIS-SETTINGS], [LITELLM-T].
  ...['wan2.7-t2v', 'wan2.7-t2v-2026-04-25', 'wan2.7-t2v-2026-06-12'].map((id) => wan27(id, 't2v-ratio')),
  ...['wan2.7-i2v', 'wan2.7-i2v-2026-04-25'].map((id) => wan27(id, 'i2v-media')),
  ...['wan2.7-r2v', 'wan2.7-r2v-2026-06-12'].map((id) => wan27(id, 'r2v-media')),
  // wan3.0 ([AC-WAN3]).
  wan30('wan3.0-video'),
  wan30('wan3.0-video-prime'),
  // Text-to-image ([MS-T2I]); limits [MS-RL].
  t2i(
    'wan2.5-t2i-preview',
    2000,
    {
      kind: 'pixels',
      rule: {
        minPixels: 1280 * 1280,
        maxPixels: 1440 * 1440,
        minAspect: 1 / 4,
        maxAspect: 4,
        recommended: ['1280*1280', '1104*1472', '1472*1104', '960*1696', '1696*960'],
      },
    },
    '1280*1280',
    FAST,
  ),
  t2i('wan2.2-t2i-flash', 500, SIDES_512_1440, '1024*1024', SLOW),
  t2i('wan2.2-t2i-plus', 500, SIDES_512_1440, '1024*1024', SLOW),
  ...bothSpellings('wanx2.1-t2i-turbo', t2i('', 500, SIDES_512_1440, '1024*1024', SLOW)),
  ...bothSpellings('wanx2.1-t2i-plus', t2i('', 500, SIDES_512_1440, '1024*1024', SLOW)),
  t2i('wanx2.0-t2i-turbo', 800, SIDES_512_1440, '1024*1024', SLOW),
];

export function findDashScopeModel(id: string): DashScopeModel | undefined {
  return DASHSCOPE_MODELS.find((model) => model.id === id);
}
