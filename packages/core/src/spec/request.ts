import { z } from 'zod';

/** Video tiers, neutral spelling (lower-case). Adapters convert to their wire spelling (`720P`, `720p`). */
export const resolutions = ['480p', '720p', '1080p'] as const;
export type Resolution = (typeof resolutions)[number];

export const aspectRatios = ['16:9', '9:16', '1:1', '4:3', '3:4'] as const;
export type AspectRatio = (typeof aspectRatios)[number];

/** A concrete frame size as the providers write it: `"1280*720"`. */
export type Size = `${number}*${number}`;

export const requestKinds = ['text-to-video', 'image-to-video', 'text-to-image'] as const;
export type RequestKind = (typeof requestKinds)[number];

export const shotTypes = ['single', 'multi'] as const;
export type ShotType = (typeof shotTypes)[number];

const sizeSchema = z
  .string()
  .regex(/^\d{2,5}\*\d{2,5}$/, 'size must be written as WIDTH*HEIGHT, e.g. "1280*720"') as z.ZodType<Size>;
const urlOrDataUri = z
  .string()
  .refine((value) => /^(https?:\/\/|data:[\w.+-]+\/[\w.+-]+;base64,)/i.test(value), {
    message: 'must be an http(s) URL or a base64 data URI',
  });
const providerOptionsSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

const common = {
  /** Canonical Wan model id, e.g. `wan2.2-t2v-plus`. */
  model: z.string().min(1),
  negativePrompt: z.string().optional(),
  /** 0–2147483647, as every provider documents. */
  seed: z.number().int().min(0).max(2147483647).optional(),
  promptExtend: z.boolean().optional(),
  watermark: z.boolean().optional(),
  /** Escape hatch for wire fields with no neutral meaning, keyed by adapter id; validated by that adapter. */
  providerOptions: providerOptionsSchema.optional(),
};

const frame = {
  size: sizeSchema.optional(),
  resolution: z.enum(resolutions).optional(),
  aspectRatio: z.enum(aspectRatios).optional(),
};

const video = {
  durationSeconds: z.number().int().positive().optional(),
  audio: z.boolean().optional(),
  audioUrl: z.string().url().optional(),
  shotType: z.enum(shotTypes).optional(),
};

export const textToVideoRequestSchema = z.object({
  kind: z.literal('text-to-video'),
  prompt: z.string().min(1, 'prompt must not be empty'),
  ...common,
  ...frame,
  ...video,
});

export const imageToVideoRequestSchema = z.object({
  kind: z.literal('image-to-video'),
  /** Optional for image-to-video: the image drives the video. */
  prompt: z.string().optional(),
  /** First frame: an http(s) URL or a `data:` URI. */
  image: urlOrDataUri,
  /** Last frame, for first-and-last-frame models such as `wanx2.1-kf2v-plus`. */
  lastImage: urlOrDataUri.optional(),
  /** Effect template; when set, providers ignore the prompt. */
  template: z.string().min(1).optional(),
  ...common,
  ...frame,
  ...video,
});

export const textToImageRequestSchema = z.object({
  kind: z.literal('text-to-image'),
  prompt: z.string().min(1, 'prompt must not be empty'),
  /** Number of images. wankit defaults to 1 (the providers default to 4 and bill per image). */
  count: z.number().int().positive().optional(),
  ...common,
  size: sizeSchema.optional(),
  aspectRatio: z.enum(aspectRatios).optional(),
});

export const generationRequestSchema = z.discriminatedUnion('kind', [
  textToVideoRequestSchema,
  imageToVideoRequestSchema,
  textToImageRequestSchema,
]);

export type TextToVideoRequest = z.infer<typeof textToVideoRequestSchema>;
export type ImageToVideoRequest = z.infer<typeof imageToVideoRequestSchema>;
export type TextToImageRequest = z.infer<typeof textToImageRequestSchema>;
/** A provider-neutral generation request. */
export type GenerationRequest = z.infer<typeof generationRequestSchema>;
export type VideoRequest = TextToVideoRequest | ImageToVideoRequest;
