export interface Row {
  readonly benchmark: string;
  readonly metric: string;
  readonly value: number | string | null;
  /** e.g. `≤ 1.15`; empty for context figures. */
  readonly target?: string;
  /** `undefined` for context figures; `null` when the figure could not be measured. */
  readonly met?: boolean | null;
}

const cell = (value: Row['value']): string => (value === null ? 'n/a' : String(value));
const verdict = (met: Row['met']): string =>
  met === undefined ? '' : met === null ? 'n/a' : met ? 'met' : 'MISSED';

/** A plain-text table (also valid Markdown) for stdout and the README. */
export function formatTable(rows: readonly Row[]): string {
  const header = ['benchmark', 'metric', 'value', 'target', 'result'];
  const body = rows.map((row) => [
    row.benchmark,
    row.metric,
    cell(row.value),
    row.target ?? '',
    verdict(row.met),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((line) => line[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((text, i) => text.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...body.map(line),
  ].join('\n');
}

/** `value ≤ limit` (or ≥), `null` when the value is missing. */
export function atMost(value: number | null | undefined, limit: number): boolean | null {
  return value === null || value === undefined ? null : value <= limit;
}

export function atLeast(value: number | null | undefined, limit: number): boolean | null {
  return value === null || value === undefined ? null : value >= limit;
}
