// `providerOptions.v2`: wire fields with no neutral meaning. Only `template` qualifies — the text-to-video
// page lists it (Y1) but the neutral text-to-video request has no template.
import { type GenerationRequest, WankitError } from '@wankit/core';
import { z } from 'zod';

export const v2ProviderOptionsSchema = z.strictObject({
  /** Effect template, sent as `template`. */
  template: z.string().min(1).optional(),
});
export type V2ProviderOptions = z.infer<typeof v2ProviderOptionsSchema>;

const allowedKeys = Object.keys(v2ProviderOptionsSchema.shape);

/** Reads `request.providerOptions[adapterId]`; throws `invalid_request` naming the bad key. */
export function readV2ProviderOptions(request: GenerationRequest, adapterId: string): V2ProviderOptions {
  const raw = request.providerOptions?.[adapterId];
  if (raw === undefined) return {};
  const parsed = v2ProviderOptionsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue?.code === 'unrecognized_keys' ? (issue.keys[0] ?? '') : String(issue?.path[0] ?? '');
  const value = key === '' ? raw : (raw as Record<string, unknown>)[key];
  throw new WankitError({
    kind: 'invalid_request',
    message:
      issue?.code === 'unrecognized_keys'
        ? `providerOptions.${adapterId}.${key} is not a v2 option; allowed: ${allowedKeys.join(', ')}`
        : `providerOptions.${adapterId}.${key}: ${issue?.message ?? 'invalid value'}`,
    field: `providerOptions.${adapterId}.${key}`,
    value,
    allowed: allowedKeys,
  });
}
