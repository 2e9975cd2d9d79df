import type { ModelSpec } from '../model-spec.js';
import {
  seedRange,
  tier480p,
  tier720p,
  tier720pWan27,
  tier1080p,
  tier1080pWan27,
  videoSeconds,
} from './tiers.js';

// Reference-to-video: the video shows the subjects of reference images and videos (named in the prompt in
// order: character1… on wan2.6, "Image 1"/"Video 1" on wan2.7). Facts:  [MS-R2V26],
// §1.7 [MS-R2V27], §1.8 [AC-WAN3].

const noExtras = { audio: false, audioUrl: false, shotType: false, template: false, lastImage: false };
const common = { promptExtend: true, watermark: true, seed: true };

export const referenceToVideoModels = [
  {
    id: 'wan2.6-r2v',
    kind: 'reference-to-video',
    description:
      'Wan 2.6 reference-to-video: up to 5 references (≤3 videos), 720p/1080p, 2–10 s, multi-shot.',
    // [MS-R2V26]: `reference_urls` images 0–5, videos 0–3, ≤5 in all; size W*H at 720P/1080P, default 1920*1080;
    // duration 2–10 default 5; prompt required ≤ 1500; `shot_type`; no audio switch (flash only).
    sizes: { '720p': tier720p, '1080p': tier1080p },
    defaultSize: '1920*1080',
    duration: { type: 'range', min: 2, max: 10, default: 5 },
    prompt: { required: true, maxChars: 1500 },
    negativePromptMaxChars: 500,
    references: { maxImages: 5, maxVideos: 3, maxTotal: 5 },
    supports: { ...noExtras, shotType: true, ...common },
    // /§1.6: input images up to 20 MB for wan2.5 and newer.
    maxImageBytes: 20 * 1024 * 1024,
    seedRange,
    typicalSeconds: videoSeconds,
    sources: [' [MS-R2V26]'],
  },
  {
    id: 'wan2.6-r2v-flash',
    kind: 'reference-to-video',
    description: 'Wan 2.6 flash reference-to-video: as wan2.6-r2v, with audio on or off (silent is cheaper).',
    sizes: { '720p': tier720p, '1080p': tier1080p },
    defaultSize: '1920*1080',
    duration: { type: 'range', min: 2, max: 10, default: 5 },
    prompt: { required: true, maxChars: 1500 },
    negativePromptMaxChars: 500,
    references: { maxImages: 5, maxVideos: 3, maxTotal: 5 },
    // [MS-R2V26]: `audio` (default true) on wan2.6-r2v-flash only.
    supports: { ...noExtras, audio: true, shotType: true, ...common },
    // /§1.6: input images up to 20 MB for wan2.5 and newer.
    maxImageBytes: 20 * 1024 * 1024,
    seedRange,
    typicalSeconds: videoSeconds,
    sources: [' [MS-R2V26]'],
  },
  {
    id: 'wan2.7-r2v',
    kind: 'reference-to-video',
    description:
      'Wan 2.7 reference-to-video: up to 5 references (images and videos), an optional first frame, 720p/1080p, 2–15 s.',
    // [MS-R2V27]: media reference_image / reference_video (≤5 in all), optional first_frame, per-reference
    // `reference_voice`; resolution 720P|1080P default 1080P + ratio; duration 2–15, 2–10 with a reference video.
    sizes: { '720p': tier720pWan27, '1080p': tier1080pWan27 },
    defaultSize: '1920*1080',
    duration: { type: 'range', min: 2, max: 15, default: 5 },
    durationWithVideoReference: { type: 'range', min: 2, max: 10, default: 5 },
    prompt: { required: true, maxChars: 5000 },
    negativePromptMaxChars: 500,
    references: { maxImages: 5, maxVideos: 5, maxTotal: 5 },
    firstFrame: true,
    supports: { ...noExtras, ...common },
    // /§1.6: input images up to 20 MB for wan2.5 and newer.
    maxImageBytes: 20 * 1024 * 1024,
    alwaysAudio: true,
    seedRange,
    typicalSeconds: videoSeconds,
    sources: [' [MS-R2V27]'],
  },
  {
    id: 'wan3.0-video',
    variants: ['wan3.0-video-prime'],
    kind: 'reference-to-video',
    description: 'Wan 3.0 (preview) reference video: up to 10 images and 5 videos, 480p/720p/1080p, 2–30 s.',
    // Comfy Router's published schema (THIRD-PARTY): reference_image ≤ 10, reference_video
    // ≤ 5; references exclude first/last frames. INFERRED total: 15.
    sizes: { '480p': tier480p, '720p': tier720p, '1080p': tier1080p },
    defaultSize: '1920*1080',
    duration: { type: 'range', min: 2, max: 30, default: 5 },
    prompt: { required: true, maxChars: 20_000 },
    negativePromptMaxChars: 500,
    references: { maxImages: 10, maxVideos: 5, maxTotal: 15 },
    supports: { ...noExtras, audio: true, ...common },
    // /§1.6: input images up to 20 MB for wan2.5 and newer.
    maxImageBytes: 20 * 1024 * 1024,
    seedRange,
    typicalSeconds: { '480p': [60, 120], '720p': [60, 150], '1080p': [90, 240] },
    sources: [' [AC-WAN3] (official, preview)', 'Comfy Router schema (third party)'],
  },
] as const satisfies readonly ModelSpec[];
