import type { TaskRef } from '@wankit/core';
import type { Connection } from './connect.js';

const quote = (value: string): string =>
  /^[\w./:@-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;

/** How to pick a task up again after Ctrl-C or a timeout. */
export function resumeHint(
  connection: Pick<Connection, 'embedded'>,
  ref: TaskRef,
  journalPath?: string,
): string {
  if (connection.embedded) {
    return `task ${ref.taskId} ran in the embedded simulator, which stops with this process: there is nothing to resume. Use \`wankit sim\` and --base-url for resumable local runs.`;
  }
  const journal = journalPath ? ` --journal ${quote(journalPath)}` : '';
  return `task ${ref.taskId} keeps running; resume with: wankit wait ${ref.taskId}${journal}   (or: wankit resume${journal})`;
}

/** How to fetch the results of a finished task later (after a full disk or a read-only --out). */
export function downloadHint(taskId: string, journalPath: string | undefined, outDir: string): string {
  const journal = journalPath ? ` --journal ${quote(journalPath)}` : '';
  return `wankit download ${quote(taskId)}${journal} --out ${quote(outDir)}`;
}
