import type { TaskJournal } from '@wankit/core';

/** A file journal at `path` (append-only, fsync per record), or an in-memory one without a path. */
export async function openJournal(path: string | undefined): Promise<TaskJournal> {
  const { createFileJournal, createMemoryJournal } = await import('@wankit/core');
  return path ? createFileJournal(path) : createMemoryJournal();
}
