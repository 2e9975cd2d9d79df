// The runtime schemas of what the adapter sends, checked at compile time against the types generated from
// contracts/openapi/v2.yaml. Answers are read by core's tolerant readers (v2-response.ts), not by schemas:
// real relays disagree with the documented shapes (see /work/corpus/v2/SOURCES.md).
import type { SchemaAccepts } from '@wankit/core/adapter';
import { z } from 'zod';
import type { components } from './generated/v2-wire.js';

type Wire = components['schemas'];

/**
 * `providerOptions.v2`: wire fields with no neutral meaning, camelCase. Only `template` qualifies: the
 * text-to-video page lists it (Y1) but a neutral text-to-video request has no template.
 */
export const v2ProviderOptionsSchema = z.strictObject({
  /** Effect template, sent as `template`. */
  template: z.string().min(1).optional(),
});

/** The flat create body (Y1-Y4, wire-formats.md §2.4). Nothing is sent that fails it. */
export const v2CreateBodySchema = z.strictObject({
  model: z.string().min(1),
  prompt: z.string(),
  negative_prompt: z.string().optional(),
  size: z
    .string()
    .regex(/^[0-9]+\*[0-9]+$/, 'size must be WIDTH*HEIGHT')
    .optional(),
  images: z.array(z.string().min(1)).min(1).max(2).optional(),
  resolution: z.enum(['480P', '720P', '1080P']).optional(),
  duration: z.number().int().positive().optional(),
  prompt_extend: z.boolean().optional(),
  watermark: z.boolean().optional(),
  seed: z.number().int().min(0).max(2147483647).optional(),
  template: z.string().min(1).optional(),
  audio_url: z.string().min(1).optional(),
  audio: z.boolean().optional(),
});
export type V2CreateBody = z.output<typeof v2CreateBodySchema>;

// Compile-time drift guards: the schema takes every body the contract allows, and what it lets out is a
// body the contract allows.
export const v2SchemaChecks: [
  SchemaAccepts<typeof v2CreateBodySchema, Wire['CreateVideoRequest']>,
  V2CreateBody extends Wire['CreateVideoRequest'] ? true : never,
] = [true, true];
