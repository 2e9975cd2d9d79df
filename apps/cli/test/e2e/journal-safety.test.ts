// Issue 12, items 1, 2, 3, 5 and 10, through the CLI in this process: the same command tree and commands as
// the binary, against the simulator on loopback, with the journal's file system replaced where a disk fails.
import * as fs from 'node:fs/promises';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@wankit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalFileSystem } from '../../src/runtime/journal.js';
import { runInProcess } from '../in-process.js';
import { freshUser, readJournal } from './harness.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ timeScale: 0.005, seed: 12 });
});
afterAll(async () => {
  await sim?.close();
});

const creates = () => sim.stats().formats.native.creates;
const count = (records: Record<string, unknown>[], type: string) =>
  records.filter((r) => r.type === type).length;

async function batchSetup(lines: number, tag: string) {
  const user = await freshUser();
  const prompts = Array.from({ length: lines }, (_, i) =>
    JSON.stringify({ prompt: `${tag} scene ${i + 1}` }),
  );
  await writeFile(join(user.cwd, 'prompts.jsonl'), `${prompts.join('\n')}\n`);
  const args = [
    'batch',
    'prompts.jsonl',
    '--provider',
    'native',
    '--base-url',
    sim.baseUrl,
    '--time-scale',
    '0.005',
    '--size',
    '832*480',
    '--out',
    'results',
  ];
  return { user, args, journalPath: join(user.cwd, 'prompts.jsonl.journal.jsonl') };
}

type Failing = (path: string, bytes: Buffer) => NodeJS.ErrnoException | undefined;

/** The real file system, except that appends to the journal fail as `failing` decides (a full disk). */
function failingDisk(failing: Failing): JournalFileSystem {
  const open = (async (path: string, flags?: string, mode?: number) => {
    const handle = await fs.open(path, flags, mode);
    if (flags !== 'a') return handle;
    const write = handle.write.bind(handle) as (...args: unknown[]) => Promise<{ bytesWritten: number }>;
    (handle as unknown as { write: unknown }).write = async (buffer: Buffer, ...rest: unknown[]) => {
      const error = failing(path, buffer);
      if (error) throw error;
      return write(buffer, ...rest);
    };
    return handle;
  }) as unknown as JournalFileSystem['open'];
  return { ...fs, open };
}

const errno = (code: string) =>
  Object.assign(new Error(`${code}: simulated disk failure, write`), { code, errno: -28, syscall: 'write' });

describe('item 1: one run per journal', () => {
  it('a second batch on the same journal refuses at once with the holder pid and command; nothing is sent twice', async () => {
    const setup = await batchSetup(3, 'lock');
    const before = creates();
    const [first, second] = await Promise.all([
      runInProcess(setup.args, setup.user),
      // Started while the first holds the lock (both start in this tick; the first takes it).
      runInProcess([...setup.args, '--json'], setup.user),
    ]);
    const codes = [first.code, second.code].sort();
    expect(codes).toEqual([0, 8]);
    const refused = first.code === 8 ? first : second;
    expect(refused.stderr).toContain(`in use by pid ${process.pid} (wankit batch prompts.jsonl`);
    expect(refused.stderr).toContain('nothing was sent');
    expect(refused.stderr).toContain('--wait');
    expect(creates() - before).toBe(3);
  });

  it('with --wait the second run waits for the first, then has nothing left to send', async () => {
    const setup = await batchSetup(2, 'wait');
    const before = creates();
    const [first, second] = await Promise.all([
      runInProcess(setup.args, setup.user),
      runInProcess([...setup.args, '--wait'], setup.user),
    ]);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(second.stderr).toContain('waiting (--wait)');
    expect(second.stderr).toContain('2 already done');
    expect(creates() - before).toBe(2);
  });

  it('resume takes the same lock', async () => {
    const setup = await batchSetup(1, 'resume-lock');
    const [batch, resume] = await Promise.all([
      runInProcess(setup.args, setup.user),
      runInProcess(['resume', '--journal', setup.journalPath, '--time-scale', '0.005'], setup.user),
    ]);
    expect([batch.code, resume.code]).toEqual([0, 8]);
    expect(resume.stderr).toContain('in use by pid');
  });
});

describe('item 3: a damaged journal is not planned from', () => {
  it('refuses a journal cut in the middle (exit 8, nothing sent); --repair keeps every readable record', async () => {
    const setup = await batchSetup(4, 'cut');
    expect((await runInProcess(setup.args, setup.user)).code).toBe(0);
    const before = creates();
    const lines = (await readFile(setup.journalPath, 'utf8')).trimEnd().split('\n');
    // A disk error zeroed the bytes from the middle of record 2 to the middle of record 6.
    const cut = `${lines[0]}\n${lines[1]?.slice(0, 120)}${'\u0000'.repeat(32)}${lines[5]?.slice(60)}\n${lines.slice(6).join('\n')}\n`;
    await writeFile(setup.journalPath, cut);

    const refused = await runInProcess(setup.args, setup.user);
    expect(refused.code, refused.stderr).toBe(8);
    expect(refused.stderr).toContain('is damaged (line 2: unreadable)');
    expect(refused.stderr).toContain('--repair');
    expect(creates()).toBe(before);

    const repaired = await runInProcess([...setup.args, '--repair', '--json'], setup.user);
    expect(repaired.stderr).toContain('repaired the journal');
    const backups = (await fs.readdir(setup.user.cwd)).filter((f) => f.includes('.damaged-'));
    expect(backups).toHaveLength(1);
    expect(await readFile(join(setup.user.cwd, backups[0] as string), 'utf8')).toBe(cut);
    // Only a line with no trace left anywhere in the journal can be sent again; a line whose key survives
    // (in a readable record, or in the damaged bytes) never is.
    const doc = JSON.parse(repaired.stdout) as { lines: { key: string; result: string; skipped: boolean }[] };
    const resent = doc.lines.filter((l) => l.result === 'succeeded' && !l.skipped);
    for (const line of resent) expect(cut).not.toContain(line.key);
    expect(creates() - before).toBe(resent.length);
  });
});

describe('item 2: a journal on a full disk', () => {
  it('a task id that cannot be recorded fails the run loudly with the id on stderr; nothing is reported done', async () => {
    const setup = await batchSetup(2, 'enospc');
    const before = creates();
    const disk = failingDisk((_path, bytes) =>
      bytes.includes('"type":"submitted"') ? errno('ENOSPC') : undefined,
    );
    const result = await runInProcess([...setup.args, '--json'], { ...setup.user, journalFileSystem: disk });
    expect(result.code, result.stderr).toBe(7);
    expect(creates() - before).toBe(2);
    const doc = JSON.parse(result.stdout) as { lines: { result: string; taskId: string }[] };
    expect(doc.lines.map((l) => l.result)).toEqual(['journal-failed', 'journal-failed']);
    for (const line of doc.lines) {
      expect(line.taskId).toMatch(/^task_/);
      expect(result.stderr).toContain(`task ${line.taskId} was created`);
      expect(result.stderr).toContain(
        `wankit wait '{"spec":"wankit.task/v1","adapter":"native","taskId":"${line.taskId}"`,
      );
    }
    expect(result.stderr).toContain('ENOSPC');

    // The disk is fine again: the lines are uncertain (shown with prompt, provider and time), never re-sent.
    const rerun = await runInProcess(setup.args, setup.user);
    expect(rerun.code).toBe(5);
    expect(rerun.stderr).toContain('"enospc scene 1" (wan2.2-t2v-plus) sent to native at http://127.0.0.1:');
    expect(rerun.stderr).toContain('wankit resolve request:');
    expect(creates() - before).toBe(2);

    // The user settles them with the ids the failed run printed; the next run re-attaches.
    const records = await readJournal(setup.journalPath);
    const keys = records.filter((r) => r.type === 'intent').map((r) => r.key as string);
    for (const [index, key] of keys.entries()) {
      const resolved = await runInProcess(
        ['resolve', key.slice(0, 20), '--task-id', doc.lines[index]!.taskId, '--journal', setup.journalPath],
        setup.user,
      );
      expect(resolved.code, resolved.stderr).toBe(0);
    }
    const finished = await runInProcess(setup.args, setup.user);
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stderr).toContain('2 to re-attach');
    expect(creates() - before).toBe(2);
  });

  it('an intent that cannot be recorded stops the line before anything is sent (exit 8)', async () => {
    const setup = await batchSetup(2, 'erofs');
    const before = creates();
    const disk = failingDisk(() => errno('EROFS'));
    const result = await runInProcess(setup.args, { ...setup.user, journalFileSystem: disk });
    expect(result.code, result.stderr).toBe(8);
    expect(result.stderr).toContain('EROFS');
    expect(result.stderr).toContain('nothing was sent');
    expect(creates()).toBe(before);
  });

  it('a final status or download record that cannot be written is not reported as done (exit 7)', async () => {
    const setup = await batchSetup(1, 'late-full');
    const disk = failingDisk((_path, bytes) =>
      bytes.includes('"type":"downloaded"') ? errno('ENOSPC') : undefined,
    );
    const result = await runInProcess([...setup.args, '--json'], { ...setup.user, journalFileSystem: disk });
    expect(result.code, result.stderr).toBe(7);
    expect(JSON.parse(result.stdout).lines[0].result).toBe('journal-failed');
  });
});

describe('item 5: uncertain entries and resolve', () => {
  it('a create that never left (TLS to a plain-http server) is journaled refused, and resume has nothing to report', async () => {
    const user = await freshUser();
    const journal = join(user.cwd, 'j.jsonl');
    const https = sim.baseUrl.replace('http://', 'https://');
    const result = await runInProcess(
      [
        'video',
        'a tls mishap',
        '--provider',
        'native',
        '--base-url',
        https,
        '--journal',
        journal,
        '--size',
        '832*480',
      ],
      user,
    );
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('ERR_SSL_WRONG_VERSION_NUMBER');
    const records = await readJournal(journal);
    expect(records.map((r) => r.type)).toEqual(['intent', 'refused']);
    const resumed = await runInProcess(['resume', '--journal', journal], user);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('nothing to resume');
  });

  it('resolve --drop settles an entry as not created; resolve refuses entries that are not uncertain', async () => {
    const setup = await batchSetup(1, 'drop');
    await mkdir(setup.user.cwd, { recursive: true });
    const before = creates();
    const disk = failingDisk((_path, bytes) =>
      bytes.includes('"type":"submitted"') ? errno('ENOSPC') : undefined,
    );
    expect((await runInProcess(setup.args, { ...setup.user, journalFileSystem: disk })).code).toBe(7);
    const key = (await readJournal(setup.journalPath)).find((r) => r.type === 'intent')?.key as string;
    const dropped = await runInProcess(
      ['resolve', key, '--drop', '--journal', setup.journalPath],
      setup.user,
    );
    expect(dropped.code, dropped.stderr).toBe(0);
    const again = await runInProcess(['resolve', key, '--drop', '--journal', setup.journalPath], setup.user);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('is refused');
    const neither = await runInProcess(['resolve', key, '--journal', setup.journalPath], setup.user);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('--task-id <id>');
    // Dropped: the next run sends it again, and says why.
    const rerun = await runInProcess(setup.args, setup.user);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain('wankit resolve --drop');
    expect(creates() - before).toBe(2);
    expect(count(await readJournal(setup.journalPath), 'submitted')).toBe(1);
  });
});

describe('item 10: a paid task whose results cannot be saved', () => {
  it('exits 6 (not 2) and says how to fetch the results later; that command then works', async () => {
    const user = await freshUser();
    const journal = join(user.cwd, 'j.jsonl');
    // --out names a path under a regular file: nothing can be written there.
    await writeFile(join(user.cwd, 'not-a-dir'), 'x');
    const connection = ['--provider', 'native', '--base-url', sim.baseUrl, '--time-scale', '0.005'];
    const result = await runInProcess(
      [
        'video',
        'a paid kitten',
        ...connection,
        '--size',
        '832*480',
        '--journal',
        journal,
        '--out',
        'not-a-dir/out',
      ],
      user,
    );
    expect(result.code, result.stderr).toBe(6);
    expect(result.stderr).toContain('succeeded but its results were not saved');
    const hint = /fetch them later: (wankit download .*)$/m.exec(result.stderr)?.[1];
    expect(hint).toBeDefined();
    const args = (hint as string).replace(/^wankit /, '').split(' ');
    const fetched = await runInProcess([...args.slice(0, -1), 'saved', ...connection.slice(4)], user);
    expect(fetched.code, fetched.stderr).toBe(0);
    expect(fetched.stdout).toContain(join(user.cwd, 'saved'));
  });

  it('in a batch, a line whose results cannot be saved is its own outcome (exit 6)', async () => {
    const setup = await batchSetup(1, 'batch-not-saved');
    await writeFile(join(setup.user.cwd, 'results'), 'a file where the folder should be');
    const result = await runInProcess([...setup.args, '--json'], setup.user);
    expect(result.code, result.stderr).toBe(6);
    expect(JSON.parse(result.stdout).lines[0].result).toBe('not-saved');
    expect(result.stderr).toContain('fetch them later: wankit download task_');
  });
});
