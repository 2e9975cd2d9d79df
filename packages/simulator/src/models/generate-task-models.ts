import type { DurationRule, ImageCountRule, VideoTier } from './model-rules.js';
import type { SimKind } from './sized-model.js';

export interface GenerateTaskMode {
  readonly kind: SimKind;
  /** Allowed number of `image_urls`; absent = none accepted. */
  readonly images?: { readonly min: number; readonly max: number };
  /** Whether `aspect_ratio` applies (text-to-video and text-to-image only). */
  readonly aspectRatio: boolean;
}

/** An apixo-style model: kebab-case id in the path, `input.mode` picks the kind. */
export interface GenerateTaskModel {
  readonly id: string;
  readonly modes: Readonly<Record<string, GenerateTaskMode>>;
  readonly defaultMode: string;
  readonly resolutions?: readonly VideoTier[];
  readonly defaultResolution?: VideoTier;
  readonly duration?: DurationRule;
  readonly aspectRatios: readonly string[];
  readonly defaultAspectRatio: string;
  readonly count?: ImageCountRule;
  /** Only where the page gives a range (seed 004 / wire-formats §3.4: wan-2-5 prompt 1-800). */
  readonly promptMaxChars?: number;
}

const T2V: GenerateTaskMode = { kind: 'text-to-video', aspectRatio: true };
const I2V: GenerateTaskMode = { kind: 'image-to-video', images: { min: 1, max: 1 }, aspectRatio: false };

/** Image frame per aspect ratio for image results: the vtrix recommended sizes for wan2.5-t2i (seed 001). */
export const IMAGE_SIZE_BY_ASPECT: Readonly<Record<string, { width: number; height: number }>> = {
  '1:1': { width: 1280, height: 1280 },
  '3:4': { width: 1104, height: 1472 },
  '4:3': { width: 1472, height: 1104 },
  '9:16': { width: 960, height: 1696 },
  '16:9': { width: 1696, height: 960 },
};

export const GENERATE_TASK_MODELS: readonly GenerateTaskModel[] = [
  // seed 004 + §3.4 (current page): resolution 720p|1080p, duration 5|10, aspect 16:9|9:16|1:1 (t2v only).
  // The current page gives no default resolution; 720p follows the older page.
  {
    id: 'wan-2-5',
    modes: { 'text-to-video': T2V, 'image-to-video': I2V },
    defaultMode: 'text-to-video',
    resolutions: ['720p', '1080p'],
    defaultResolution: '720p',
    duration: { options: [5, 10], default: 5 },
    aspectRatios: ['16:9', '9:16', '1:1'],
    defaultAspectRatio: '16:9',
    promptMaxChars: 800,
  },
  // §3.4 A8 sibling pages (not seeds): kept for adapters that map to them.
  {
    id: 'wan-2-5-video',
    modes: { 'text-to-video': T2V, 'image-to-video': I2V },
    defaultMode: 'text-to-video',
    resolutions: ['480p', '720p', '1080p'],
    defaultResolution: '720p',
    duration: { options: [5, 10], default: 5 },
    aspectRatios: ['16:9', '9:16', '1:1', '4:3', '3:4'],
    defaultAspectRatio: '16:9',
    promptMaxChars: 1500,
  },
  {
    id: 'wan-2-6-video',
    modes: { 'text-to-video': T2V, 'image-to-video': I2V, 'image-to-video-flash': I2V },
    defaultMode: 'text-to-video',
    resolutions: ['720p', '1080p'],
    defaultResolution: '720p',
    duration: { min: 2, max: 15, default: 5 },
    aspectRatios: ['16:9', '9:16', '1:1', '4:3', '3:4'],
    defaultAspectRatio: '16:9',
  },
  {
    id: 'wan-2-5-image',
    modes: {
      'text-to-image': { kind: 'text-to-image', aspectRatio: true },
      'image-to-image': { kind: 'text-to-image', images: { min: 1, max: 3 }, aspectRatio: true },
    },
    defaultMode: 'text-to-image',
    aspectRatios: ['1:1', '3:4', '4:3', '9:16', '16:9'],
    defaultAspectRatio: '1:1',
    count: { min: 1, max: 4, default: 4 },
  },
  {
    id: 'wan-2-6-image',
    modes: { 'text-to-image': { kind: 'text-to-image', aspectRatio: true } },
    defaultMode: 'text-to-image',
    aspectRatios: ['1:1', '3:4', '4:3', '9:16', '16:9'],
    defaultAspectRatio: '1:1',
    count: { min: 1, max: 3, default: 1 },
  },
];
