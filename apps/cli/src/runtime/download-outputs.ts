import type { TaskSnapshot } from '@wankit/core';
import type { DownloadedFile } from '../output/task-report.js';
import type { Connection } from './connect.js';

export interface DownloadOutputsOptions {
  readonly signal?: AbortSignal;
  readonly overwrite?: boolean;
  /**
   * For a task this client did not submit (re-attached from a journal): the journal key under which the
   * client records the download, so a later run sees the line as downloaded.
   */
  readonly key?: string;
  /** The file name stem instead of the task id (`batch --name-by`). */
  readonly name?: string;
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
    ...(options.key ? { key: options.key } : {}),
    ...(options.name ? { name: options.name } : {}),
  });
  const files = results.map((r) => ({ path: r.path, bytes: r.bytes, sha256: r.sha256, url: r.url }));
  return files;
}
