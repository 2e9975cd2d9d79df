import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerSecret } from '../errors/redact.js';
import type { JournalRecord } from '../journal/journal-record.js';
import { createMemoryJournal } from '../journal/memory-journal.js';
import type { TaskRef, TaskSnapshot } from '../spec/task.js';
import { createFileJournal } from './file-journal.js';

const at = '2026-01-01T00:00:00.000Z';
const ref: TaskRef = {
  spec: 'wankit.task/v1',
  adapter: 'native',
  taskId: 'task_1',
  model: 'wan2.6-t2v',
  providerModel: 'wan26_t2v',
  kind: 'text-to-video',
  submittedAt: at,
};
const intent = (
  key: string,
  extra: Partial<Extract<JournalRecord, { type: 'intent' }>> = {},
): JournalRecord => ({
  type: 'intent',
  key,
  at,
  fingerprint: 'fp',
  adapter: 'native',
  model: 'wan2.6-t2v',
  kind: 'text-to-video',
  request: { kind: 'text-to-video', model: 'wan2.6-t2v', prompt: 'a kitten' },
  ...extra,
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wankit-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createFileJournal', () => {
  it('appends one JSON line per record, creating parent directories, and reads them back', async () => {
    const path = join(dir, 'deep', 'er', 'journal.jsonl');
    const journal = createFileJournal(path);
    await journal.append(intent('a'));
    await journal.append({ type: 'submitted', key: 'a', at, ref });
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    // Each line is the record's JSON with a checksum as its last field.
    expect(lines[0]).toMatch(
      new RegExp(`^${escapeRegExp(JSON.stringify(intent('a')).slice(0, -1))},"sum":"[0-9a-f]{16}"}$`),
    );
    expect(JSON.parse(lines[1] as string)).toMatchObject({ type: 'submitted', key: 'a', ref });
    expect(await journal.read()).toEqual([intent('a'), { type: 'submitted', key: 'a', at, ref }]);
    expect(journal.path).toBe(path);
  });

  it('reads a missing file as empty', async () => {
    expect(await createFileJournal(join(dir, 'none.jsonl')).read()).toEqual([]);
  });

  it('skips a torn last line and starts the next record on a fresh line', async () => {
    const path = join(dir, 'j.jsonl');
    const whole = JSON.stringify(intent('a'));
    writeFileSync(path, `${whole}\n${JSON.stringify({ type: 'submitted', key: 'a', at, ref }).slice(0, 40)}`);
    const journal = createFileJournal(path);
    expect(await journal.read()).toEqual([intent('a')]);
    await journal.append(intent('b'));
    expect(await journal.read()).toEqual([intent('a'), intent('b')]);
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(4);
  });

  it('reads lines written before checksums, and a torn last line is no damage', async () => {
    const path = join(dir, 'j.jsonl');
    writeFileSync(path, `${JSON.stringify(intent('a'))}\n\n`);
    appendFileSync(path, '{"type":"submitted","key":');
    expect(await createFileJournal(path).read()).toEqual([intent('a')]);
  });

  it('keeps the order of concurrent appends and never interleaves them', async () => {
    const path = join(dir, 'j.jsonl');
    const journal = createFileJournal(path);
    const keys = Array.from({ length: 40 }, (_, i) => `job-${i}`);
    await Promise.all(keys.map((key) => journal.append(intent(key, { labels: { pad: 'x'.repeat(5000) } }))));
    const records = await journal.read();
    expect(records.map((record) => record.key)).toEqual(keys);
    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(40);
  });

  it('lets later appends proceed after a failed one', async () => {
    const journal = createFileJournal(join(dir, 'j.jsonl'));
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const bad = journal.append({ type: 'refused', key: 'x', at, error: circular });
    const good = journal.append(intent('y'));
    await expect(bad).rejects.toThrow();
    await good;
    expect((await journal.read()).map((record) => record.key)).toEqual(['y']);
  });
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a damaged journal', () => {
  async function written(keys: string[]): Promise<{ path: string; lines: string[] }> {
    const path = join(dir, 'j.jsonl');
    const journal = createFileJournal(path);
    for (const key of keys) {
      await journal.append(intent(key));
      await journal.append({ type: 'submitted', key, at, ref: { ...ref, taskId: `task_${key}` } });
    }
    return { path, lines: readFileSync(path, 'utf8').trimEnd().split('\n') };
  }

  it('is refused when a cut in the middle lost records (a torn line that is not the last)', async () => {
    const { path, lines } = await written(['a', 'b', 'c']);
    // Bytes from the middle of a's submitted record to the middle of b's submitted record are gone.
    const cut = `${lines[0]}\n${(lines[1] as string).slice(0, 30)}${(lines[3] as string).slice(40)}\n${lines.slice(4).join('\n')}\n`;
    writeFileSync(path, cut);
    const journal = createFileJournal(path);
    await expect(journal.read()).rejects.toMatchObject({
      kind: 'journal',
      field: 'journal',
      requestSent: false,
    });
    await expect(journal.read()).rejects.toThrow(/line 2: unreadable/);
    const scan = await journal.scan();
    expect(scan.damage.map((d) => [d.line, d.reason])).toEqual([[2, 'unreadable']]);
    expect(scan.keysInDamage).toEqual(['a']);
  });

  it('is refused when a record was altered (its checksum fails)', async () => {
    const { path, lines } = await written(['a', 'b']);
    lines[3] = (lines[3] as string).replace('task_b', 'task_x');
    writeFileSync(path, `${lines.join('\n')}\n`);
    await expect(createFileJournal(path).read()).rejects.toThrow(/line 4: checksum mismatch/);
  });

  it('is refused when a line is not a record, or holds zeroed bytes', async () => {
    const { path, lines } = await written(['a']);
    writeFileSync(path, `${lines[0]}\n{"hello":1}\n\u0000\u0000\u0000\n${lines[1]}\n`);
    const scan = await createFileJournal(path).scan();
    expect(scan.damage.map((d) => [d.line, d.reason])).toEqual([
      [2, 'not a journal record'],
      [3, 'unreadable'],
    ]);
  });

  it('accepts a crash remnant that a later append closed off, however many runs follow', async () => {
    const { path, lines } = await written(['a']);
    writeFileSync(path, `${lines.join('\n')}\n${JSON.stringify(intent('b')).slice(0, 25)}`);
    const journal = createFileJournal(path);
    await journal.append(intent('c'));
    await journal.append(intent('d'));
    expect((await createFileJournal(path).read()).map((r) => r.key)).toEqual(['a', 'a', 'c', 'd']);
  });

  it('repair keeps every readable record, keeps the original, and marks keys seen in the damage uncertain', async () => {
    const { path, lines } = await written(['a', 'b', 'c']);
    const original = `${lines[0]}\n${(lines[1] as string).slice(0, 30)}${(lines[3] as string).slice(40)}\n${lines.slice(4).join('\n')}\n`;
    writeFileSync(path, original);
    const journal = createFileJournal(path, { now: () => new Date(at) });
    const report = await journal.repair();
    expect(report).toMatchObject({
      kept: 3,
      markedUncertain: ['a'],
      backup: `${path}.damaged-2026-01-01T00-00-00-000Z`,
    });
    expect(readFileSync(report.backup, 'utf8')).toBe(original);
    const records = await journal.read();
    expect(records.map((r) => `${r.type}:${r.key}`)).toEqual([
      'intent:a',
      'intent:c',
      'submitted:c',
      'uncertain:a',
    ]);
    // Repairing a sound journal changes nothing.
    expect(await journal.repair()).toMatchObject({ backup: '', kept: 4 });
  });
});

describe('journal scrubbing', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const dataUri = `data:image/png;base64,${png.toString('base64')}`;
  const pngHash = createHash('sha256').update(png).digest('hex');

  it('replaces data: URIs by a hash of their bytes and redacts secrets', async () => {
    registerSecret('sk-journal-secret-1234');
    const path = join(dir, 'j.jsonl');
    const journal = createFileJournal(path);
    await journal.append(
      intent('a', {
        kind: 'image-to-video',
        request: {
          kind: 'image-to-video',
          model: 'wanx2.1-kf2v-plus',
          image: dataUri,
          lastImage: dataUri,
          prompt: 'p',
        },
      }),
    );
    await journal.append({
      type: 'uncertain',
      key: 'a',
      at,
      error: {
        kind: 'submit_uncertain',
        message: 'Authorization: Bearer sk-journal-secret-1234 timed out',
        value: dataUri,
      },
    });
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('sk-journal-secret-1234');
    expect(text).not.toContain(png.toString('base64'));
    const [first, second] = await journal.read();
    expect(first).toMatchObject({
      request: { image: `data:image/png;sha256=${pngHash}`, lastImage: `data:image/png;sha256=${pngHash}` },
    });
    expect(second).toEqual({
      type: 'uncertain',
      key: 'a',
      at,
      error: {
        kind: 'submit_uncertain',
        message: 'Authorization: Bearer [redacted] timed out',
        value: `data:image/png;sha256=${pngHash}`,
      },
    });
  });

  it('keeps a prompt that merely starts with "data:" as written, even with commas and percent signs', async () => {
    const journal = createFileJournal(join(dir, 'prose.jsonl'));
    const prompt = 'data: a cat, 50% faster, the flag bearer walks';
    await journal.append(intent('p', { request: { kind: 'text-to-video', model: 'wan2.6-t2v', prompt } }));
    const [record] = await journal.read();
    expect(record).toMatchObject({ request: { prompt } });
  });

  it('strips snapshot.raw', async () => {
    const snapshot: TaskSnapshot = {
      ref,
      status: 'succeeded',
      outputs: [{ kind: 'video', url: 'https://cdn.example.com/a.mp4' }],
      timings: { observedAt: at },
      raw: { output: { video_url: 'https://cdn.example.com/a.mp4' }, secretish: 'x'.repeat(1000) },
    };
    const journal = createMemoryJournal();
    await journal.append({ type: 'snapshot', key: 'a', at, snapshot });
    const { raw: _raw, ...withoutRaw } = snapshot;
    expect(journal.records).toEqual([{ type: 'snapshot', key: 'a', at, snapshot: withoutRaw }]);
    expect(snapshot.raw).toBeDefined();
  });

  it('the memory journal stores copies', async () => {
    const journal = createMemoryJournal();
    const record = intent('a');
    await journal.append(record);
    (record as { key: string }).key = 'changed';
    expect((await journal.read())[0]?.key).toBe('a');
  });
});
