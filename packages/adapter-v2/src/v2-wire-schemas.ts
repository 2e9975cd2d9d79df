// Minimal runtime schemas for what the adapter reads off the wire. They are lenient on purpose
// (`nullish`, unknown keys kept) and checked at compile time against the types generated from
// contracts/openapi/v2.yaml: every body the contract allows must parse.
import { z } from 'zod';
import type { components } from './generated/v2-wire.js';

type Wire = components['schemas'];

/** Create answer: `{ task_id }`, no envelope (seed 003). */
export const createResponseSchema = z.object({ task_id: z.string().min(1) });

// The unified guide says results may come as `data.outputs`; the items' shape is not shown, so a URL
// string or an object carrying `url` is accepted (INFERRED).
const outputItemSchema = z.union([z.string(), z.looseObject({ url: z.string() })]);

/** Query answer (Y5). Only the fields the adapter reads are typed. */
export const taskSchema = z.looseObject({
  task_id: z.string().nullish(),
  status: z.string().nullish(),
  fail_reason: z.string().nullish(),
  submit_time: z.number().nullish(),
  start_time: z.number().nullish(),
  finish_time: z.number().nullish(),
  // A percentage string such as "30%"; a number is tolerated.
  progress: z.union([z.string(), z.number()]).nullish(),
  data: z
    .looseObject({
      output: z.union([z.string(), z.array(outputItemSchema)]).nullish(),
      outputs: z.array(outputItemSchema).nullish(),
    })
    .nullish(),
});
export type V2TaskBody = z.infer<typeof taskSchema>;

/** new-api task-relay error body `{code, message, data}` (INFERRED, wire-formats.md §2.7). */
export const relayErrorSchema = z.looseObject({
  code: z.union([z.string(), z.number()]).nullish(),
  message: z.string().nullish(),
});

/** new-api's OpenAI-style error body `{error:{message,type,code}}` (INFERRED, used on 401). */
export const openAiErrorSchema = z.looseObject({
  error: z.looseObject({
    message: z.string().nullish(),
    type: z.string().nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
  }),
});

// Compile-time drift guard: the contract's bodies must be accepted by these schemas.
type Accepts<Schema extends z.ZodType, Body> = Body extends z.input<Schema> ? true : false;
type Expect<T extends true> = T;
export type WireSchemaChecks = [
  Expect<Accepts<typeof createResponseSchema, Wire['CreateVideoResponse']>>,
  Expect<Accepts<typeof taskSchema, Wire['VideoTask']>>,
  Expect<Accepts<typeof relayErrorSchema, Wire['TaskRelayError']>>,
  Expect<Accepts<typeof openAiErrorSchema, Wire['OpenAiError']>>,
];
