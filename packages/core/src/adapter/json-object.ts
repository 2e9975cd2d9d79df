/** A plain JSON object (not an array, not null), or `undefined`. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The first of `keys` present on `value` with a non-empty string or a finite number, as a string. */
export function firstText(value: unknown, keys: readonly string[]): string | undefined {
  const object = asObject(value);
  if (!object) return undefined;
  for (const key of keys) {
    const text = textOf(object[key]);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** A non-empty trimmed string, or a finite number written as a string. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
