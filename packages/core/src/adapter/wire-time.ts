export interface WireTimeOptions {
  /** Offset of zone-less `YYYY-MM-DD HH:mm:ss` strings, e.g. `+08:00` (DashScope, INFERRED). Default UTC. */
  readonly zone?: string;
}

const localTime = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)$/;

/**
 * A wire timestamp as ISO 8601: unix seconds or milliseconds (numbers or numeric strings; a figure too
 * large for seconds is milliseconds), ISO strings, or zone-less `YYYY-MM-DD HH:mm:ss[.SSS]` read in
 * `zone`. `undefined` for 0, negatives and anything unreadable ("not yet" on many wires).
 */
export function readWireTime(value: unknown, options: WireTimeOptions = {}): string | undefined {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()))) {
    const figure = Number(value);
    if (!Number.isFinite(figure) || figure <= 0) return undefined;
    return new Date(figure < 1e12 ? figure * 1000 : figure).toISOString();
  }
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const local = localTime.exec(value.trim());
  const text = local ? `${local[1]}T${local[2]}${options.zone ?? 'Z'}` : value.trim();
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
