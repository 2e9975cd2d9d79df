import * as nodeFs from 'node:fs/promises';
import { dirname } from 'node:path';
import { WankitError } from '../errors/wankit-error.js';
import { type JournalScan, journalLine, scanJournalText } from '../journal/journal-lines.js';
import type { JournalRecord, TaskJournal } from '../journal/journal-record.js';
import { summarizeJournal } from '../journal/journal-state.js';
import { scrubRecord } from '../journal/scrub-record.js';

export { type JournalScan, type LineDamage, parseJournalLines } from '../journal/journal-lines.js';

/** The part of `node:fs/promises` the file journal uses; tests pass one that fails like a full disk. */
export type JournalFileSystem = Pick<
  typeof nodeFs,
  'open' | 'mkdir' | 'readFile' | 'stat' | 'rename' | 'copyFile'
>;

export interface FileJournalOptions {
  fileSystem?: JournalFileSystem;
  /** Timestamp of repair records and backup names; default the system clock. */
  now?: () => Date;
}

export interface JournalRepair {
  /** Where the damaged original was kept. */
  readonly backup: string;
  /** Records kept (every readable one). */
  readonly kept: number;
  readonly damage: JournalScan['damage'];
  /**
   * Keys named in damaged lines whose remaining records do not show a task: they are recorded as
   * `uncertain`, so nothing is sent again for them until someone looks (`wankit resolve`).
   */
  readonly markedUncertain: string[];
}

export interface FileJournal extends TaskJournal {
  readonly path: string;
  /**
   * The records, refusing a damaged journal: throws `WankitError` (`journal`, field `journal`) when a line
   * other than a torn last one cannot be read, fails its checksum or is not a record.
   */
  read(): Promise<JournalRecord[]>;
  /** Every readable record and what is damaged; never throws on damage. */
  scan(): Promise<JournalScan>;
  /** Rewrites a damaged journal with every readable record, keeping the original beside it. */
  repair(): Promise<JournalRepair>;
}

const damageSummary = (scan: JournalScan): string =>
  scan.damage
    .slice(0, 3)
    .map((d) => `line ${d.line}: ${d.reason}`)
    .join('; ') + (scan.damage.length > 3 ? `; and ${scan.damage.length - 3} more` : '');

/**
 * The error `read()` throws for a damaged journal. Its remedy is `hint: repairJournal`; a caller with its
 * own words for it may still pass `advice` (then there is no hint).
 */
export function journalDamagedError(path: string, scan: JournalScan, advice?: string): WankitError {
  const problem =
    `the journal ${path} is damaged (${damageSummary(scan)}): records may be missing, so nothing is planned ` +
    'from it and nothing was sent';
  return new WankitError({
    kind: 'journal',
    message: advice ? `${problem}; ${advice}` : problem,
    field: 'journal',
    value: path,
    requestSent: false,
    ...(advice ? {} : { hint: { option: 'repairJournal' } as const }),
  });
}

/**
 * An append-only JSON-lines journal. Each record is one `write` followed by `fsync`, and appends are
 * serialised, so a record is on disk before `append` resolves and records never interleave. Each line
 * carries a checksum; a crash mid-write leaves at most one torn last line, which `read` skips and the next
 * append closes off. Any other damage makes `read` refuse until `repair`.
 */
export function createFileJournal(path: string, options: FileJournalOptions = {}): FileJournal {
  const fs = options.fileSystem ?? nodeFs;
  const now = options.now ?? (() => new Date());
  let queue: Promise<void> = Promise.resolve();
  let checkedTail = false;

  /** True when the file exists, is not empty and its last byte is not a newline (a torn last line). */
  const endsTorn = async (): Promise<boolean> => {
    const handle = await fs.open(path, 'r').catch(() => undefined);
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
  };

  const syncDirectory = async (dir: string): Promise<void> => {
    const handle = await fs.open(dir, 'r').catch(() => undefined);
    if (!handle) return;
    try {
      await handle.sync();
    } catch {
      // Some file systems cannot fsync a directory; the record itself is already synced.
    } finally {
      await handle.close();
    }
  };

  const writeAll = async (bytes: Buffer, flags: 'a' | 'w', target = path): Promise<void> => {
    const handle = await fs.open(target, flags);
    try {
      // A short write (a nearly full disk) is finished or fails: a record half on disk must never count as written.
      let written = 0;
      while (written < bytes.length) {
        const result = await handle.write(bytes, written, bytes.length - written);
        if (result.bytesWritten <= 0) throw new Error(`journal ${target}: the disk took no more bytes`);
        written += result.bytesWritten;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
  };

  const write = async (record: JournalRecord): Promise<void> => {
    const dir = dirname(path);
    await fs.mkdir(dir, { recursive: true });
    // Start on a fresh line after a torn tail, or the new record would be glued to the broken one; the
    // record says so, which tells a later read that the torn line is a crash remnant and not damage.
    const torn = !checkedTail && (await endsTorn());
    const created = !(await fs.stat(path).catch(() => undefined));
    const bytes = Buffer.from(`${torn ? '\n' : ''}${journalLine(scrubRecord(record), torn)}\n`);
    try {
      await writeAll(bytes, 'a');
      checkedTail = true;
    } catch (error) {
      // The tail may now be torn: look again before the next record.
      checkedTail = false;
      throw error;
    }
    // A new file's name lives in its directory: sync that too, or a power loss can drop the whole journal.
    if (created) await syncDirectory(dir);
  };

  const scan = async (): Promise<JournalScan> => {
    await queue;
    const text = await fs.readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    return scanJournalText(text);
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
      const result = await scan();
      if (result.damage.length > 0) throw journalDamagedError(path, result);
      return result.records;
    },
    scan,
    async repair() {
      const result = await scan();
      const stamp = now().toISOString().replace(/[:.]/g, '-');
      const backup = `${path}.damaged-${stamp}`;
      if (result.damage.length === 0)
        return { backup: '', kept: result.records.length, damage: [], markedUncertain: [] };
      await fs.copyFile(path, backup);
      // A key seen in a damaged line may have lost its `submitted` record: unless what is left shows a task,
      // it stays uncertain, so that repairing never leads to paying twice.
      const states = summarizeJournal(result.records);
      const markedUncertain = result.keysInDamage.filter((key) => {
        const state = states.get(key)?.state;
        return state !== 'submitted' && state !== 'finished' && state !== 'downloaded';
      });
      const at = now().toISOString();
      const uncertain: JournalRecord[] = markedUncertain.map((key) => ({
        type: 'uncertain',
        key,
        at,
        error: {
          kind: 'journal',
          message: `a record of this task was unreadable in the damaged journal (the original is kept as ${backup}); it may have been sent: check with the provider`,
        },
      }));
      const text = [...result.records, ...uncertain].map((record) => `${journalLine(record)}\n`).join('');
      const temporary = `${path}.repair-${stamp}`;
      await writeAll(Buffer.from(text), 'w', temporary);
      await fs.rename(temporary, path);
      await syncDirectory(dirname(path));
      checkedTail = false;
      return { backup, kept: result.records.length, damage: result.damage, markedUncertain };
    },
  };
}
