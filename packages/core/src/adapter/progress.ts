import { textOf } from './json-object.js';

export type ProgressScale = 'fraction' | 'percent' | 'auto';

/**
 * Progress as 0..1, from a fraction (`0.4`), a percentage (`40`) or a string (`"40%"`, `"0.4"`). A
 * string with `%` is always a percentage; a bare number follows `scale` (`auto`: above 1 means percent).
 * `undefined` for anything unreadable or out of range.
 */
export function readProgress(value: unknown, scale: ProgressScale = 'auto'): number | undefined {
  const text = textOf(value);
  if (text === undefined) return undefined;
  const percentSign = text.endsWith('%');
  const number = Number(percentSign ? text.slice(0, -1).trim() : text);
  if (!Number.isFinite(number) || number < 0) return undefined;
  const percent = percentSign || scale === 'percent' || (scale === 'auto' && number > 1);
  const fraction = percent ? number / 100 : number;
  return fraction > 1 ? undefined : fraction;
}
