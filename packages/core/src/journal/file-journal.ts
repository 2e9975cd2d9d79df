import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isJournalRecord, type JournalRecord, type TaskJournal } from './journal-record.js';
import { scrubRecord } from './scrub-record.js';

export interface FileJournal extends TaskJournal {
  readonly path: string;
}

/** Parses JSON lines, skipping any line that does not parse (a torn last line after a crash). */
export function parseJournalLines(text: string): JournalRecord[] {
  const records: JournalRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (isJournalRecord(value)) records.push(value);
    } catch {
      // A torn write: the record was never acknowledged, so nothing depended on it.
    }
  }
  return records;
}

/** True when the file exists, is not empty and its last byte is not a newline (a torn last line). */
async function endsTorn(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems cannot fsync a directory; the record itself is already synced.
  } finally {
    await handle.close();
  }
}

/**
 * An append-only JSON-lines journal. Each record is one `write` followed by `fsync`, and appends are
 * serialised, so a record is on disk before `append` resolves and records never interleave. A crash
 * mid-write leaves at most one torn last line, which `read` skips and the next append closes off.
 */
export function createFileJournal(path: string): FileJournal {
  let queue: Promise<void> = Promise.resolve();
  let checkedTail = false;

  const write = async (record: JournalRecord): Promise<void> => {
    const dir = dirname(path);
    await mkdir(dir, { recursive: true });
    // Start on a fresh line after a torn tail, or the new record would be glued to the broken one.
    const prefix = !checkedTail && (await endsTorn(path)) ? '\n' : '';
    const created = !(await stat(path).catch(() => undefined));
    const bytes = Buffer.from(`${prefix}${JSON.stringify(scrubRecord(record))}\n`);
    const handle = await open(path, 'a');
    try {
      // A short write (a nearly full disk) is finished or fails: a record half on disk must never count as written.
      let written = 0;
      while (written < bytes.length) {
        const result = await handle.write(bytes, written, bytes.length - written);
        if (result.bytesWritten <= 0) throw new Error(`journal ${path}: the disk took no more bytes`);
        written += result.bytesWritten;
      }
      await handle.sync();
      checkedTail = true;
    } catch (error) {
      // The tail may now be torn: look again before the next record.
      checkedTail = false;
      throw error;
    } finally {
      await handle.close();
    }
    // A new file's name lives in its directory: sync that too, or a power loss can drop the whole journal.
    if (created) await syncDirectory(dir);
  };

  return {
    path,
    append(record) {
      const result = queue.then(() => write(record));
      // A failed append must not block the ones after it; its caller still sees the error.
      queue = result.catch(() => undefined);
      return result;
    },
    async read() {
      await queue;
      const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return '';
        throw error;
      });
      return parseJournalLines(text);
    },
  };
}
