// The runtime schemas of what the adapter sends, checked at compile time against the types generated from
// contracts/openapi/native.yaml. Answers are read by core's tolerant readers (native-response.ts), not by
// schemas: real bodies of this gateway disagree with the documented shapes (/work/corpus/native/SOURCES.md).
import type { SchemaAccepts } from '@wankit/core/adapter';
import { z } from 'zod';
import type { components } from './generated/native-wire.js';

type Wire = components['schemas'];

/** `providerOptions.native`: the gateway has no wire field without a neutral meaning, so none are taken. */
export const nativeProviderOptionsSchema = z.strictObject({});

/** The content both body forms carry (seeds 000–002, wire-formats.md §1.4). Nothing is sent that fails it. */
const contentSchema = z.strictObject({
  input: z.strictObject({
    prompt: z.string().optional(),
    negative_prompt: z.string().optional(),
    img_url: z.string().min(1).optional(),
    audio_url: z.string().min(1).optional(),
    template: z.string().min(1).optional(),
  }),
  parameters: z
    .strictObject({
      size: z
        .string()
        .regex(/^[0-9]+\*[0-9]+$/, 'size must be WIDTH*HEIGHT')
        .optional(),
      resolution: z.enum(['480P', '720P', '1080P']).optional(),
      duration: z.number().int().min(2).max(15).optional(),
      prompt_extend: z.boolean().optional(),
      watermark: z.boolean().optional(),
      seed: z.number().int().min(0).max(2147483647).optional(),
      n: z.number().int().min(1).max(4).optional(),
      audio: z.boolean().optional(),
      shot_type: z.enum(['single', 'multi']).optional(),
    })
    .optional(),
});
export type NativeContent = z.output<typeof contentSchema>;

// `model` is absent when it travels in the X-Model header (the SeaArt Python SDK's form).
const model = z.string().min(1).optional();

/** The provider's clients' form: `{model, input:[{params:{input, parameters}}]}`. */
export const nativeWrappedBodySchema = z.strictObject({
  model,
  input: z.array(z.strictObject({ params: contentSchema })).length(1),
});
/** The doc pages' form: `{model, input, parameters}`. */
export const nativeFlatBodySchema = z.strictObject({ model, ...contentSchema.shape });

// Compile-time drift guards: each schema takes every body the contract allows, and lets out only such bodies.
export const nativeSchemaChecks: [
  SchemaAccepts<typeof nativeWrappedBodySchema, Wire['WrappedCreateGenerationRequest']>,
  z.output<typeof nativeWrappedBodySchema> extends Wire['WrappedCreateGenerationRequest'] ? true : never,
  SchemaAccepts<typeof nativeFlatBodySchema, Wire['CreateGenerationRequest']>,
  z.output<typeof nativeFlatBodySchema> extends Wire['CreateGenerationRequest'] ? true : never,
] = [true, true, true, true];
