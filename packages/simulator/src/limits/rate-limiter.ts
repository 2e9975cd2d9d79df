import { WIRE_FORMATS, type WireFormat } from '../options.js';

const WINDOW_MS = 60_000;

/** Requests per minute as a sliding one-minute window per format. The window is real time on the simulator's
 * clock and is not scaled by `timeScale`: request rates are a property of the client, not of the model. */
export class RateLimiter {
  private readonly windows = new Map<WireFormat, number[]>(WIRE_FORMATS.map((format) => [format, []]));

  /** Records the request when admitted; otherwise says how long until the window has room. */
  admit(
    format: WireFormat,
    limit: number | undefined,
    now: number,
  ): { readonly retryAfterMs: number } | undefined {
    if (limit === undefined) return undefined;
    const window = this.windows.get(format)!;
    let expired = 0;
    while (expired < window.length && window[expired]! <= now - WINDOW_MS) expired++;
    if (expired) window.splice(0, expired);
    if (window.length >= limit) return { retryAfterMs: window[0]! + WINDOW_MS - now };
    window.push(now);
    return undefined;
  }

  reset(): void {
    for (const window of this.windows.values()) window.length = 0;
  }
}

/** `Retry-After` is whole seconds; never 0, so a client that honours it cannot spin. */
export function retryAfterSeconds(ms: number): string {
  return String(Math.max(1, Math.ceil(ms / 1000)));
}
