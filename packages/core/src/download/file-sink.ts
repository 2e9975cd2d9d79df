import type { Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';

/** Shared between attempts of one download: bytes on disk and the hash of exactly those bytes. */
export interface TransferState {
  hash: Hash;
  bytes: number;
}

async function writeAll(file: FileHandle, chunks: readonly Uint8Array[], position: number): Promise<void> {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const { bytesWritten } = await file.writev(chunks as Uint8Array[], position);
  if (bytesWritten === total) return;
  // Rare short write: finish chunk by chunk from where the kernel stopped.
  let offset = 0;
  for (const chunk of chunks) {
    const end = offset + chunk.length;
    let from = Math.max(0, bytesWritten - offset);
    while (from < chunk.length) {
      const result = await file.write(chunk, from, chunk.length - from, position + offset + from);
      from += result.bytesWritten;
    }
    offset = end;
  }
}

/**
 * Writes chunks at explicit positions and counts them only once they are on disk, so that after a
 * dropped connection the hash state always matches the file and the transfer can resume at `bytes`.
 * Chunks are batched with `writev` and never copied.
 */
export class HashingFileSink extends Writable {
  /** Set when the disk or the progress callback (not the network) failed: never resumed. */
  fatalError: unknown;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: FileHandle,
    private readonly state: TransferState,
    private readonly onChunk: () => void,
    highWaterMark: number,
  ) {
    super({ highWaterMark });
  }

  override _writev(entries: { chunk: Uint8Array }[], callback: (error?: Error | null) => void): void {
    this.track(this.persist(entries.map((entry) => entry.chunk)), callback);
  }

  override _write(
    chunk: Uint8Array,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    this.track(this.persist([chunk]), callback);
  }

  private track(write: Promise<void>, callback: (error?: Error | null) => void): void {
    this.inFlight = write.then(
      () => callback(),
      (error: Error) => callback(error),
    );
  }

  private async persist(chunks: Uint8Array[]): Promise<void> {
    // Hash on this thread while the thread pool writes. A failed write is never resumed (`fatalError`),
    // so the hash running ahead of the disk for a moment cannot matter.
    const written = writeAll(this.file, chunks, this.state.bytes);
    let length = 0;
    for (const chunk of chunks) {
      this.state.hash.update(chunk);
      length += chunk.length;
    }
    try {
      await written;
      this.state.bytes += length;
      this.onChunk();
    } catch (error) {
      this.fatalError = error;
      throw error;
    }
  }

  /**
   * Resolves once no write is pending. A failed pipeline destroys the sink while a
   * write may still be running; the next attempt must start only after it has landed, or `bytes` would
   * move under it.
   */
  async settled(): Promise<void> {
    await this.inFlight;
  }
}
