// The runtime schemas of what the adapter sends (and of the upload policy it must have), checked at compile time
// against the types generated from contracts/openapi/dashscope.yaml. Task answers are read by core's tolerant
// readers (dashscope-response.ts), not by schemas: real bodies vary them (/work/corpus/dashscope/SOURCES.md).
import type { SchemaAccepts } from '@wankit/core/adapter';
import { z } from 'zod';
import type { components } from './generated/dashscope-wire.js';

type Wire = components['schemas'];

/**
 * `providerOptions.dashscope`. Only `upload` has no neutral meaning: it turns on the temporary-upload flow for
 * inline (data URI) images [MS-UPLOAD]. Everything else DashScope takes has a neutral field (`template`,
 * `audioUrl`, `lastImage`, `references[].voiceUrl`, …). Left out on purpose, because no official page shows
 * them working through a neutral request: wan2.7's `first_clip` (continuation: it replaces the first frame the
 * neutral image-to-video request requires), wan3.0's `duration: -1` and `ratio: "adaptive"` (relay tests only).
 */
export const dashscopeProviderOptionsSchema = z.strictObject({
  /** Upload `data:` images to DashScope's temporary storage and send them as `oss://` URLs. */
  upload: z.boolean().optional(),
});
export type DashScopeProviderOptions = z.output<typeof dashscopeProviderOptionsSchema>;

const text = z.string().min(1);
const size = z.string().regex(/^[0-9]+\*[0-9]+$/, 'size must be WIDTH*HEIGHT');
const resolution = z.enum(['480P', '720P', '1080P']);
const seed = z.number().int().min(0).max(2147483647);

const mediaItemSchema = z.strictObject({
  type: z.enum([
    'first_frame',
    'last_frame',
    'driving_audio',
    'first_clip',
    'reference_image',
    'reference_video',
    'reference_audio',
  ]),
  url: text,
  reference_voice: text.optional(),
});
export type DashScopeMediaItem = z.output<typeof mediaItemSchema>;

/** `/video-generation/video-synthesis`: every video family but kf2v (–1.8). */
export const videoSynthesisBodySchema = z.strictObject({
  model: text,
  input: z.strictObject({
    prompt: z.string().optional(),
    negative_prompt: z.string().optional(),
    img_url: text.optional(),
    audio_url: text.optional(),
    template: text.optional(),
    reference_urls: z.array(text).min(1).max(5).optional(),
    media: z.array(mediaItemSchema).min(1).optional(),
  }),
  parameters: z
    .strictObject({
      size: size.optional(),
      resolution: resolution.optional(),
      ratio: z.enum(['16:9', '9:16', '1:1', '4:3', '3:4', 'adaptive']).optional(),
      duration: z.number().int().optional(),
      prompt_extend: z.boolean().optional(),
      shot_type: z.enum(['single', 'multi']).optional(),
      audio: z.boolean().optional(),
      watermark: z.boolean().optional(),
      seed: seed.optional(),
    })
    .optional(),
});

/** `/image2video/video-synthesis`: the first-and-last-frame models [MS-KF2V]. */
export const image2VideoBodySchema = z.strictObject({
  model: text,
  input: z.strictObject({
    prompt: z.string().optional(),
    negative_prompt: z.string().optional(),
    first_frame_url: text,
    last_frame_url: text.optional(),
    template: text.optional(),
  }),
  parameters: z
    .strictObject({
      resolution: resolution.optional(),
      duration: z.number().int().optional(),
      prompt_extend: z.boolean().optional(),
      watermark: z.boolean().optional(),
      seed: seed.optional(),
    })
    .optional(),
});

/** `/text2image/image-synthesis` [MS-T2I]. */
export const imageSynthesisBodySchema = z.strictObject({
  model: text,
  input: z.strictObject({ prompt: z.string(), negative_prompt: z.string().optional() }),
  parameters: z
    .strictObject({
      size: size.optional(),
      n: z.number().int().min(1).max(4).optional(),
      prompt_extend: z.boolean().optional(),
      watermark: z.boolean().optional(),
      seed: seed.optional(),
    })
    .optional(),
});

/**
 * getPolicy's `data` [MS-UPLOAD]: the fields the upload cannot do without are required; the page types every
 * field as a string while its example has numbers, so the numbers take both (unknown fields pass).
 */
export const uploadPolicySchema = z.looseObject({
  policy: text,
  signature: text,
  upload_dir: text,
  upload_host: text,
  oss_access_key_id: text,
  expire_in_seconds: z.union([z.number(), z.string()]).optional(),
  max_file_size_mb: z.union([z.number(), z.string()]).optional(),
  capacity_limit_mb: z.union([z.number(), z.string()]).optional(),
  x_oss_object_acl: z.string().optional(),
  x_oss_forbid_overwrite: z.string().optional(),
});
export type DashScopeUploadPolicy = z.output<typeof uploadPolicySchema>;

// Compile-time drift guards: each schema takes every body the contract allows, and lets out only such bodies.
export const dashscopeSchemaChecks: [
  SchemaAccepts<typeof videoSynthesisBodySchema, Wire['VideoSynthesisRequest']>,
  z.output<typeof videoSynthesisBodySchema> extends Wire['VideoSynthesisRequest'] ? true : never,
  SchemaAccepts<typeof image2VideoBodySchema, Wire['Image2VideoRequest']>,
  z.output<typeof image2VideoBodySchema> extends Wire['Image2VideoRequest'] ? true : never,
  SchemaAccepts<typeof imageSynthesisBodySchema, Wire['ImageSynthesisRequest']>,
  z.output<typeof imageSynthesisBodySchema> extends Wire['ImageSynthesisRequest'] ? true : never,
  SchemaAccepts<typeof uploadPolicySchema, Wire['UploadPolicy']>,
] = [true, true, true, true, true, true, true];
