import type { TaskJournal } from '@wankit/core';
import type { JournalFileSystem } from '@wankit/core/node';

export type { JournalFileSystem };

/** A file journal at `path` (append-only, fsync per record), or an in-memory one without a path. */
export async function openJournal(
  path: string | undefined,
  fileSystem?: JournalFileSystem,
): Promise<TaskJournal> {
  if (!path) return (await import('@wankit/core')).createMemoryJournal();
  const { createFileJournal } = await import('@wankit/core/node');
  return createFileJournal(path, fileSystem ? { fileSystem } : {});
}
