import type { z } from 'zod';

/**
 * Compile-time check that a runtime schema accepts everything the OpenAPI contract allows:
 * `const ok: SchemaAccepts<typeof taskSchema, components['schemas']['Task']> = true;` fails to compile
 * when the contract and the schema drift apart.
 */
export type SchemaAccepts<Schema extends z.ZodType, Wire> = Wire extends z.input<Schema> ? true : never;
