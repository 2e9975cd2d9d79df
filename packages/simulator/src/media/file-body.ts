import { crc32 } from 'node:zlib';
import { gradientPng } from './png.js';
import { SAMPLE_MP4 } from './sample-mp4.js';

/** Bytes or a run of zeros: a padded file is described, never held in memory. */
type Segment = Buffer | { readonly zeros: number };

const ZERO_CHUNK = Buffer.alloc(64 * 1024);

/** A file's bytes, readable by range and streamed in 64 KB chunks. */
export interface FileBody {
  readonly size: number;
  /** Bytes [start, end) as a sequence of chunks. */
  chunks(start: number, end: number): Generator<Buffer>;
}

function segmentLength(segment: Segment): number {
  return Buffer.isBuffer(segment) ? segment.length : segment.zeros;
}

function segmentedBody(segments: readonly Segment[]): FileBody {
  const size = segments.reduce((sum, segment) => sum + segmentLength(segment), 0);
  return {
    size,
    *chunks(start, end) {
      let offset = 0;
      for (const segment of segments) {
        const length = segmentLength(segment);
        const from = Math.max(start, offset);
        const to = Math.min(end, offset + length);
        if (from < to) {
          if (Buffer.isBuffer(segment)) {
            yield segment.subarray(from - offset, to - offset);
          } else {
            for (let at = from; at < to; at += ZERO_CHUNK.length) {
              yield ZERO_CHUNK.subarray(0, Math.min(ZERO_CHUNK.length, to - at));
            }
          }
        }
        offset += length;
      }
    },
  };
}

/** The sample MP4, padded to `target` bytes with a trailing top-level `free` box (players skip it), so a
 * 256 MB download is still a playable file. Below the natural size the natural file is served. */
export function mp4Body(target?: number): FileBody {
  const padding = (target ?? 0) - SAMPLE_MP4.length;
  if (padding < 8) return segmentedBody([SAMPLE_MP4]);
  const large = padding > 0xffffffff;
  const header = Buffer.alloc(large ? 16 : 8);
  if (large) {
    header.writeUInt32BE(1, 0); // size 1 = a 64-bit size follows the type
    header.write('free', 4, 'latin1');
    header.writeBigUInt64BE(BigInt(padding), 8);
  } else {
    header.writeUInt32BE(padding, 0);
    header.write('free', 4, 'latin1');
  }
  return segmentedBody([SAMPLE_MP4, header, { zeros: padding - header.length }]);
}

const PAD_TYPE = 'wkPd'; // ancillary, private, safe-to-copy: decoders skip it
const MAX_PNG_CHUNK = 0x7fffffff;
const zeroCrcCache = new Map<number, number>();

function crcOfPaddingChunk(length: number): number {
  const cached = zeroCrcCache.get(length);
  if (cached !== undefined) return cached;
  let crc = crc32(Buffer.from(PAD_TYPE, 'latin1'));
  for (let left = length; left > 0; left -= ZERO_CHUNK.length) {
    crc = crc32(ZERO_CHUNK.subarray(0, Math.min(left, ZERO_CHUNK.length)), crc);
  }
  zeroCrcCache.set(length, crc);
  return crc;
}

/** A gradient PNG of the frame, padded to `target` bytes with a private ancillary chunk before IEND. */
export function pngBody(width: number, height: number, target?: number): FileBody {
  const png = gradientPng(width, height);
  const iend = png.subarray(png.length - 12);
  const head = png.subarray(0, png.length - 12);
  const dataLength = Math.min((target ?? 0) - png.length - 12, MAX_PNG_CHUNK);
  if (dataLength < 0) return segmentedBody([png]);
  const chunkHeader = Buffer.alloc(8);
  chunkHeader.writeUInt32BE(dataLength, 0);
  chunkHeader.write(PAD_TYPE, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crcOfPaddingChunk(dataLength));
  return segmentedBody([head, chunkHeader, { zeros: dataLength }, crc, iend]);
}
