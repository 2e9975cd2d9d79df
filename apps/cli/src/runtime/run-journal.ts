import type { JournalRecord, TaskJournal } from '@wankit/core';
import type { JournalLock } from '@wankit/core/node';
import type { CommandContext } from '../run-action.js';

/** An append that failed: the record type and why. */
export interface JournalFailure {
  readonly type: JournalRecord['type'];
  readonly reason: string;
}

/** The journal of a run that plans from it (batch, resume, resolve): locked, checked, and watched. */
export interface RunJournal {
  readonly path: string;
  /** Records every failed append in `failures` before passing the error on. */
  readonly journal: TaskJournal;
  /** The records as read under the lock. */
  readonly records: JournalRecord[];
  /** Appends that failed, by journal key: nothing of these keys may be reported as done. */
  readonly failures: ReadonlyMap<string, JournalFailure>;
  /** Releases the lock. */
  close(): Promise<void>;
}

const shellQuote = (arg: string) => (/^[\w./:=@-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`);

/**
 * Takes the journal's lock (refusing at once with the holder's pid and command, or waiting with `--wait`),
 * then reads it strictly: a damaged journal stops the run before anything is sent unless `--repair` asks
 * to keep every readable record.
 */
export async function openRunJournal(context: CommandContext, path: string): Promise<RunJournal> {
  const { io, options, interrupt } = context;
  const { createFileJournal, describeOwner, lockJournal } = await import('@wankit/core/node');
  // A refusal's remedy (`--wait`) is worded by the CLI from the error's hint.
  const lock: JournalLock = await lockJournal(path, {
    command: `wankit ${context.argv.map(shellQuote).join(' ')}`,
    wait: options.wait === true,
    signal: interrupt.signal,
    onWait: (owner) => io.note(`the journal ${path} is in use by ${describeOwner(owner)}; waiting (--wait)`),
  });
  lock.lost.addEventListener(
    'abort',
    () =>
      io.warn(`the lock of the journal ${path} was taken away while this run held it; stop other runs on it`),
    { once: true },
  );
  try {
    const file = createFileJournal(
      path,
      context.journalFileSystem ? { fileSystem: context.journalFileSystem } : {},
    );
    const scan = await file.scan();
    if (scan.damage.length > 0) {
      if (options.repair !== true) {
        const { journalDamagedError } = await import('@wankit/core/node');
        throw journalDamagedError(path, scan);
      }
      const report = await file.repair();
      io.warn(
        `repaired the journal ${path}: kept ${report.kept} readable record(s), dropped ${report.damage.length} damaged line(s) ` +
          `(${report.damage.map((d) => `line ${d.line} ${d.reason}`).join(', ')}); the original is ${report.backup}` +
          (report.markedUncertain.length > 0
            ? `; ${report.markedUncertain.length} task(s) named in damaged lines are now uncertain (see \`wankit resolve\`)`
            : ''),
      );
    } else if (scan.tornTail) {
      io.note(`the last record of ${path} was cut off (a crash while writing it); it is skipped`);
    }
    const records = await file.read();
    const failures = new Map<string, JournalFailure>();
    const journal: TaskJournal = {
      read: () => file.read(),
      append: async (record) => {
        try {
          await file.append(record);
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          failures.set(record.key, {
            type: record.type,
            reason: typeof code === 'string' ? code : ((error as Error).message ?? String(error)),
          });
          throw error;
        }
      },
    };
    return { path, journal, records, failures, close: () => lock.release() };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
