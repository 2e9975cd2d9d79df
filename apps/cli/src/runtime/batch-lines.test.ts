import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNativeAdapter } from '@wankit/adapter-native';
import { describe, expect, it } from 'vitest';
import { readBatchLines } from './batch-lines.js';

const adapter = createNativeAdapter();

async function batchFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wankit-batch-'));
  const file = join(dir, 'prompts.jsonl');
  await writeFile(file, text);
  return file;
}

describe('readBatchLines', () => {
  it('reads objects and bare prompts, skips blank lines, applies flag defaults under line fields', async () => {
    const file = await batchFile('{"prompt":"a","size":"832*480"}\n\n"b"\r\n');
    const { lines, errors } = await readBatchLines(file, 'video', { size: '1920*1080', seed: 5 }, adapter);
    expect(errors).toStrictEqual([]);
    expect(lines.map((l) => l.line)).toStrictEqual([1, 3]);
    expect(lines[0]!.prepared.input.request).toMatchObject({
      kind: 'text-to-video',
      model: 'wan2.2-t2v-plus',
      prompt: 'a',
      size: '832*480',
      seed: 5,
    });
    expect(lines[1]!.prepared.input.request).toMatchObject({ prompt: 'b', size: '1920*1080', seed: 5 });
    expect(lines[0]!.key).toMatch(/^request:[0-9a-f]{64}:1$/);
  });

  it('takes the name field off the request: it names files, is not sent, and renaming re-sends nothing', async () => {
    const named = await readBatchLines(
      await batchFile('{"prompt":"a","name":"../Kite 1"}\n'),
      'video',
      {},
      adapter,
    );
    const plain = await readBatchLines(await batchFile('"a"\n'), 'video', {}, adapter);
    expect(named.errors).toStrictEqual([]);
    expect(named.lines[0]!.name).toBe('Kite_1');
    expect(named.lines[0]!.key).toBe(plain.lines[0]!.key);
    expect(named.lines[0]!.prepared.input.request).not.toHaveProperty('name');
    const bad = await readBatchLines(
      await batchFile('{"prompt":"a","name":"///"}\n{"prompt":"b","name":3}\n'),
      'video',
      {},
      adapter,
    );
    expect(bad.errors.map((e) => [e.line, e.error.field, e.error.message])).toStrictEqual([
      [
        1,
        'name',
        'line 1: name must be a string with at least one letter or digit (it names the output files)',
      ],
      [
        2,
        'name',
        'line 2: name must be a string with at least one letter or digit (it names the output files)',
      ],
    ]);
  });

  it('keys a line by its request and copy number, not its position: same input same key, edited line or defaults a new one', async () => {
    const first = await readBatchLines(await batchFile('"a"\n"b"\n'), 'video', {}, adapter);
    const again = await readBatchLines(await batchFile('"a"\n"b"\n'), 'video', {}, adapter);
    const edited = await readBatchLines(await batchFile('"a"\n"b!"\n'), 'video', {}, adapter);
    const otherDefaults = await readBatchLines(await batchFile('"a"\n"b"\n'), 'video', { seed: 1 }, adapter);
    expect(again.lines.map((l) => l.key)).toStrictEqual(first.lines.map((l) => l.key));
    expect(edited.lines[0]!.key).toBe(first.lines[0]!.key);
    expect(edited.lines[1]!.key).not.toBe(first.lines[1]!.key);
    expect(otherDefaults.lines[0]!.key).not.toBe(first.lines[0]!.key);
    const shifted = await readBatchLines(await batchFile('\n"new"\n"a"\n\n"b"\n'), 'video', {}, adapter);
    expect(shifted.lines.slice(1).map((l) => l.key)).toStrictEqual(first.lines.map((l) => l.key));
    const twice = await readBatchLines(await batchFile('"a"\n"a"\n'), 'video', {}, adapter);
    expect(twice.lines[0]!.key).toBe(first.lines[0]!.key);
    expect(twice.lines[1]!.key).not.toBe(twice.lines[0]!.key);
  });

  it('collects the error of every bad line, naming the line', async () => {
    const file = await batchFile('"ok"\nnot json\n[1]\n{"prompt":"x","size":"1*1"}\n');
    const { lines, errors } = await readBatchLines(file, 'video', {}, adapter);
    expect(lines).toHaveLength(1);
    expect(errors.map((e) => e.line)).toStrictEqual([2, 3, 4]);
    for (const { line, error } of errors) {
      expect(error.kind).toBe('invalid_request');
      expect(error.message).toContain(`line ${line}`);
    }
  });

  it('resolves local images relative to the batch file and makes image lines text-to-image with --kind image', async () => {
    const file = await batchFile('{"prompt":"p","image":"cat.png","resolution":"720p"}\n');
    // A real PNG signature: images are recognised by their bytes.
    await writeFile(
      join(file, '..', 'cat.png'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    const video = await readBatchLines(file, 'video', {}, adapter);
    expect(video.errors).toStrictEqual([]);
    expect(video.lines[0]!.prepared.input.request).toMatchObject({
      kind: 'image-to-video',
      image: 'data:image/png;base64,iVBORw0KGgo=',
    });
    const images = await readBatchLines(await batchFile('"a fox"\n'), 'image', {}, adapter);
    expect(images.lines[0]!.prepared.input.request).toMatchObject({
      kind: 'text-to-image',
      model: 'wan2.5-t2i-preview',
      count: 1,
    });
  });

  it('refuses an empty file', async () => {
    await expect(readBatchLines(await batchFile('\n\n'), 'video', {}, adapter)).rejects.toMatchObject({
      kind: 'invalid_request',
    });
  });
});
