import { z } from 'zod';
import type { components } from './generated/generate-task-wire.js';

type Schemas = components['schemas'];

// Minimal runtime schemas for what the adapter reads. Unknown fields pass through untouched; `null` is read
// as absent (a common way for such APIs to write "not yet").
const optionalString = z.string().nullish();
const optionalNumber = z.number().nullish();

/** Envelope around every answer (wire-formats §3.5); `data` is checked separately per endpoint. */
export const envelopeSchema = z.looseObject({
  code: z.number(),
  message: z.string().nullish(),
  data: z.unknown().optional(),
});

export const createTaskDataSchema = z.looseObject({ taskId: z.string().min(1) });

export const taskDataSchema = z.looseObject({
  taskId: z.string().min(1),
  state: z.string(),
  resultJson: optionalString,
  failCode: optionalString,
  failMsg: optionalString,
  createTime: optionalNumber,
  completeTime: optionalNumber,
  costTime: optionalNumber,
});

/** What `resultJson` holds once parsed. */
export const taskResultSchema = z.looseObject({ resultUrls: z.array(z.string().min(1)) });

/** The callback body: the status envelope, with task data (wire-formats §3.8). */
export const callbackPayloadSchema = z.looseObject({
  code: z.number(),
  message: z.string().nullish(),
  data: taskDataSchema,
});

export const errorDetailsSchema = z.looseObject({ error: z.string().optional() });

export type TaskData = z.infer<typeof taskDataSchema>;

// Compile-time checks against the generated contract types:
// every body the contract allows must parse (contract ⊆ schema) and the schemas invent no field (keys ⊆ contract).
type Accepts<Schema extends z.ZodType, Wire> = Wire extends z.input<Schema> ? true : false;
type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : K]: T[K] };
type NoInventedKeys<Schema extends z.ZodType, Wire> =
  Exclude<KnownKeys<z.output<Schema>>, keyof Wire> extends never ? true : false;
type Assert<T extends true> = T;

export type WireSchemaChecks = [
  Assert<Accepts<typeof createTaskDataSchema, Schemas['CreateTaskData']>>,
  Assert<NoInventedKeys<typeof createTaskDataSchema, Schemas['CreateTaskData']>>,
  Assert<Accepts<typeof taskDataSchema, Schemas['TaskData']>>,
  Assert<NoInventedKeys<typeof taskDataSchema, Schemas['TaskData']>>,
  Assert<Accepts<typeof taskResultSchema, Schemas['TaskResult']>>,
  Assert<NoInventedKeys<typeof taskResultSchema, Schemas['TaskResult']>>,
  Assert<Accepts<typeof callbackPayloadSchema, Schemas['CallbackPayload']>>,
  Assert<NoInventedKeys<typeof callbackPayloadSchema, Schemas['CallbackPayload']>>,
  Assert<Accepts<typeof envelopeSchema, Schemas['StatusTaskResponse']>>,
  Assert<Accepts<typeof envelopeSchema, Schemas['ErrorEnvelope']>>,
  Assert<NoInventedKeys<typeof envelopeSchema, Schemas['ErrorEnvelope']>>,
  Assert<Accepts<typeof errorDetailsSchema, Schemas['ErrorDetails']>>,
  Assert<NoInventedKeys<typeof errorDetailsSchema, Schemas['ErrorDetails']>>,
];
