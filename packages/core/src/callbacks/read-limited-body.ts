import type { Clock } from '../clock/clock.js';

export type LimitedBody = { ok: true; text: string } | { ok: false; reason: 'too_large' | 'too_slow' };

/** A time limit for the whole body, on the caller's clock. */
export interface BodyTimeLimit {
  readonly ms: number;
  readonly clock: Clock;
}

/**
 * Reads a request body as UTF-8 text, giving up (and cancelling the stream) as soon as more than
 * `maxBytes` arrive, so an oversized delivery never sits in memory, or when the whole body has not arrived
 * within `timeLimit` (a client trickling bytes to hold the connection open).
 */
export async function readLimitedBody(
  request: Request,
  maxBytes: number,
  timeLimit?: BodyTimeLimit,
): Promise<LimitedBody> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, reason: 'too_large' };
  }
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const stopTimer = new AbortController();
  const expired: Promise<'expired'> | undefined = timeLimit
    ? timeLimit.clock.sleep(timeLimit.ms, stopTimer.signal).then(
        () => 'expired' as const,
        () => new Promise<never>(() => undefined),
      )
    : undefined;
  try {
    return await readChunks(reader, maxBytes, expired);
  } finally {
    stopTimer.abort();
  }
}

async function readChunks(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  maxBytes: number,
  expired: Promise<'expired'> | undefined,
): Promise<LimitedBody> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const next = expired ? await Promise.race([reader.read(), expired]) : await reader.read();
    if (next === 'expired') {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: 'too_slow' };
    }
    const { done, value } = next;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: 'too_large' };
    }
    chunks.push(value);
  }
  const decoder = new TextDecoder();
  const text = chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
  return { ok: true, text };
}
