import type { ModelSpec } from '../model-spec.js';
import { seedRange, tier480p, tier720p, tier1080p, videoSeconds } from './tiers.js';

const noExtras = { audio: false, audioUrl: false, shotType: false, template: false, lastImage: false };
const common = { promptExtend: true, watermark: true, seed: true };

export const textToVideoModels: readonly ModelSpec[] = [
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
    // §4.4: 2000 on the older DashScope pages (1500 on some; apixo's wan-2-5 page says 800, §3.4). Over-long
    // prompts are only a `truncated` warning unless `strict`, so the most generous documented figure is used.
    prompt: { required: true, maxChars: 2000 },
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
];
