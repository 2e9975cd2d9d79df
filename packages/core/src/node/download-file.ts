import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, link, lstat, mkdir, open, rename, rm, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { WankitError } from '../errors/wankit-error.js';
import {
  abortedError,
  describeUrl,
  isAbort,
  networkError,
  statusError,
  typedFileError,
} from './download-errors.js';
import { SyncHashingSink, type TransferState } from './file-sink.js';
import { fetchGet } from './http-get.js';
import { type BodyResponse, socketGet } from './socket-get.js';

export interface DownloadFileOptions {
  url: string;
  /** Final file path. Parent directories are created. */
  destination: string;
  /** Replace an existing file (atomically). Default: refuse. */
  overwrite?: boolean;
  signal?: AbortSignal;
  /** A custom `fetch`; by default a plain socket reader is used (see `socket-get.ts` for why). */
  fetch?: typeof fetch;
  onProgress?: (bytes: number, total?: number) => void;
  /** How many times a dropped transfer is continued (with `Range`, or from zero). Default 3. */
  maxResumes?: number;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  /** Hex sha256 of the file. */
  sha256: string;
  url: string;
  /** True when the transfer was interrupted and continued (resumed with `Range`, or restarted from zero). */
  resumed: boolean;
  contentType?: string;
}

function parseHttpUrl(value: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new WankitError({
      kind: 'invalid_request',
      message: `cannot download ${value.slice(0, 80)}: only http(s) URLs are downloaded`,
      field: 'url',
      value: value.slice(0, 200),
      allowed: ['http:', 'https:'],
    });
  }
  return url;
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

function existingFileError(path: string): WankitError {
  return new WankitError({
    kind: 'invalid_request',
    message: `${path} already exists`,
    field: 'destination',
    value: path,
    hint: { option: 'overwrite' },
  });
}

/** `bytes START-END/TOTAL` → start and total (undefined when `*`). */
function parseContentRange(header: string | null): { start: number; total?: number } | undefined {
  const match = header ? /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(header.trim()) : null;
  if (!match) return undefined;
  return { start: Number(match[1]), total: match[3] === '*' ? undefined : Number(match[3]) };
}

function contentLength(response: BodyResponse): number | undefined {
  // A body decoded by a custom fetch has a different length than the Content-Length it was sent with.
  const encoding = response.header('content-encoding');
  if (encoding && encoding !== 'identity') return undefined;
  const header = response.header('content-length');
  return header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
}

/** A validator for `If-Range`: a strong ETag, else Last-Modified (weak ETags are not allowed there). */
function rangeValidator(response: BodyResponse): string | undefined {
  const etag = response.header('etag');
  if (etag && !etag.startsWith('W/')) return etag;
  return response.header('last-modified');
}

/** Moves the finished temp file into place in one step; without `overwrite`, never clobbers a file. */
async function placeFile(temp: string, destination: string, overwrite: boolean): Promise<void> {
  if (overwrite) return rename(temp, destination);
  try {
    await link(temp, destination);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw existingFileError(destination);
    // File systems without hard links: check, then rename (a small race, but still atomic content).
    if (await exists(destination)) throw existingFileError(destination);
    return rename(temp, destination);
  }
  await unlink(temp);
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, constants.O_RDONLY).catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

/**
 * Streams a result URL to `destination`: into a temp file next to it, hashing as it goes, resuming with
 * `Range` after a dropped connection, checking the length, then renaming into place. Memory use does
 * not grow with the file. The temp file is removed on any failure or abort.
 */
export async function downloadFile(options: DownloadFileOptions): Promise<DownloadResult> {
  try {
    return await transfer(options);
  } catch (error) {
    throw typedFileError(error, resolve(options.destination));
  }
}

async function transfer(options: DownloadFileOptions): Promise<DownloadResult> {
  const url = parseHttpUrl(options.url);
  const destination = resolve(options.destination);
  const overwrite = options.overwrite ?? false;
  const maxResumes = options.maxResumes ?? 3;
  const { signal, onProgress } = options;
  const get = options.fetch ? fetchGet(options.fetch) : socketGet();
  if (!overwrite && (await exists(destination))) throw existingFileError(destination);
  if (signal?.aborted) throw abortedError(url, signal.reason);

  const directory = dirname(destination);
  await mkdir(directory, { recursive: true });
  const temp = join(directory, `.${basename(destination)}.${randomBytes(6).toString('hex')}.part`);
  let file: FileHandle | undefined = await open(temp, 'wx');
  const state: TransferState = { hash: createHash('sha256'), bytes: 0 };
  let total: number | undefined;
  let contentType: string | undefined;
  let validator: string | undefined;
  let resumes = 0;
  let resumed = false;

  const restartFromZero = async (handle: FileHandle) => {
    await handle.truncate(0);
    state.hash = createHash('sha256');
    state.bytes = 0;
    total = undefined;
  };

  try {
    for (;;) {
      const continuing = state.bytes > 0;
      const headers: Record<string, string> = { 'accept-encoding': 'identity' };
      if (continuing) {
        headers.range = `bytes=${state.bytes}-`;
        if (validator) headers['if-range'] = validator;
      }
      let response: BodyResponse;
      try {
        response = await get(url, headers, signal);
      } catch (error) {
        if (isAbort(error, signal)) throw abortedError(url, error);
        if (continuing && resumes < maxResumes) {
          resumes += 1;
          continue;
        }
        throw networkError(url, state.bytes, resumes, error);
      }

      const range =
        response.status === 206 ? parseContentRange(response.header('content-range') ?? null) : undefined;
      if (response.status !== 200 && response.status !== 206) {
        response.discard();
        throw statusError(url, response.status);
      }
      if (response.status === 206 && range?.start === state.bytes) {
        // The server continued where we stopped (or, on a first request, sent everything from 0).
        total = range.total ?? total;
        if (continuing) resumed = true;
      } else {
        // A 200, or a 206 for some other range: start over from byte 0 with this body.
        if (response.status === 206) {
          response.discard();
          await restartFromZero(file);
          if (resumes >= maxResumes)
            throw networkError(url, 0, resumes, new Error('server sent an unusable range'));
          resumes += 1;
          continue;
        }
        if (continuing) {
          await restartFromZero(file);
          resumed = true;
        }
        total = contentLength(response);
      }
      contentType = response.header('content-type') ?? contentType;
      validator = rangeValidator(response) ?? validator;

      const sink = new SyncHashingSink(file.fd, state, () => onProgress?.(state.bytes, total));
      try {
        await response.read(sink.write);
      } catch (error) {
        if (sink.fatalError !== undefined) throw sink.fatalError;
        if (isAbort(error, signal)) throw abortedError(url, error);
        if (resumes < maxResumes) {
          resumes += 1;
          continue;
        }
        throw networkError(url, state.bytes, resumes, error);
      }

      if (total !== undefined && state.bytes < total) {
        // The body ended early without an error: treat it as a drop and ask for the rest.
        if (resumes < maxResumes) {
          resumes += 1;
          continue;
        }
      }
      if (total !== undefined && state.bytes !== total) {
        throw new WankitError({
          kind: 'invalid_response',
          message: `download of ${describeUrl(url)} has the wrong length: expected ${total} bytes (Content-Length), got ${state.bytes}`,
        });
      }
      break;
    }

    await file.sync();
    await file.close();
    file = undefined;
    await placeFile(temp, destination, overwrite);
    await syncDirectory(directory);
    const result: DownloadResult = {
      path: destination,
      bytes: state.bytes,
      sha256: state.hash.digest('hex'),
      url: options.url,
      resumed,
    };
    if (contentType) result.contentType = contentType;
    return result;
  } catch (error) {
    await file?.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}
