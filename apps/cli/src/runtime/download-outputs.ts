import type { TaskJournal, TaskSnapshot } from '@wankit/core';
import type { DownloadedFile } from '../output/task-report.js';
import type { Connection } from './connect.js';

export interface DownloadOutputsOptions {
  readonly signal?: AbortSignal;
  readonly overwrite?: boolean;
  /**
   * For a task this client did not submit (re-attached from a journal): the journal and key under which
   * the download is recorded, so a later run sees the line as downloaded. The client records downloads
   * under the keys of its own submissions only.
   */
  readonly record?: { readonly journal: TaskJournal; readonly key: string };
}

/** Downloads every output of a finished task into `dir`. */
export async function downloadOutputs(
  connection: Connection,
  snapshot: TaskSnapshot,
  dir: string,
  options: DownloadOutputsOptions = {},
): Promise<DownloadedFile[]> {
  const results = await connection.client.download(snapshot, {
    dir,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.overwrite ? { overwrite: true } : {}),
  });
  const files = results.map((r) => ({ path: r.path, bytes: r.bytes, sha256: r.sha256, url: r.url }));
  if (options.record) {
    for (const file of files) {
      await options.record.journal.append({
        type: 'downloaded',
        key: options.record.key,
        at: new Date().toISOString(),
        taskId: snapshot.ref.taskId,
        ...file,
      });
    }
  }
  return files;
}
