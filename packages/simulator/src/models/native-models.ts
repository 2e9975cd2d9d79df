import { TIER_SIZES } from './model-rules.js';
import type { SizedModel } from './sized-model.js';

const VIDEO_5_10 = { options: [5, 10], default: 5 } as const;
const VIDEO_2_15 = { min: 2, max: 15, default: 5 } as const;

/** Gateway model ids (underscored, dot-free) and their rules, from seeds 000-002 and wire-formats §1.4. */
export const NATIVE_MODELS: readonly SizedModel[] = [
  // seed 000: 480P and 1080P tiers, default 1920*1080, duration fixed at 5.
  {
    id: 'wan22_t2v_plus',
    kind: 'text-to-video',
    sizes: { '480p': TIER_SIZES['480p'], '1080p': TIER_SIZES['1080p'] },
    defaultSize: '1920*1080',
    duration: { fixed: 5 },
  },
  // §1.4 lists only "common sizes" 832*480, 1280*720, 1920*1080; accepting each full tier is a guess.
  {
    id: 'wan25_t2v_preview',
    kind: 'text-to-video',
    sizes: TIER_SIZES,
    defaultSize: '1280*720',
    duration: VIDEO_5_10,
    audio: true,
  },
  // seed 002: 720P and 1080P tiers, default 1920*1080, duration 2-15 (options 5/10/15), audio, shot_type.
  {
    id: 'wan26_t2v',
    kind: 'text-to-video',
    sizes: { '720p': TIER_SIZES['720p'], '1080p': TIER_SIZES['1080p'] },
    defaultSize: '1920*1080',
    duration: VIDEO_2_15,
    audio: true,
    shotType: true,
  },
  {
    id: 'wan26_i2v',
    kind: 'image-to-video',
    resolutions: ['720p', '1080p'],
    defaultResolution: '1080p',
    duration: VIDEO_2_15,
    audio: true,
    shotType: true,
  },
  ...['wan25_i2v_preview', 'wan25_i2v_preview_intl'].map(
    (id): SizedModel => ({
      id,
      kind: 'image-to-video',
      resolutions: ['720p', '1080p'],
      defaultResolution: '1080p',
      duration: VIDEO_5_10,
      audio: true,
    }),
  ),
  // seed 001: total pixels within [1280*1280, 1440*1440], aspect 1:4-4:1, default 1280*1280, n 1-4 default 4.
  // Three of its own recommended sizes hold slightly fewer pixels than that minimum; the page recommends
  // them, so they are accepted (as wankit's catalog does).
  ...['wan25_t2i_preview', 'wan25_t2i_preview_intl'].map(
    (id): SizedModel => ({
      id,
      kind: 'text-to-image',
      pixelRule: {
        minPixels: 1280 * 1280,
        maxPixels: 1440 * 1440,
        minAspect: 1 / 4,
        maxAspect: 4,
        recommended: ['1280*1280', '1104*1472', '1472*1104', '960*1696', '1696*960'],
      },
      defaultSize: '1280*1280',
      count: { min: 1, max: 4, default: 4 },
    }),
  ),
];
