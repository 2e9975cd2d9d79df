// Observes the file handle the journal opens: every record is written, fsync'd and closed before
// `append` resolves.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { createFileJournal } from './file-journal.js';

const events = vi.hoisted(() => [] as string[]);

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof actual.open = async (...args) => {
    const handle = await actual.open(...args);
    if (args[1] !== 'a') return handle;
    const { write, sync, close } = handle;
    handle.write = ((...rest: unknown[]) => {
      events.push('write');
      return (write as (...a: unknown[]) => unknown).apply(handle, rest);
    }) as typeof write;
    handle.sync = () => {
      events.push('sync');
      return sync.apply(handle);
    };
    handle.close = () => {
      events.push('close');
      return close.apply(handle);
    };
    return handle;
  };
  return { ...actual, open, default: { ...actual, open } };
});

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('writes, fsyncs and closes each record before append resolves', async () => {
  dir = await mkdtemp(join(tmpdir(), 'wankit-fsync-'));
  const journal = createFileJournal(join(dir, 'j.jsonl'));
  const record = {
    type: 'refused',
    key: 'a',
    at: '2026-01-01T00:00:00.000Z',
    error: { kind: 'rate_limited' },
  } as const;
  await journal.append(record);
  expect(events).toEqual(['write', 'sync', 'close']);
  await journal.append({ ...record, key: 'b' });
  expect(events).toEqual(['write', 'sync', 'close', 'write', 'sync', 'close']);
});
