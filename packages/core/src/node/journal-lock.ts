import * as fs from 'node:fs';
import { mkdir, readFile, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import { type Clock, systemClock } from '../clock/clock.js';
import { WankitError } from '../errors/wankit-error.js';

/** Who holds a journal: shown to a second run that finds it locked. */
export interface JournalLockOwner {
  readonly pid: number;
  readonly hostname: string;
  readonly command: string;
  /** ISO 8601. */
  readonly startedAt: string;
}

export interface JournalLockOptions {
  /** The command line of this run, shown to a run that finds the journal locked. */
  command?: string;
  /** Wait for the holder to finish instead of refusing at once. */
  wait?: boolean;
  /** How often a waiting run looks again. Default 250 ms. */
  pollMs?: number;
  /** The clock a waiting run sleeps on. */
  clock?: Clock;
  signal?: AbortSignal;
  /** Called once, when a run starts waiting for the holder. */
  onWait?(owner: JournalLockOwner | undefined): void;
}

export interface JournalLock {
  /** The lock directory, `<journal>.lock`. */
  readonly path: string;
  /** Aborted if the lock was taken away (its directory removed or replaced while held). */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

// The lock itself is proper-lockfile's: an atomic `mkdir` of `<journal>.lock`, whose mtime the holder
// refreshes. Its mtime-based staleness is set far out (a day) because a busy event loop must never let a live
// holder's lock be taken; a crashed holder is found by its pid instead (same host), or by an mtime older than
// `foreignStaleMs` (another host sharing the file system, or a lock without an owner file).
const libraryStaleMs = 24 * 60 * 60 * 1000;
const refreshMs = 10_000;
const foreignStaleMs = 60_000;
const ownerFile = 'owner.json';

// The owner file lives inside the lock directory, so it goes with the lock; proper-lockfile removes its
// directory with rmdir, which needs it empty.
const lockFs = {
  ...fs,
  rmdir: (path: string, callback: (error: NodeJS.ErrnoException | null) => void) =>
    fs.rm(path, { recursive: true }, callback),
  rmdirSync: (path: string) => fs.rmSync(path, { recursive: true }),
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(lockPath: string): Promise<JournalLockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(join(lockPath, ownerFile), 'utf8')) as JournalLockOwner;
    return typeof owner.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a lock found held was left by a holder that is gone. */
async function isStale(lockPath: string, owner: JournalLockOwner | undefined): Promise<boolean> {
  if (owner && owner.hostname === hostname()) return owner.pid !== process.pid && !alive(owner.pid);
  const info = await stat(lockPath).catch(() => undefined);
  if (!info) return true;
  return Date.now() - info.mtimeMs > foreignStaleMs;
}

export function describeOwner(owner: JournalLockOwner | undefined): string {
  if (!owner) return 'another process that is just starting (no owner recorded yet)';
  const host = owner.hostname === hostname() ? '' : ` on ${owner.hostname}`;
  return `pid ${owner.pid}${host} (${owner.command}), since ${owner.startedAt}`;
}

function lockedError(journalPath: string, owner: JournalLockOwner | undefined): WankitError {
  return new WankitError({
    kind: 'journal',
    message: `the journal ${journalPath} is in use by ${describeOwner(owner)}; nothing was sent`,
    field: 'journal',
    value: journalPath,
    requestSent: false,
    hint: { option: 'waitForLock' },
  });
}

/**
 * Takes the exclusive lock of a file journal for one run, so two processes never plan from (and submit
 * the same work of) one journal. A second run is refused at once with the holder's pid and command, or
 * waits with `wait`. A lock left by a crashed process is taken over: at once when its pid is gone from this
 * host, after a minute without refresh otherwise.
 */
export async function lockJournal(
  journalPath: string,
  options: JournalLockOptions = {},
): Promise<JournalLock> {
  const lockPath = `${journalPath}.lock`;
  const clock = options.clock ?? systemClock;
  const lost = new AbortController();
  await mkdir(dirname(journalPath), { recursive: true });
  let waiting = false;
  let takeovers = 0;
  for (;;) {
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(journalPath, {
        realpath: false,
        lockfilePath: lockPath,
        stale: libraryStaleMs,
        update: refreshMs,
        fs: lockFs,
        onCompromised: (error) => lost.abort(error),
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') {
        throw new WankitError({
          kind: 'journal',
          message: `cannot lock the journal ${journalPath}: ${(error as Error).message}; nothing was sent`,
          field: 'journal',
          value: journalPath,
          requestSent: false,
          cause: error,
        });
      }
      let owner = await readOwner(lockPath);
      // A holder writes its owner file right after taking the lock: give it a moment to appear.
      for (let look = 0; !owner && look < 10; look++) {
        await clock.sleep(20, options.signal);
        owner = await readOwner(lockPath);
      }
      if (takeovers < 3 && (await isStale(lockPath, owner))) {
        // Age the directory past the library's staleness: its next attempt removes it and takes the lock.
        takeovers += 1;
        await utimes(lockPath, 0, 0).catch(() => undefined);
        continue;
      }
      if (!options.wait) throw lockedError(journalPath, owner);
      if (!waiting) {
        waiting = true;
        options.onWait?.(owner);
      }
      await clock.sleep(options.pollMs ?? 250, options.signal);
      takeovers = 0;
      continue;
    }
    const owner: JournalLockOwner = {
      pid: process.pid,
      hostname: hostname(),
      command: options.command ?? process.argv.slice(1).join(' '),
      startedAt: new Date(clock.now()).toISOString(),
    };
    // Written aside and renamed in, so a holder killed mid-write never leaves a half-written owner file:
    // a reader sees the whole owner (and can tell at once that its pid is gone) or none.
    const partial = join(lockPath, `${ownerFile}.${process.pid}.tmp`);
    await writeFile(partial, JSON.stringify(owner))
      .then(() => rename(partial, join(lockPath, ownerFile)))
      .catch(() => undefined);
    let released = false;
    return {
      path: lockPath,
      lost: lost.signal,
      async release() {
        if (released || lost.signal.aborted) return;
        released = true;
        await release();
      },
    };
  }
}
