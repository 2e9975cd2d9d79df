import { errorKinds, requestKinds, taskStatuses } from '@wankit/core';
import { z } from 'zod';

// The JSON shape of one wire fixture (contracts/README.md, "Fixture file format"). Strict: a misspelt key
// would otherwise silently weaken a scenario.

const wireRequestSchema = z.strictObject({
  method: z.enum(['GET', 'POST']),
  path: z.string().startsWith('/'),
  query: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
});

const wireResponseSchema = z
  .strictObject({
    status: z.number().int().min(100).max(599),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.unknown().optional(),
    bodyText: z.string().optional(),
  })
  .refine((response) => !(response.body !== undefined && response.bodyText !== undefined), {
    message: 'give either body or bodyText, not both',
  });

const warningSchema = z.union([
  z.strictObject({ type: z.literal('unsupported'), setting: z.string(), details: z.string().optional() }),
  z.strictObject({ type: z.literal('truncated'), setting: z.string(), details: z.string() }),
  z.strictObject({ type: z.literal('defaulted'), setting: z.string(), details: z.string() }),
  z.strictObject({ type: z.literal('other'), message: z.string() }),
]);

const expectSchema = z.strictObject({
  warnings: z.array(warningSchema).optional(),
  ref: z.record(z.string(), z.unknown()).optional(),
  status: z.enum(taskStatuses).optional(),
  providerStatus: z.string().optional(),
  progress: z.number().min(0).max(1).optional(),
  kind: z.enum(errorKinds).optional(),
  code: z.string().optional(),
  message: z.string().optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  usage: z.record(z.string(), z.unknown()).optional(),
});

const variantSchema = z.strictObject({
  name: z.string().min(1),
  response: wireResponseSchema,
  expect: expectSchema.optional(),
});

export const wireFixtureSchema = z.strictObject({
  description: z.string().min(1),
  request: wireRequestSchema.optional(),
  response: wireResponseSchema.optional(),
  variants: z.array(variantSchema).min(1).optional(),
  expect: expectSchema.optional(),
  callbackBody: z.unknown().optional(),
  requestKind: z.enum(requestKinds).optional(),
  requestPatch: z.record(z.string(), z.unknown()).optional(),
});

export type WireFixture = z.infer<typeof wireFixtureSchema>;
export type FixtureRequest = z.infer<typeof wireRequestSchema>;
export type FixtureResponse = z.infer<typeof wireResponseSchema>;
export type FixtureExpect = z.infer<typeof expectSchema>;

/** One runnable case of a fixture: the fixture itself, or one of its variants (inheriting request and expect). */
export interface FixtureCase {
  readonly name: string | undefined;
  readonly request: FixtureRequest | undefined;
  readonly response: FixtureResponse;
  readonly expect: FixtureExpect;
}

/** The fixture's cases: each variant, or the fixture itself when it has none. */
export function fixtureCases(fixture: WireFixture): FixtureCase[] {
  if (fixture.variants) {
    return fixture.variants.map((variant) => ({
      name: variant.name,
      request: fixture.request,
      response: variant.response,
      expect: { ...fixture.expect, ...variant.expect },
    }));
  }
  if (!fixture.response) return [];
  return [
    { name: undefined, request: fixture.request, response: fixture.response, expect: fixture.expect ?? {} },
  ];
}
