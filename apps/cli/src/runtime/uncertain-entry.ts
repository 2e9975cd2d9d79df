import type { JournalTaskSummary } from '@wankit/core';

const quote = (value: string): string =>
  /^[\w./:@-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;

const clip = (text: string, max = 60): string => (text.length > max ? `${text.slice(0, max - 3)}...` : text);

/** What a person needs to recognise an entry whose submit outcome is unknown: prompt, provider, time. */
export function describeUncertain(entry: JournalTaskSummary): string {
  const intent = entry.intent;
  if (!intent) return `${entry.key}: outcome unknown (${entry.state}), no intent recorded`;
  const prompt =
    'prompt' in intent.request && intent.request.prompt ? `"${clip(intent.request.prompt)}"` : '(no prompt)';
  const where = intent.baseUrl ? `${intent.adapter} at ${intent.baseUrl}` : intent.adapter;
  return `${prompt} (${intent.model}) sent to ${where} at ${intent.at}; outcome unknown (${entry.state})`;
}

/** How to settle one uncertain entry once the user has looked it up with the provider. */
export function resolveHint(key: string, journalPath: string): string {
  return `once you know, settle it: wankit resolve ${quote(key)} --task-id <id> --journal ${quote(journalPath)} (the task exists), or --drop (it does not)`;
}
