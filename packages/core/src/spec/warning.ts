/** Something the caller asked for that was accepted but not honoured exactly. Warnings are data, never thrown. */
export type Warning =
  | { type: 'unsupported'; setting: string; details?: string }
  | { type: 'truncated'; setting: string; details: string }
  | { type: 'defaulted'; setting: string; details: string }
  | { type: 'other'; message: string };

export function formatWarning(warning: Warning): string {
  if (warning.type === 'other') return warning.message;
  const details = warning.details ? `: ${warning.details}` : '';
  return `${warning.setting} ${warning.type}${details}`;
}
