// The runtime schemas of what the adapter sends, checked at compile time against the types generated from
// contracts/openapi/generate-task.yaml. Answers are read by core's tolerant readers (generate-task-response.ts),
// not by schemas: real bodies of this API family disagree with the documented shapes (see the contract's
// OBSERVED notes and /work/corpus/generate-task/SOURCES.md).
import type { SchemaAccepts } from '@wankit/core/adapter';
import { z } from 'zod';
import type { components } from './generated/generate-task-wire.js';

type Wire = components['schemas'];

const providerRoutes = ['auto', 'value', 'official'] as const satisfies readonly Wire['ProviderRoute'][];

/** `providerOptions['generate-task']`: the routing strategy (seed 004; the provider's default is `auto`). */
export const generateTaskProviderOptionsSchema = z.strictObject({
  provider: z.enum(providerRoutes).optional(),
});
export type GenerateTaskProviderRoute = (typeof providerRoutes)[number];

/**
 * The wan-2-5 create body (seed 004; wire-formats.md §3.4). Nothing is sent that fails it. `request_type` and
 * `mode` have provider defaults (the request module always sends both).
 */
export const generateTaskCreateBodySchema = z.strictObject({
  request_type: z.enum(['async', 'callback']).optional(),
  callback_url: z.url().optional(),
  provider: z.enum(providerRoutes).optional(),
  input: z.strictObject({
    mode: z.enum(['text-to-video', 'image-to-video']).optional(),
    prompt: z.string().min(1),
    image_urls: z.array(z.url()).length(1).optional(),
    resolution: z.enum(['720p', '1080p']).optional(),
    duration: z.union([z.literal(5), z.literal(10)]).optional(),
    aspect_ratio: z.enum(['16:9', '9:16', '1:1']).optional(),
    negative_prompt: z.string().optional(),
    seed: z.number().int().optional(),
    enable_prompt_expansion: z.boolean().optional(),
  }),
});
export type GenerateTaskCreateBody = z.output<typeof generateTaskCreateBodySchema>;

// Compile-time drift guards: the schema takes every body the contract allows, and what it lets out is a body
// the contract allows.
export const generateTaskSchemaChecks: [
  SchemaAccepts<typeof generateTaskCreateBodySchema, Wire['GenerateTaskRequest']>,
  GenerateTaskCreateBody extends Wire['GenerateTaskRequest'] ? true : never,
] = [true, true];
