import type { ModelSpec } from '../model-spec.js';
import { seedRange } from './tiers.js';

const imageSupports = {
  audio: false,
  audioUrl: false,
  shotType: false,
  template: false,
  lastImage: false,
  promptExtend: true,
  watermark: true,
  seed: true,
} as const;

export const textToImageModels = [
  {
    id: 'wan2.5-t2i-preview',
    kind: 'text-to-image',
    description: 'Wan 2.5 preview text-to-image: free-form sizes (1:4 to 4:1), 1–4 images.',
    // Seed 001: default 1280×1280 and the recommended size per aspect ratio.
    defaultSize: '1280*1280',
    recommendedSizes: {
      '1:1': '1280*1280',
      '3:4': '1104*1472',
      '4:3': '1472*1104',
      '9:16': '960*1696',
      '16:9': '1696*960',
    },
    // Seed 001: total pixels in [1280×1280, 1440×1440]; Alibaba's own page agrees ([MS-T2I]; wire-formats §4.4's
    // 768×768 is the wan2.7-image minimum). Seed 001's own recommended 3:4, 9:16 and 16:9 sizes fall just below
    // 1280×1280, so validation always accepts the recommended sizes.
    pixelArea: { min: 1280 * 1280, max: 1440 * 1440 },
    // Seed 001: aspect ratio (width/height) in [1:4, 4:1].
    aspectRange: { min: 1 / 4, max: 4 },
    // Seed 001 states no prompt limit; §4.4 (D3): wan2.5 ≤2000, negative ≤500.
    prompt: { required: true, maxChars: 2000 },
    negativePromptMaxChars: 500,
    // Seed 001: n 1–4, provider default 4, billed per image. wankit defaults to 1 so that an omitted
    // count never silently costs four images.
    count: { min: 1, max: 4, providerDefault: 4, default: 1 },
    supports: imageSupports,
    seedRange,
    // §4.9 (D3): "t2i 1-2 min".
    typicalSeconds: { default: [60, 120] },
    sources: ['seed 001 (vtrix wan25_t2i_preview)', 'wire-formats §1.4', '§4.4', '§4.9'],
  },
  {
    id: 'wan2.2-t2i-flash',
    kind: 'text-to-image',
    description: 'Wan 2.2 flash text-to-image: sides 512–1440 px, 1–4 images.',
    // [MS-T2I]: each side in [512, 1440], default 1024*1024; written here as a pixel range and an aspect range.
    // INFERRED: the recommended sizes below are common ones inside those limits (the page recommends none).
    defaultSize: '1024*1024',
    recommendedSizes: {
      '1:1': '1024*1024',
      '4:3': '1024*768',
      '3:4': '768*1024',
      '16:9': '1280*720',
      '9:16': '720*1280',
    },
    pixelArea: { min: 512 * 512, max: 1440 * 1440 },
    aspectRange: { min: 512 / 1440, max: 1440 / 512 },
    // [MS-T2I]: wan2.2 and wan2.1 text-to-image prompts ≤ 500; n 1–4 default 4, billed per image.
    prompt: { required: true, maxChars: 500 },
    negativePromptMaxChars: 500,
    count: { min: 1, max: 4, providerDefault: 4, default: 1 },
    supports: imageSupports,
    seedRange,
    typicalSeconds: { default: [60, 120] },
    sources: [' [MS-T2I]'],
  },
  {
    id: 'wan2.2-t2i-plus',
    kind: 'text-to-image',
    description: 'Wan 2.2 plus text-to-image: sides 512–1440 px, 1–4 images.',
    // [MS-T2I]: each side in [512, 1440], default 1024*1024; written here as a pixel range and an aspect range.
    // INFERRED: the recommended sizes below are common ones inside those limits (the page recommends none).
    defaultSize: '1024*1024',
    recommendedSizes: {
      '1:1': '1024*1024',
      '4:3': '1024*768',
      '3:4': '768*1024',
      '16:9': '1280*720',
      '9:16': '720*1280',
    },
    pixelArea: { min: 512 * 512, max: 1440 * 1440 },
    aspectRange: { min: 512 / 1440, max: 1440 / 512 },
    // [MS-T2I]: wan2.2 and wan2.1 text-to-image prompts ≤ 500; n 1–4 default 4, billed per image.
    prompt: { required: true, maxChars: 500 },
    negativePromptMaxChars: 500,
    count: { min: 1, max: 4, providerDefault: 4, default: 1 },
    supports: imageSupports,
    seedRange,
    typicalSeconds: { default: [60, 120] },
    sources: [' [MS-T2I]'],
  },
  {
    id: 'wanx2.1-t2i-turbo',
    aliases: ['wan2.1-t2i-turbo'],
    kind: 'text-to-image',
    description: 'Wan 2.1 turbo text-to-image: sides 512–1440 px, 1–4 images.',
    // [MS-T2I]: each side in [512, 1440], default 1024*1024; written here as a pixel range and an aspect range.
    // INFERRED: the recommended sizes below are common ones inside those limits (the page recommends none).
    defaultSize: '1024*1024',
    recommendedSizes: {
      '1:1': '1024*1024',
      '4:3': '1024*768',
      '3:4': '768*1024',
      '16:9': '1280*720',
      '9:16': '720*1280',
    },
    pixelArea: { min: 512 * 512, max: 1440 * 1440 },
    aspectRange: { min: 512 / 1440, max: 1440 / 512 },
    // [MS-T2I]: wan2.2 and wan2.1 text-to-image prompts ≤ 500; n 1–4 default 4, billed per image.
    prompt: { required: true, maxChars: 500 },
    negativePromptMaxChars: 500,
    count: { min: 1, max: 4, providerDefault: 4, default: 1 },
    supports: imageSupports,
    seedRange,
    typicalSeconds: { default: [60, 120] },
    sources: [' [MS-T2I], [MS-PRICE]'],
  },
  {
    id: 'wanx2.1-t2i-plus',
    aliases: ['wan2.1-t2i-plus'],
    kind: 'text-to-image',
    description: 'Wan 2.1 plus text-to-image: sides 512–1440 px, 1–4 images.',
    // [MS-T2I]: each side in [512, 1440], default 1024*1024; written here as a pixel range and an aspect range.
    // INFERRED: the recommended sizes below are common ones inside those limits (the page recommends none).
    defaultSize: '1024*1024',
    recommendedSizes: {
      '1:1': '1024*1024',
      '4:3': '1024*768',
      '3:4': '768*1024',
      '16:9': '1280*720',
      '9:16': '720*1280',
    },
    pixelArea: { min: 512 * 512, max: 1440 * 1440 },
    aspectRange: { min: 512 / 1440, max: 1440 / 512 },
    // [MS-T2I]: wan2.2 and wan2.1 text-to-image prompts ≤ 500; n 1–4 default 4, billed per image.
    prompt: { required: true, maxChars: 500 },
    negativePromptMaxChars: 500,
    count: { min: 1, max: 4, providerDefault: 4, default: 1 },
    supports: imageSupports,
    seedRange,
    typicalSeconds: { default: [60, 120] },
    sources: [' [MS-T2I], [MS-PRICE]'],
  },
] as const satisfies readonly ModelSpec[];
