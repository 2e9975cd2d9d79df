import { createHash } from 'node:crypto';

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, inner]) => inner !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
}

/**
 * A stable identity for a create request: sha256 of canonical JSON (sorted keys, undefined dropped)
 * of adapter, base URL, provider model and the neutral request. The same submission always gets the
 * same fingerprint, so an uncertain create can be matched to a task found later.
 */
export function requestFingerprint(input: {
  adapter: string;
  baseUrl: string;
  providerModel: string;
  request: unknown;
}): string {
  const canonical = canonicalJson({
    adapter: input.adapter,
    baseUrl: input.baseUrl,
    providerModel: input.providerModel,
    request: input.request,
  });
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}
