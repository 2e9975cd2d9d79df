import { TIER_SIZES } from './model-rules.js';
import type { SizedModel } from './sized-model.js';

const FIXED_5 = { fixed: 5 } as const;

function imageToVideo(
  id: string,
  resolutions: SizedModel['resolutions'],
  extra: Partial<SizedModel> = {},
): SizedModel {
  return {
    id,
    kind: 'image-to-video',
    resolutions,
    defaultResolution: resolutions![resolutions!.length - 1],
    duration: FIXED_5,
    inputImages: 1,
    ...extra,
  };
}

/** DashScope model ids as the v2 endpoint takes them (seed 003 and wire-formats §2.4). Seed 003 lists the three
 * tiers for the page as a whole; which tier belongs to which t2v model follows the DashScope model pages (a guess
 * for wanx2.1). wan2.5/2.6 t2v on /v2 are unconfirmed and accepted here. */
export const V2_MODELS: readonly SizedModel[] = [
  {
    id: 'wan2.2-t2v-plus',
    kind: 'text-to-video',
    sizes: { '480p': TIER_SIZES['480p'], '1080p': TIER_SIZES['1080p'] },
    defaultSize: '1920*1080',
    duration: FIXED_5,
  },
  {
    id: 'wanx2.1-t2v-turbo',
    kind: 'text-to-video',
    sizes: { '480p': TIER_SIZES['480p'], '720p': TIER_SIZES['720p'] },
    defaultSize: '1280*720',
    duration: FIXED_5,
  },
  {
    id: 'wanx2.1-t2v-plus',
    kind: 'text-to-video',
    sizes: { '720p': TIER_SIZES['720p'] },
    defaultSize: '1280*720',
    duration: FIXED_5,
  },
  {
    id: 'wan2.5-t2v-preview',
    kind: 'text-to-video',
    sizes: TIER_SIZES,
    defaultSize: '1920*1080',
    duration: { options: [5, 10], default: 5 },
    audio: true,
  },
  {
    id: 'wan2.6-t2v',
    kind: 'text-to-video',
    sizes: { '720p': TIER_SIZES['720p'], '1080p': TIER_SIZES['1080p'] },
    defaultSize: '1920*1080',
    duration: { min: 2, max: 15, default: 5 },
    audio: true,
    shotType: true,
  },
  // wire-formats §2.4: i2v tiers and defaults per model; default resolution is the highest tier listed.
  imageToVideo('wan2.2-i2v-plus', ['480p', '1080p']),
  imageToVideo('wan2.2-i2v-flash', ['480p', '720p']),
  imageToVideo('wanx2.1-i2v-turbo', ['480p', '720p']),
  imageToVideo('wanx2.1-i2v-plus', ['720p']),
  imageToVideo('wan2.5-i2v-preview', ['480p', '720p', '1080p'], {
    duration: { options: [5, 10], default: 5 },
    audio: true,
  }),
  // first and last frame
  imageToVideo('wanx2.1-kf2v-plus', ['720p'], { inputImages: 2 }),
];
