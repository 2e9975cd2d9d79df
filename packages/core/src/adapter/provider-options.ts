import type { z } from 'zod';
import { dataUriBytes } from '../catalog/validate-inputs.js';
import { WankitError } from '../errors/wankit-error.js';
import type { GenerationRequest } from '../spec/request.js';

/**
 * Reads `request.providerOptions[adapterId]` against the adapter's strict zod schema (camelCase keys, as
 * every neutral field). Absent options parse as `{}`; an unknown key or a bad value is an
 * `invalid_request` naming the field and what is allowed, before anything is sent.
 */
export function parseProviderOptions<Schema extends z.ZodObject>(
  adapterId: string,
  request: GenerationRequest,
  schema: Schema,
): z.infer<Schema> {
  const given = request.providerOptions?.[adapterId] ?? {};
  const parsed = schema.safeParse(given);
  if (parsed.success) return parsed.data;
  const allowed = Object.keys(schema.shape);
  const issue = parsed.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const keys = issue.keys;
    throw new WankitError({
      kind: 'invalid_request',
      message:
        `providerOptions.${adapterId} does not take ${keys.join(', ')}; ` +
        (allowed.length > 0
          ? `allowed: ${allowed.join(', ')}`
          : `the ${adapterId} adapter has no provider options`),
      field: `providerOptions.${adapterId}.${keys[0] ?? ''}`,
      value: keys,
      allowed,
    });
  }
  const path = issue?.path.map(String).join('.') ?? '';
  const field = `providerOptions.${adapterId}${path ? `.${path}` : ''}`;
  const options = issue && 'values' in issue && Array.isArray(issue.values) ? issue.values : undefined;
  const value = path ? (given as Record<string, unknown>)[path.split('.')[0] as string] : given;
  throw new WankitError({
    kind: 'invalid_request',
    message:
      `${field} is invalid` +
      (options
        ? `: choose ${options.map((item) => JSON.stringify(item)).join(', ')}`
        : `: ${issue?.message ?? 'bad value'}`),
    field,
    value,
    ...(options ? { allowed: options } : {}),
  });
}

/**
 * Refuses inline (data URI) images over a provider's own limit, before anything is sent: the catalog holds
 * the model's limit on Alibaba's API, and a reseller may document less (e.g. 10 MB on vtrix, apixo, yutoai).
 */
export function checkInlineImageLimit(request: GenerationRequest, maxBytes: number, provider: string): void {
  const record = request as Record<string, unknown>;
  const fields: [string, unknown][] = [
    ['image', record.image],
    ['lastImage', record.lastImage],
    ...(Array.isArray(record.references)
      ? (record.references as { url?: unknown }[]).map(
          (item, index) => [`references.${index}`, item?.url] as [string, unknown],
        )
      : []),
  ];
  for (const [field, value] of fields) {
    const bytes = typeof value === 'string' ? dataUriBytes(value) : undefined;
    if (bytes === undefined || bytes <= maxBytes) continue;
    throw new WankitError({
      kind: 'invalid_request',
      message: `${field}: the inline image is ${bytes} bytes; ${provider} takes images up to ${maxBytes} bytes. Host it and pass its https URL`,
      field,
      value: `${String(value).slice(0, 40)}… (${bytes} bytes)`,
      allowed: [`<= ${maxBytes} bytes`],
    });
  }
}
