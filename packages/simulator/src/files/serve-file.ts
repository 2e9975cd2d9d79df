import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SimulatorClock } from '../clock.js';
import { type FileBody, mp4Body, pngBody } from '../media/file-body.js';
import type { StatsRecorder } from '../stats/stats.js';
import { FILES_PATH, type FileStore } from './file-store.js';

const CONTENT_TYPES = { mp4: 'video/mp4', png: 'image/png' } as const;
/** Cap for `?bytes=`: 64 GiB is plenty for a benchmark and keeps the arithmetic exact. */
const MAX_BYTES = 2 ** 36;

/** The body OSS sends for an expired signed URL (element names as OSS uses them). */
function ossExpiredXml(id: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Error>',
    '  <Code>AccessDenied</Code>',
    '  <Message>Request has expired.</Message>',
    `  <RequestId>${id.toUpperCase()}</RequestId>`,
    '  <HostId>simulator.local</HostId>',
    '</Error>',
    '',
  ].join('\n');
}

function plain(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

/** A single `bytes=` range resolved against the size; `unsatisfiable` when it lies outside; undefined to serve all. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined; // multiple or malformed ranges: serve the whole file, as RFC 9110 allows
  const [, from, to] = match;
  if (from === '' && to === '') return undefined;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(from);
  if (start >= size) return 'unsatisfiable';
  const end = to === '' ? size : Math.min(size, Number(to) + 1);
  if (end <= start) return 'unsatisfiable';
  return { start, end };
}

export interface ServeFileContext {
  readonly files: FileStore;
  readonly clock: SimulatorClock;
  readonly stats: StatsRecorder;
}

/** `GET|HEAD /__sim/files/<id>.<ext>[?bytes=N]`: the result media, with `Range` (206) and expiry. */
export async function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: ServeFileContext,
): Promise<void> {
  const counters = ctx.stats.counters.files;
  counters.requests++;
  const name = decodeURIComponent(url.pathname.slice(FILES_PATH.length));
  const match = /^([0-9a-f]+)\.(mp4|png)$/.exec(name);
  const file = match ? ctx.files.get(match[1]!) : undefined;
  const now = ctx.clock.now();
  if (!file || file.ext !== match![2] || now < file.availableAt) {
    counters.notFound++;
    return plain(res, 404, 'Not Found');
  }
  if (now >= file.expiresAt) {
    counters.expired++;
    if (file.expiredStatus === 404) return plain(res, 404, 'Not Found');
    res.writeHead(403, { 'content-type': 'application/xml' });
    res.end(ossExpiredXml(file.id));
    return;
  }

  const rawBytes = url.searchParams.get('bytes');
  const bytes = rawBytes === null ? file.bytes : Number(rawBytes);
  if (bytes !== undefined && !(Number.isInteger(bytes) && bytes >= 0 && bytes <= MAX_BYTES)) {
    return plain(res, 400, `bytes must be an integer 0-${MAX_BYTES}`);
  }
  const body: FileBody =
    file.ext === 'mp4' ? mp4Body(bytes) : pngBody(file.width ?? 1280, file.height ?? 1280, bytes);
  const etag = `"${file.id}-${body.size}"`;
  const headers: Record<string, string> = {
    'content-type': CONTENT_TYPES[file.ext],
    'accept-ranges': 'bytes',
    etag,
    'last-modified': new Date(file.availableAt).toUTCString(),
  };
  const ifRange = req.headers['if-range'];
  const range =
    ifRange === undefined || ifRange === etag ? parseRange(req.headers.range, body.size) : undefined;
  if (range === 'unsatisfiable') {
    return plain(res, 416, 'Range Not Satisfiable', { 'content-range': `bytes */${body.size}` });
  }
  const { start, end } = range ?? { start: 0, end: body.size };
  if (range) {
    counters.partial++;
    headers['content-range'] = `bytes ${start}-${end - 1}/${body.size}`;
  } else {
    counters.served++;
  }
  res.writeHead(range ? 206 : 200, { ...headers, 'content-length': String(end - start) });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const chunks = body.chunks(start, end);
  function* counted(): Generator<Buffer> {
    for (const chunk of chunks) {
      counters.bytesSent += chunk.length;
      yield chunk;
    }
  }
  // Streamed with back-pressure: memory stays flat however large `bytes` is.
  await pipeline(Readable.from(counted(), { objectMode: false }), res).catch(() => {
    // the client went away mid-download (a resume test does exactly that)
  });
}
