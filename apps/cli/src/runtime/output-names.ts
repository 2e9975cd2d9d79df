import { WankitError } from '@wankit/core';
import type { BatchLine, BatchLineError } from './batch-lines.js';

/**
 * How `batch` names its output files: `name` (the line's `name` field, else `line-<n>`), `line` (`line-<n>`)
 * or `task` (the provider's task id). Unset: the line's `name` when it has one, else the task id.
 */
export type NameBy = 'name' | 'line' | 'task';
export const nameByChoices: readonly NameBy[] = ['name', 'line', 'task'];

/** The file name stem of a line's outputs, or `undefined` for the task id (core's default). */
export function outputNameOf(line: BatchLine, nameBy: NameBy | undefined): string | undefined {
  if (nameBy === 'task') return undefined;
  if (nameBy === 'line') return `line-${line.line}`;
  if (nameBy === 'name') return line.name ?? `line-${line.line}`;
  return line.name;
}

/**
 * Two lines must not write the same file: the second would replace the first's result. Checked before
 * anything is sent; case-insensitively, as macOS and Windows compare file names.
 */
export function duplicateOutputNames(
  lines: readonly BatchLine[],
  nameBy: NameBy | undefined,
): BatchLineError[] {
  const seen = new Map<string, number>();
  const errors: BatchLineError[] = [];
  for (const line of lines) {
    const name = outputNameOf(line, nameBy);
    if (name === undefined) continue;
    const first = seen.get(name.toLowerCase());
    if (first === undefined) {
      seen.set(name.toLowerCase(), line.line);
      continue;
    }
    errors.push({
      line: line.line,
      error: new WankitError({
        kind: 'invalid_request',
        message: `line ${line.line}: its outputs would be named "${name}", like those of line ${first}; give each line its own name`,
        field: 'name',
        value: name,
      }),
    });
  }
  return errors;
}
