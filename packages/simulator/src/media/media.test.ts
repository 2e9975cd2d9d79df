import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type FileBody, mp4Body, pngBody } from './file-body.js';
import { SAMPLE_MP4 } from './sample-mp4.js';

function collect(body: FileBody, start = 0, end = body.size): Buffer {
  return Buffer.concat([...body.chunks(start, end)]);
}

/** Top-level ISO-BMFF boxes as [type, size]; fails on a box that overruns the file. */
function topLevelBoxes(file: Buffer): [string, number][] {
  const boxes: [string, number][] = [];
  for (let at = 0; at < file.length; ) {
    let size = file.readUInt32BE(at);
    const type = file.toString('latin1', at + 4, at + 8);
    if (size === 1) size = Number(file.readBigUInt64BE(at + 8));
    if (size < 8 || at + size > file.length) throw new Error(`box ${type} at ${at} overruns the file`);
    boxes.push([type, size]);
    at += size;
  }
  return boxes;
}

/** PNG chunks as [type, length], each CRC checked. */
function pngChunks(file: Buffer): [string, number][] {
  expect(file.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: [string, number][] = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    const type = file.toString('latin1', at + 4, at + 8);
    const crc = file.readUInt32BE(at + 8 + length);
    expect(crc32(file.subarray(at + 4, at + 8 + length))).toBe(crc);
    chunks.push([type, length]);
    at += 12 + length;
  }
  return chunks;
}

describe('media', () => {
  it('ships a small MP4 whose boxes are ftyp, moov, free, mdat', () => {
    expect(SAMPLE_MP4.length).toBeLessThan(10_000);
    expect(topLevelBoxes(SAMPLE_MP4).map(([type]) => type)).toEqual(['ftyp', 'moov', 'free', 'mdat']);
    expect(SAMPLE_MP4.includes(Buffer.from('avc1'))).toBe(true);
  });

  it('pads an MP4 to an exact size with a trailing free box', () => {
    const body = mp4Body(1_000_000);
    expect(body.size).toBe(1_000_000);
    const file = collect(body);
    expect(topLevelBoxes(file)).toEqual([
      ...topLevelBoxes(SAMPLE_MP4),
      ['free', 1_000_000 - SAMPLE_MP4.length],
    ]);
    // a range in the middle matches the same bytes of the whole
    expect(collect(body, 6000, 70_000)).toEqual(file.subarray(6000, 70_000));
  });

  it('describes a padding beyond 4 GiB with a 64-bit box size, without allocating it', () => {
    const body = mp4Body(5 * 2 ** 30);
    expect(body.size).toBe(5 * 2 ** 30);
    const header = collect(body, SAMPLE_MP4.length, SAMPLE_MP4.length + 16);
    expect(header.readUInt32BE(0)).toBe(1);
    expect(header.toString('latin1', 4, 8)).toBe('free');
    expect(Number(header.readBigUInt64BE(8))).toBe(5 * 2 ** 30 - SAMPLE_MP4.length);
  });

  it('serves the natural MP4 when the requested size is too small to pad', () => {
    expect(mp4Body(100).size).toBe(SAMPLE_MP4.length);
    expect(collect(mp4Body())).toEqual(SAMPLE_MP4);
  });

  it('builds a valid RGB PNG of the requested frame, a few KB', () => {
    const file = collect(pngBody(1696, 960));
    expect(file.length).toBeLessThan(20_000);
    const chunks = pngChunks(file);
    expect(chunks.map(([type]) => type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([file.readUInt32BE(16), file.readUInt32BE(20), file[24], file[25]]).toEqual([1696, 960, 8, 2]);
    const raw = inflateSync(file.subarray(41, 41 + chunks[1]![1]));
    expect(raw.length).toBe((1 + 1696 * 3) * 960);
  });

  it('pads a PNG with a private ancillary chunk whose CRC is right', () => {
    const body = pngBody(64, 64, 300_000);
    expect(body.size).toBe(300_000);
    const chunks = pngChunks(collect(body));
    expect(chunks.map(([type]) => type)).toEqual(['IHDR', 'IDAT', 'wkPd', 'IEND']);
  });
});
