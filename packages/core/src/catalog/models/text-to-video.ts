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

const noExtras = { audio: false, audioUrl: false, shotType: false, template: false, lastImage: false };
const common = { promptExtend: true, watermark: true, seed: true };

export const textToVideoModels = [
  {
    id: 'wan2.6-t2v',
    kind: 'text-to-video',
    description: 'Wan 2.6 text-to-video: 720p/1080p, 2–15 s, audio, multi-shot.',
    // Seed 002: 720P and 1080P tiers, default 1920*1080.
    sizes: { '720p': tier720p, '1080p': tier1080p },
    defaultSize: '1920*1080',
    // Seed 002: "Options: 5, 10, 15 / Range: 2-15 / Default: 5"; wire-formats §4.4: current docs allow any integer 2–15.
    duration: { type: 'range', min: 2, max: 15, default: 5 },
    // Seed 002: prompt ≤1500 (excess truncated). Negative prompt 500: wire-formats §4.4 (all Wan video models).
    prompt: { required: true, maxChars: 1500 },
    negativePromptMaxChars: 500,
    // Seed 002: audio (default true), audio_url (wav/mp3, 3–30 s), shot_type single|multi.
    supports: { ...noExtras, audio: true, audioUrl: true, shotType: true, ...common },
    seedRange,
    typicalSeconds: videoSeconds,
    sources: ['seed 002 (vtrix wan26_t2v)', 'wire-formats §1.4', '§4.4', '§4.11'],
  },
  {
    id: 'wan2.5-t2v-preview',
    kind: 'text-to-video',
    description: 'Wan 2.5 preview text-to-video: 480p/720p/1080p, 5 or 10 s, audio.',
    // wire-formats §4.4 (DashScope D1): 480P, 720P and 1080P tiers, default 1920*1080.
    // vtrix (§1.4, V5) lists a default of 1280*720; the official page wins for the default.
    sizes: { '480p': tier480p, '720p': tier720p, '1080p': tier1080p },
    defaultSize: '1920*1080',
    // §4.4 and seed 003 intro ("flexible durations (5s/10s)"): 5 or 10, default 5.
    duration: { type: 'options', values: [5, 10], default: 5 },
    // Alibaba's own t2v reference: "wan2.6 and wan2.5 series ≤ 1500" ([MS-T2V26]); older
    // pages said 2000 and apixo's wan-2-5 page 800 (§3.4). Over-long prompts are a `truncated` warning unless `strict`.
    prompt: { required: true, maxChars: 1500 },
    negativePromptMaxChars: 500,
    // §4.4: audio and audio_url on wan2.5 and 2.6; seed 003: "audio ... available only on wan2.5".
    supports: { ...noExtras, audio: true, audioUrl: true, ...common },
    seedRange,
    typicalSeconds: videoSeconds,
    sources: ['seed 003 (yutoai intro)', 'seed 004 (apixo wan-2-5 timing)', 'wire-formats §1.4', '§4.4'],
  },
  {
    id: 'wan2.2-t2v-plus',
    kind: 'text-to-video',
    description: 'Wan 2.2 plus text-to-video: 480p/1080p, fixed 5 s.',
    // Seed 000: 480P and 1080P tiers, default 1920*1080.
    sizes: { '480p': tier480p, '1080p': tier1080p },
    defaultSize: '1920*1080',
    // Seed 000: "duration is fixed at 5 seconds and cannot be modified".
    duration: { type: 'fixed', value: 5 },
    // Seed 000: prompt ≤800 for wan2.2 and wan2.1, negative prompt ≤500, excess truncated.
    prompt: { required: true, maxChars: 800 },
    negativePromptMaxChars: 500,
    supports: { ...noExtras, ...common },
    seedRange,
    typicalSeconds: videoSeconds,
    sources: ['seed 000 (vtrix wan22_t2v_plus)', 'seed 003 (yutoai /v2 enum)', 'wire-formats §2.4', '§4.4'],
  },
  {
    id: 'wanx2.1-t2v-turbo',
    // wire-formats §4.4: the international region spells the 2.1 models without the "x".
    aliases: ['wan2.1-t2v-turbo'],
    kind: 'text-to-video',
    description: 'Wan 2.1 turbo text-to-video: 480p/720p, fixed 5 s.',
    // §4.4: 480P and 720P tiers, default 1280*720; seed 003 lists the tier tables.
    sizes: { '480p': tier480p, '720p': tier720p },
    defaultSize: '1280*720',
    // Seed 003: "fixed at 5"; §4.4: wan2.2 and 2.1 fixed at 5.
    duration: { type: 'fixed', value: 5 },
    // Seed 000 and seed 003: ≤800 for wan2.2 and wan2.1; negative ≤500.
    prompt: { required: true, maxChars: 800 },
    negativePromptMaxChars: 500,
    supports: { ...noExtras, ...common },
    seedRange,
    typicalSeconds: videoSeconds,
    sources: ['seed 003 (yutoai /v2 enum)', 'wire-formats §2.4', '§4.4'],
  },
  {
    id: 'wanx2.1-t2v-plus',
    aliases: ['wan2.1-t2v-plus'],
    kind: 'text-to-video',
    description: 'Wan 2.1 plus text-to-video: 720p only, fixed 5 s.',
    // §4.4: 720P tier only, default 1280*720.
    sizes: { '720p': tier720p },
    defaultSize: '1280*720',
    duration: { type: 'fixed', value: 5 },
    prompt: { required: true, maxChars: 800 },
    negativePromptMaxChars: 500,
    supports: { ...noExtras, ...common },
    seedRange,
    typicalSeconds: videoSeconds,
    sources: ['seed 003 (yutoai /v2 enum)', 'wire-formats §2.4', '§4.4'],
  },
  {
    id: 'wan2.7-t2v',
    variants: ['wan2.7-t2v-2026-04-25'],
    kind: 'text-to-video',
    description: 'Wan 2.7 text-to-video: 720p/1080p, 2–15 s, always with sound (music or your audio).',
    // [MS-T2V27]: `resolution` 720P|1080P (default 1080P) + `ratio` 16:9 (default), 9:16, 1:1, 4:3, 3:4; its 4:3
    // sizes differ from older models (1104*832, 1648*1248).
    sizes: { '720p': tier720pWan27, '1080p': tier1080pWan27 },
    defaultSize: '1920*1080',
    duration: { type: 'range', min: 2, max: 15, default: 5 },
    // [MS-T2V27]: prompt ≤ 5000; negative ≤ 500.
    prompt: { required: true, maxChars: 5000 },
    negativePromptMaxChars: 500,
    // [MS-T2V27]: `audio_url` (2–30 s); the output always has sound, so there is no switch; `shot_type` "has no
    // effect" (multi-shot is written in the prompt).
    supports: { ...noExtras, audioUrl: true, ...common },
    alwaysAudio: true,
    seedRange,
    typicalSeconds: videoSeconds,
    sources: [' [MS-T2V27], [AC-T2V27]', 'price tables [MS-PRICE] (dated id)'],
  },
  {
    id: 'wan3.0-video',
    variants: ['wan3.0-video-prime'],
    kind: 'text-to-video',
    description: 'Wan 3.0 (preview) text-to-video: 480p/720p/1080p, 2–30 s. One model for every mode.',
    // [AC-WAN3] (Sep 2026, preview): one "all-in-one" model for t2v, i2v (first / first+last frame) and
    // reference video, up to 30 s. Tiers and the 2–30 s range come from relay tests (RELAY):
    // resolution 480P/720P/1080P default 1080P, duration 2–30 (or -1: the model chooses). INFERRED: the size
    // tables are the standard ones (ratio adaptive is not a neutral aspect ratio).
    sizes: { '480p': tier480p, '720p': tier720p, '1080p': tier1080p },
    defaultSize: '1920*1080',
    duration: { type: 'range', min: 2, max: 30, default: 5 },
    // Comfy Router's published schema (THIRD-PARTY): prompt up to 20 000 characters.
    prompt: { required: true, maxChars: 20_000 },
    negativePromptMaxChars: 500,
    // A community script sends `audio: false` to wan3.0 (THIRD-PARTY); no audio_url or shot_type documented.
    supports: { ...noExtras, audio: true, ...common },
    seedRange,
    // "up to 30 s" of video: generation is slower than the 5 s models (INFERRED from the official 1–5 min range).
    typicalSeconds: { '480p': [60, 120], '720p': [60, 150], '1080p': [90, 240] },
    sources: [' [AC-WAN3] (official, preview)', 'relay tests (third party)'],
  },
] as const satisfies readonly ModelSpec[];
