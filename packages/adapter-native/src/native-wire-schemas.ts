import { z } from 'zod';
import type { components } from './generated/native-wire.js';

// Minimal runtime schemas for what the adapter reads. They are looser than the contract where the
// sources disagree (wire-formats §1.5, §1.10): a numeric cost, any content type, an error as a string or
// an object with a string or numeric code and `message` or `error_message`. Unknown fields pass.

const code = z.union([z.string(), z.number()]);

export const nativeErrorObjectSchema = z.object({
  code: code.optional(),
  message: z.string().optional(),
  error_message: z.string().optional(),
});

export const nativeTaskErrorSchema = z.union([z.string(), nativeErrorObjectSchema]);

export const nativeContentSchema = z.object({
  type: z.string().optional(),
  url: z.string().min(1),
  jobId: z.string().optional(),
});

export const nativeUsageSchema = z.object({
  cost: z.union([z.string(), z.number()]).optional(),
  discount: z.number().optional(),
  quantity: z.number().optional(),
  unit_price: z.union([z.string(), z.number()]).optional(),
  extra_info: z.record(z.string(), z.unknown()).optional(),
});

export const nativeTaskSchema = z.object({
  id: z.string().min(1),
  status: z.string().optional(),
  model: z.string().optional(),
  progress: z.number().optional(),
  created_at: z.number().optional(),
  output: z
    .array(z.object({ status: z.string().optional(), content: z.array(nativeContentSchema) }))
    .optional(),
  usage: nativeUsageSchema.optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  error: nativeTaskErrorSchema.optional(),
});

/** An HTTP error body (>= 400): any of the shapes in wire-formats §1.5. */
export const nativeErrorBodySchema = z.object({
  error: nativeTaskErrorSchema.optional(),
  message: z.string().optional(),
  code: code.optional(),
});

export type NativeTask = z.infer<typeof nativeTaskSchema>;
export type NativeTaskError = z.infer<typeof nativeTaskErrorSchema>;

// Compile-time checks: everything the OpenAPI contract allows, the runtime schemas accept.
type Accepts<Schema extends z.ZodType, Wire> = Wire extends z.input<Schema> ? true : never;
type Wire = components['schemas'];
const acceptsTask: Accepts<typeof nativeTaskSchema, Wire['Task']> = true;
const acceptsErrorBody: Accepts<typeof nativeErrorBodySchema, Wire['ErrorResponse']> = true;
export const wireSchemasMatchContract = acceptsTask && acceptsErrorBody;
