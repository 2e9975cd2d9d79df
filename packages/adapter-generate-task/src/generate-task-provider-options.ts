import { WankitError } from '@wankit/core';
import { z } from 'zod';
import type { components } from './generated/generate-task-wire.js';

export const generateTaskAdapterId = 'generate-task';

export type GenerateTaskProviderRoute = components['schemas']['ProviderRoute'];

const providerRoutes = ['auto', 'value', 'official'] as const satisfies readonly GenerateTaskProviderRoute[];

/** `providerOptions['generate-task']`: wire fields with no neutral meaning. Strict, so typos are caught. */
export const generateTaskProviderOptionsSchema = z.strictObject({
  /** Routing strategy; the provider's default is `auto` (seed 004). */
  provider: z.enum(providerRoutes).optional(),
});

export type GenerateTaskProviderOptions = z.infer<typeof generateTaskProviderOptionsSchema>;

export function parseProviderOptions(providerOptions: unknown): GenerateTaskProviderOptions {
  const options = (providerOptions as Record<string, unknown> | undefined)?.[generateTaskAdapterId];
  if (options === undefined) return {};
  const parsed = generateTaskProviderOptionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = `providerOptions.${generateTaskAdapterId}`;
  if (issue.code === 'unrecognized_keys') {
    throw new WankitError({
      kind: 'invalid_request',
      message: `${field} has unknown key(s) ${issue.keys.join(', ')}; allowed: provider`,
      field,
      value: issue.keys,
      allowed: ['provider'],
    });
  }
  const path = issue.path.length > 0 ? `${field}.${issue.path.join('.')}` : field;
  const value = issue.path.reduce<unknown>(
    (node, key) => (node as Record<PropertyKey, unknown> | undefined)?.[key],
    options,
  );
  throw new WankitError({
    kind: 'invalid_request',
    message: `${path} is ${JSON.stringify(value)}; allowed: ${issue.path.length > 0 ? providerRoutes.join(', ') : 'an object with provider'}`,
    field: path,
    value,
    allowed: issue.path.length > 0 ? providerRoutes : ['provider'],
  });
}
