import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockJournal } from './journal-lock.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wankit-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('lockJournal', () => {
  it('refuses a second run at once, naming the holder pid and command', async () => {
    const journal = join(dir, 'sub', 'j.jsonl');
    const first = await lockJournal(journal, { command: 'wankit batch prompts.jsonl' });
    const owner = JSON.parse(await readFile(join(`${journal}.lock`, 'owner.json'), 'utf8'));
    expect(owner).toMatchObject({
      pid: process.pid,
      hostname: hostname(),
      command: 'wankit batch prompts.jsonl',
    });
    const second = await lockJournal(journal, { command: 'wankit resume' }).catch((error: unknown) => error);
    expect(second).toMatchObject({ kind: 'journal', field: 'journal', requestSent: false });
    expect((second as Error).message).toContain(`in use by pid ${process.pid} (wankit batch prompts.jsonl)`);
    await first.release();
    expect(existsSync(`${journal}.lock`)).toBe(false);
    const third = await lockJournal(journal);
    await third.release();
  });

  it('with wait, waits for the holder and then takes the lock', async () => {
    const journal = join(dir, 'j.jsonl');
    const first = await lockJournal(journal, { command: 'first' });
    const waitedFor: unknown[] = [];
    const order: string[] = [];
    const second = lockJournal(journal, {
      wait: true,
      pollMs: 5,
      onWait: (owner) => waitedFor.push(owner?.command),
    }).then((lock) => {
      order.push('second acquired');
      return lock;
    });
    // The second run is waiting, not failing, while the first holds the lock.
    while (waitedFor.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(waitedFor).toEqual(['first']);
    order.push('first released');
    await first.release();
    await (await second).release();
    expect(order).toEqual(['first released', 'second acquired']);
  });

  it('takes over at once a lock whose holder died on this host (kill -9 leaves it behind)', async () => {
    const journal = join(dir, 'j.jsonl');
    const lockDir = `${journal}.lock`;
    await mkdir(lockDir);
    const pid = deadPid();
    await writeFile(
      join(lockDir, 'owner.json'),
      JSON.stringify({ pid, hostname: hostname(), command: 'wankit batch x', startedAt: 'then' }),
    );
    const lock = await lockJournal(journal, { command: 'next' });
    const owner = JSON.parse(await readFile(join(lockDir, 'owner.json'), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, command: 'next' });
    await lock.release();
  });

  it('keeps a fresh lock of another host, and takes it over once it stopped being refreshed', async () => {
    const journal = join(dir, 'j.jsonl');
    const lockDir = `${journal}.lock`;
    await mkdir(lockDir);
    await writeFile(
      join(lockDir, 'owner.json'),
      JSON.stringify({ pid: 1, hostname: 'elsewhere.example', command: 'wankit batch y', startedAt: 'then' }),
    );
    await expect(lockJournal(journal)).rejects.toThrow(
      /in use by pid 1 on elsewhere\.example \(wankit batch y\)/,
    );
    const old = new Date(Date.now() - 5 * 60_000);
    await utimes(lockDir, old, old);
    const lock = await lockJournal(journal);
    await lock.release();
  });
});
