import type { ModelSpec } from '../model-spec.js';
import { seedRange, videoSeconds } from './tiers.js';

// Image-to-video models take a tier (`resolution`), not a size: the aspect ratio follows the input image.
// Tiers and defaults: wire-formats §4.4 (DashScope D2), cross-checked against yutoai §2.4 (Y2, Y4).
// `template` (effect templates; the prompt is then ignored) is listed for every i2v model on
// DashScope (§4.4, D2) and among yutoai's common fields (§2.4), so every i2v model supports it.
// Prompts are optional for image-to-video (§4.4: "optional for i2v; limits as for t2v").

const noExtras = { audio: false, audioUrl: false, shotType: false, lastImage: false, template: true };
const common = { promptExtend: true, watermark: true, seed: true };

export const imageToVideoModels: readonly ModelSpec[] = [
  {
    id: 'wan2.6-i2v',
    kind: 'image-to-video',
    description: 'Wan 2.6 image-to-video: 720p/1080p, 2–15 s, audio, multi-shot.',
    // §4.4: 720P/1080P, default 1080P; fixture §4.11 sends resolution 1080P.
    resolutions: ['720p', '1080p'],
    defaultResolution: '1080p',
    // §4.4: "duration (same rules as t2v)" → wan2.6: 2–15, default 5.
    duration: { type: 'range', min: 2, max: 15, default: 5 },
    // §1.4 (vtrix V4): prompt ≤1500; audio_url, template; parameters mirror DashScope wan2.6-i2v (audio, shot_type).
    prompt: { required: false, maxChars: 1500 },
    negativePromptMaxChars: 500,
    supports: { ...noExtras, audio: true, audioUrl: true, shotType: true, ...common },
    seedRange,
    typicalSeconds: videoSeconds,
    sources: ['wire-formats §1.4 (vtrix wan26_i2v)', '§4.4', '§4.11'],
  },
  {
    id: 'wan2.5-i2v-preview',
    kind: 'image-to-video',
    description: 'Wan 2.5 preview image-to-video: 480p/720p/1080p, 5 or 10 s, audio.',
    // §2.4 (Y4) and §4.4: 480P/720P/1080P, default 1080P (vtrix V6 agrees on the default).
    resolutions: ['480p', '720p', '1080p'],
    defaultResolution: '1080p',
    // Y4 and §1.4 (V6): 5 or 10, default 5.
    duration: { type: 'options', values: [5, 10], default: 5 },
    // Limits as for wan2.5 t2v (§4.4): 2000, see text-to-video.ts for the conflicting figures.
    prompt: { required: false, maxChars: 2000 },
    negativePromptMaxChars: 500,
    // Y4: audio_url and audio (auto-dub).
    supports: { ...noExtras, audio: true, audioUrl: true, ...common },
    seedRange,
    typicalSeconds: videoSeconds,
    sources: ['seed 004 (apixo wan-2-5 timing)', 'wire-formats §1.4', '§2.4', '§4.4'],
  },
  {
    id: 'wan2.2-i2v-plus',
    kind: 'image-to-video',
    description: 'Wan 2.2 plus image-to-video: 480p/1080p, fixed 5 s.',
    resolutions: ['480p', '1080p'],
    defaultResolution: '1080p',
    // §4.4: wan2.2 and 2.1 are fixed at 5 s.
    duration: { type: 'fixed', value: 5 },
    // Seed 000: ≤800 for wan2.2 and wan2.1.
    prompt: { required: false, maxChars: 800 },
    negativePromptMaxChars: 500,
    supports: { ...noExtras, ...common },
    seedRange,
    typicalSeconds: videoSeconds,
    sources: ['wire-formats §2.4 (Y2)', '§4.4'],
  },
  {
    id: 'wan2.2-i2v-flash',
    kind: 'image-to-video',
    description: 'Wan 2.2 flash image-to-video: 480p/720p, fixed 5 s.',
    resolutions: ['480p', '720p'],
    defaultResolution: '720p',
    duration: { type: 'fixed', value: 5 },
    prompt: { required: false, maxChars: 800 },
    negativePromptMaxChars: 500,
    supports: { ...noExtras, ...common },
    seedRange,
    typicalSeconds: videoSeconds,
    sources: ['wire-formats §2.4 (Y2)', '§4.4'],
  },
  {
    id: 'wanx2.1-i2v-turbo',
    aliases: ['wan2.1-i2v-turbo'],
    kind: 'image-to-video',
    description: 'Wan 2.1 turbo image-to-video: 480p/720p, fixed 5 s.',
    resolutions: ['480p', '720p'],
    defaultResolution: '720p',
    duration: { type: 'fixed', value: 5 },
    prompt: { required: false, maxChars: 800 },
    negativePromptMaxChars: 500,
    supports: { ...noExtras, ...common },
    seedRange,
    typicalSeconds: videoSeconds,
    sources: ['wire-formats §2.4 (Y2)', '§4.4'],
  },
  {
    id: 'wanx2.1-i2v-plus',
    aliases: ['wan2.1-i2v-plus'],
    kind: 'image-to-video',
    description: 'Wan 2.1 plus image-to-video: 720p only, fixed 5 s.',
    resolutions: ['720p'],
    defaultResolution: '720p',
    duration: { type: 'fixed', value: 5 },
    prompt: { required: false, maxChars: 800 },
    negativePromptMaxChars: 500,
    supports: { ...noExtras, ...common },
    seedRange,
    typicalSeconds: videoSeconds,
    sources: ['wire-formats §2.4 (Y2)', '§4.4'],
  },
  {
    id: 'wanx2.1-kf2v-plus',
    aliases: ['wan2.1-kf2v-plus'],
    kind: 'image-to-video',
    description: 'Wan 2.1 first-and-last-frame video: needs `image` and `lastImage`; 720p, fixed 5 s.',
    // GUESS: the stored references give no tier for kf2v (§2.4 Y3 names only the model and the two
    // frames). 720p is the tier of the sibling wanx2.1-i2v-plus; override with `withModelOverrides`.
    resolutions: ['720p'],
    defaultResolution: '720p',
    // §4.4: wan2.1 models are fixed at 5 s.
    duration: { type: 'fixed', value: 5 },
    prompt: { required: false, maxChars: 800 },
    negativePromptMaxChars: 500,
    // Y3: `images` = [first_frame_url, last_frame_url]; the last frame is what this model is for.
    supports: { ...noExtras, lastImage: true, ...common },
    requiresLastImage: true,
    seedRange,
    typicalSeconds: videoSeconds,
    sources: ['wire-formats §2.4 (Y3 kf2v)', '§4.4'],
  },
];
