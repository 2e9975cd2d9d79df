import { sha256Hex } from '../crypto/portable-crypto.js';
import { redactSecrets } from '../errors/redact.js';
import type { JournalRecord } from './journal-record.js';

const dataUri = /^data:([^;,]*)((?:;[^;,]*)*),/i;
// Only a real base64 media URI (what `image`/`lastImage` carry) is summarised: a prompt that merely starts
// with "data:" is text and is kept as written.
const base64MediaUri = /^data:[\w.+-]+\/[\w.+-]+(?:;[\w.+-]+=[^;,]*)*;base64,[A-Za-z0-9+/=\s]*$/i;

function decodePayload(payload: string, isBase64: boolean): Uint8Array | string {
  try {
    if (isBase64) return Uint8Array.from(atob(payload.replace(/\s+/g, '')), (char) => char.charCodeAt(0));
    return new TextEncoder().encode(decodeURIComponent(payload));
  } catch {
    // Not decodable: the fingerprint is of the text as written.
    return payload;
  }
}

/**
 * `data:<mime>;sha256=<hex>`: a fingerprint of an inline image instead of megabytes of base64 that
 * resuming never needs. The hash is of the decoded bytes, so it matches the file's own sha256.
 */
export function summarizeDataUri(uri: string): string {
  const match = dataUri.exec(uri);
  const mime = match?.[1] || 'application/octet-stream';
  const payload = uri.slice(match ? match[0].length : 0);
  const isBase64 = /;base64/i.test(match?.[2] ?? '');
  return `data:${mime};sha256=${sha256Hex(decodePayload(payload, isBase64))}`;
}

function scrubValue(value: unknown): unknown {
  if (typeof value === 'string') {
    if (base64MediaUri.test(value)) return summarizeDataUri(value);
    return redactSecrets(value);
  }
  if (Array.isArray(value)) return value.map(scrubValue);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== undefined) out[key] = scrubValue(inner);
    }
    return out;
  }
  return value;
}

/**
 * What may be stored: the snapshot's `raw` wire body removed, every string passed through
 * `redactSecrets`, and data: URIs (anywhere: image, lastImage, an error's `value`) reduced to a hash.
 */
export function scrubRecord(record: JournalRecord): JournalRecord {
  if (record.type === 'snapshot') {
    const { raw: _raw, ...snapshot } = record.snapshot;
    return scrubValue({ ...record, snapshot }) as JournalRecord;
  }
  return scrubValue(record) as JournalRecord;
}
