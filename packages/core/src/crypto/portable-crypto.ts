// Hashing and randomness that work on every fetch-based runtime (no `node:crypto` at load time):
// sha256 from @noble/hashes (synchronous, audited), randomness from the global Web Crypto.
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';

const encoder = new TextEncoder();

/** sha256 of a string (UTF-8) or bytes, as lower-case hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return bytesToHex(sha256(typeof data === 'string' ? encoder.encode(data) : data));
}

/** sha256 digest bytes of a string (UTF-8). */
export function sha256Bytes(data: string): Uint8Array {
  return sha256(encoder.encode(data));
}

/** A random UUID (v4). */
export const randomId = (): string => globalThis.crypto.randomUUID();

/** `bytes` random bytes as base64url, for unguessable tokens. */
export function randomToken(bytes = 32): string {
  const buffer = globalThis.crypto.getRandomValues(new Uint8Array(bytes));
  let binary = '';
  for (const byte of buffer) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Compares two equal-length byte arrays in time independent of where they differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}
