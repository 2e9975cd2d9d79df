import { sha256Hex } from '../crypto/portable-crypto.js';

// Sorted keys, undefined dropped; built by concatenation (no entry arrays), since every submit pays it.
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // The default sort orders strings by UTF-16 code units, as `a < b` does.
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const inner = record[key];
    if (inner === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(inner)}`;
    first = false;
  }
  return `${out}}`;
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
  return `sha256:${sha256Hex(canonical)}`;
}
