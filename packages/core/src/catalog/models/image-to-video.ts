import type { ModelSpec } from '../model-spec.js';
import { seedRange, videoSeconds } from './tiers.js';

// Image-to-video models take a tier (`resolution`), not a size: the aspect ratio follows the input image.
// Tiers and defaults: wire-formats §4.4 (DashScope D2), cross-checked against yutoai §2.4 (Y2, Y4).
// `template` (effect templates; the prompt is then ignored) is listed for every i2v model on
// DashScope (§4.4, D2) and among yutoai's common fields (§2.4), so every i2v model supports it.
// Prompts are optional for image-to-video (§4.4: "optional for i2v; limits as for t2v").

const noExtras = { audio: false, audioUrl: false, shotType: false, lastImage: false, template: true };
const common = { promptExtend: true, watermark: true, seed: true };

export const imageToVideoModels = [
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
    // /§1.6: input images up to 20 MB for wan2.5 and newer.
    maxImageBytes: 20 * 1024 * 1024,
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
    // [MS-I2V26]: "wan2.6 and wan2.5 ≤ 1500" (older pages said 2000).
    prompt: { required: false, maxChars: 1500 },
    negativePromptMaxChars: 500,
    // Y4: audio_url and audio (auto-dub).
    supports: { ...noExtras, audio: true, audioUrl: true, ...common },
    // /§1.6: input images up to 20 MB for wan2.5 and newer.
    maxImageBytes: 20 * 1024 * 1024,
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
    description: 'Wan 2.2 flash image-to-video: 480p/720p/1080p, fixed 5 s.',
    // [MS-I2V26] (Beijing): 480P/720P/1080P, default 720P; the international price table sells only 480P/720P.
    resolutions: ['480p', '720p', '1080p'],
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
    description: 'Wan 2.1 turbo image-to-video: 480p/720p, 3–5 s.',
    resolutions: ['480p', '720p'],
    defaultResolution: '720p',
    // [MS-I2V26]: 3, 4 or 5 s, default 5 (a relay test agrees).
    duration: { type: 'options', values: [3, 4, 5], default: 5 },
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
    // [MS-KF2V]: 720P only (the official kf2v reference).
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
    sources: ['wire-formats §2.4 (Y3 kf2v)', '§4.4', ' [MS-KF2V]'],
  },
  {
    id: 'wan2.6-i2v-flash',
    kind: 'image-to-video',
    description: 'Wan 2.6 flash image-to-video: 720p/1080p, 2–15 s, audio on or off (silent is cheaper).',
    // [MS-I2V26]: 720P/1080P default 1080P; 2–15 s default 5; prompt ≤ 1500; `audio` switch (flash only).
    resolutions: ['720p', '1080p'],
    defaultResolution: '1080p',
    duration: { type: 'range', min: 2, max: 15, default: 5 },
    prompt: { required: false, maxChars: 1500 },
    negativePromptMaxChars: 500,
    supports: { ...noExtras, audio: true, audioUrl: true, shotType: true, ...common },
    // /§1.6: input images up to 20 MB for wan2.5 and newer.
    maxImageBytes: 20 * 1024 * 1024,
    seedRange,
    typicalSeconds: videoSeconds,
    sources: [' [MS-I2V26]'],
  },
  {
    id: 'wan2.7-i2v',
    variants: ['wan2.7-i2v-2026-04-25'],
    kind: 'image-to-video',
    description:
      'Wan 2.7 image-to-video: first frame (and optionally last frame and driving audio), 720p/1080p, 2–15 s.',
    // [MS-I2V27]: `input.media` first_frame / last_frame / driving_audio (wav/mp3 2–30 s); resolution 720P|1080P
    // default 1080P; 2–15 s default 5; prompt ≤ 5000. No `audio` switch, `shot_type` or `template`.
    resolutions: ['720p', '1080p'],
    defaultResolution: '1080p',
    duration: { type: 'range', min: 2, max: 15, default: 5 },
    prompt: { required: false, maxChars: 5000 },
    negativePromptMaxChars: 500,
    supports: { ...noExtras, template: false, lastImage: true, audioUrl: true, ...common },
    // /§1.6: input images up to 20 MB for wan2.5 and newer.
    maxImageBytes: 20 * 1024 * 1024,
    alwaysAudio: true,
    seedRange,
    typicalSeconds: videoSeconds,
    sources: [' [MS-I2V27], [AC-I2V27]'],
  },
  {
    id: 'wan2.2-kf2v-flash',
    kind: 'image-to-video',
    description:
      'Wan 2.2 flash first-and-last-frame video: needs `image` and `lastImage`; 480p/720p/1080p, fixed 5 s.',
    // [MS-KF2V]: /image2video/video-synthesis, first_frame_url + last_frame_url; 480P/720P/1080P default 720P;
    // fixed 5 s; prompt ≤ 800. Sold in Beijing only ([MS-PRICE]).
    resolutions: ['480p', '720p', '1080p'],
    defaultResolution: '720p',
    duration: { type: 'fixed', value: 5 },
    prompt: { required: false, maxChars: 800 },
    negativePromptMaxChars: 500,
    supports: { ...noExtras, lastImage: true, ...common },
    requiresLastImage: true,
    seedRange,
    typicalSeconds: videoSeconds,
    sources: [' [MS-KF2V]', '[MS-PRICE]'],
  },
  {
    id: 'wan3.0-video',
    variants: ['wan3.0-video-prime'],
    kind: 'image-to-video',
    description:
      'Wan 3.0 (preview) image-to-video: first frame, or first and last frame; 480p/720p/1080p, 2–30 s.',
    // [AC-WAN3] + relay tests: first_frame / last_frame media, 480P/720P/1080P default 1080P.
    resolutions: ['480p', '720p', '1080p'],
    defaultResolution: '1080p',
    duration: { type: 'range', min: 2, max: 30, default: 5 },
    prompt: { required: false, maxChars: 20_000 },
    negativePromptMaxChars: 500,
    supports: { ...noExtras, template: false, lastImage: true, audio: true, ...common },
    // /§1.6: input images up to 20 MB for wan2.5 and newer.
    maxImageBytes: 20 * 1024 * 1024,
    seedRange,
    typicalSeconds: { '480p': [60, 120], '720p': [60, 150], '1080p': [90, 240] },
    sources: [' [AC-WAN3] (official, preview)', 'relay tests (third party)'],
  },
] as const satisfies readonly ModelSpec[];
