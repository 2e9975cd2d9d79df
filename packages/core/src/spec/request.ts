import { z } from 'zod';
import type { ModelId } from '../catalog/model-id.js';

/** Video tiers, neutral spelling (lower-case). Adapters convert to their wire spelling (`720P`, `720p`). */
export const resolutions = ['480p', '720p', '1080p'] as const;
export type Resolution = (typeof resolutions)[number];

export const aspectRatios = ['16:9', '9:16', '1:1', '4:3', '3:4'] as const;
export type AspectRatio = (typeof aspectRatios)[number];

/** A concrete frame size as the providers write it: `"1280*720"`. */
export type Size = `${number}*${number}`;

export const requestKinds = [
  'text-to-video',
  'image-to-video',
  'text-to-image',
  'reference-to-video',
] as const;
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
  /** Canonical Wan model id, e.g. `wan2.2-t2v-plus`: the catalog's ids complete in editors, any string is taken. */
  model: z.string().min(1) as z.ZodType<ModelId, string>,
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

export const referenceTypes = ['image', 'video'] as const;
export type ReferenceType = (typeof referenceTypes)[number];

/**
 * One reference of a reference-to-video request: a subject the video shows (a person, an object), from an
 * image or a short video. `type` may be left out: a URL ending in .mp4/.mov/.webm (or a `data:video/` URI)
 * is a video, anything else an image. `voiceUrl`: an audio clip giving that subject's voice (wan2.7).
 */
export const referenceSchema = z.object({
  url: z.string().min(1),
  type: z.enum(referenceTypes).optional(),
  voiceUrl: z.string().url().optional(),
});
export type Reference = z.infer<typeof referenceSchema>;

export const referenceToVideoRequestSchema = z.object({
  kind: z.literal('reference-to-video'),
  /** Required: it tells what the references do (providers name them character1…, Image 1…, in order). */
  prompt: z.string().min(1, 'prompt must not be empty'),
  /** The subjects, as URLs or reference objects, in the order the prompt names them. */
  references: z.array(z.union([z.string().min(1), referenceSchema])).min(1, 'give at least one reference'),
  /** An optional first frame (wan2.7-r2v, wan3.0). */
  image: urlOrDataUri.optional(),
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
  referenceToVideoRequestSchema,
]);

export type TextToVideoRequest = z.infer<typeof textToVideoRequestSchema>;
export type ImageToVideoRequest = z.infer<typeof imageToVideoRequestSchema>;
export type TextToImageRequest = z.infer<typeof textToImageRequestSchema>;
export type ReferenceToVideoRequest = z.infer<typeof referenceToVideoRequestSchema>;
/** A provider-neutral generation request. */
export type GenerationRequest = z.infer<typeof generationRequestSchema>;
export type VideoRequest = TextToVideoRequest | ImageToVideoRequest | ReferenceToVideoRequest;
