// Wankit's warnings in the AI SDK's shape (SharedV3Warning = SharedV4Warning minus `deprecated`), named after the
// AI SDK option the caller used where one exists.
import type { Warning } from '@wankit/core';

export type AiWarning =
  | { type: 'unsupported'; feature: string; details?: string }
  | { type: 'compatibility'; feature: string; details?: string }
  | { type: 'other'; message: string };

// Neutral field → the AI SDK call option it came from.
const aiNames: Readonly<Record<string, string>> = {
  audio: 'generateAudio',
  durationSeconds: 'duration',
  size: 'resolution',
  count: 'n',
  lastImage: 'frameImages',
  references: 'inputReferences',
};

export function toAiWarning(warning: Warning): AiWarning {
  if (warning.type === 'other') return { type: 'other', message: warning.message };
  const feature = aiNames[warning.setting] ?? warning.setting;
  const details = warning.details;
  // A truncated prompt or a defaulted value still ran, in a compatible form; an unsupported one did not.
  const type = warning.type === 'unsupported' ? 'unsupported' : 'compatibility';
  return details === undefined ? { type, feature } : { type, feature, details };
}
