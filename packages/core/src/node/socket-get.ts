import net from 'node:net';
import tls from 'node:tls';

/**
 * A download response: status and headers known, the body read with `read()`. The chunk handed to
 * `onData` is a view of a reused buffer, valid only during the call: consume it (hash, write) before
 * returning.
 */
export interface BodyResponse {
  readonly status: number;
  header(name: string): string | undefined;
  /** Reads the body to its end; rejects when the connection fails or `onData` throws. */
  read(onData: (chunk: Uint8Array) => void): Promise<void>;
  /** Drops an unwanted body and frees the connection. */
  discard(): void;
}

export type BodyGet = (
  url: URL,
  headers: Record<string, string>,
  signal?: AbortSignal,
) => Promise<BodyResponse>;

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 5;
/** A socket silent this long counts as a dropped connection (and is resumed). */
const idleTimeoutMs = 60_000;
const maxHeaderBytes = 64 * 1024;
/** One read buffer per download, reused by every read of every attempt: no per-read garbage. */
export const readBufferBytes = 1024 * 1024;

interface Head {
  status: number;
  headers: Map<string, string>;
}

/** Where the HTTP/1.1 response stands, fed from one reused read buffer. */
type Framing =
  | { kind: 'length'; remaining: number }
  | { kind: 'chunked'; state: 'size' | 'data' | 'data-end' | 'trailer'; remaining: number; line: string }
  | { kind: 'close' }
  | { kind: 'none' };

function parseHead(text: string): Head | undefined {
  const lines = text.split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
  if (!match) return undefined;
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const previous = headers.get(name);
    headers.set(name, previous === undefined ? value : `${previous}, ${value}`);
  }
  return { status: Number(match[1]), headers };
}

function framingOf(head: Head, method: string): Framing {
  if (method === 'HEAD' || head.status === 204 || head.status === 304) return { kind: 'none' };
  const encoding = head.headers.get('transfer-encoding')?.toLowerCase();
  if (encoding?.split(',').at(-1)?.trim() === 'chunked')
    return { kind: 'chunked', state: 'size', remaining: 0, line: '' };
  const length = head.headers.get('content-length');
  if (length !== undefined && /^\d+$/.test(length)) return { kind: 'length', remaining: Number(length) };
  return { kind: 'close' };
}

function requestText(url: URL, headers: Record<string, string>): string {
  const lines = [
    `GET ${url.pathname || '/'}${url.search} HTTP/1.1`,
    `host: ${url.host}`,
    'user-agent: wankit',
    'accept: */*',
    'connection: close',
  ];
  for (const [name, value] of Object.entries(headers)) {
    if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) throw new TypeError(`invalid header ${name}`);
    lines.push(`${name}: ${value}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : Object.assign(new Error('aborted'), { name: 'AbortError' });
}

/** One GET on its own connection (`connection: close`), reading through the shared buffer. */
function getOnce(
  url: URL,
  headers: Record<string, string>,
  buffer: Buffer,
  signal: AbortSignal | undefined,
): Promise<BodyResponse> {
  return new Promise<BodyResponse>((resolveHead, rejectHead) => {
    let head: Head | undefined;
    let headBytes: Buffer[] = [];
    let headLength = 0;
    let framing: Framing = { kind: 'close' };
    let consumer: ((chunk: Uint8Array) => void) | undefined;
    let pending: Buffer[] = [];
    let settled = false;
    let finishBody: ((error?: unknown) => void) | undefined;
    let bodyOutcome: { error?: unknown } | undefined;
    let bodyDone = false;

    const endBody = (error?: unknown) => {
      if (bodyOutcome) return;
      bodyOutcome = error === undefined ? {} : { error };
      finishBody?.(error);
    };

    const fail = (error: unknown) => {
      if (!head) {
        if (!settled) {
          settled = true;
          rejectHead(error);
        }
      } else endBody(error);
      socket.destroy();
    };

    // Hands body bytes to the consumer, or holds a copy until it attaches (only around the head).
    const deliver = (chunk: Buffer) => {
      if (chunk.length === 0) return;
      if (consumer) consumer(chunk);
      else pending.push(Buffer.from(chunk));
    };

    const completeBody = () => {
      bodyDone = true;
      endBody();
      socket.destroy();
    };

    // Body bytes by framing; returns when this read is consumed.
    const body = (data: Buffer) => {
      let offset = 0;
      while (offset < data.length && !bodyDone) {
        if (framing.kind === 'length') {
          const take = Math.min(framing.remaining, data.length - offset);
          deliver(data.subarray(offset, offset + take));
          offset += take;
          framing.remaining -= take;
          if (framing.remaining === 0) completeBody();
        } else if (framing.kind === 'close') {
          deliver(data.subarray(offset));
          offset = data.length;
        } else if (framing.kind === 'chunked') {
          if (framing.state === 'data') {
            const take = Math.min(framing.remaining, data.length - offset);
            deliver(data.subarray(offset, offset + take));
            offset += take;
            framing.remaining -= take;
            if (framing.remaining === 0) framing.state = 'data-end';
            continue;
          }
          // A line: the chunk size, the CRLF after a chunk's data, or the trailer.
          const newline = data.indexOf(10, offset);
          const end = newline === -1 ? data.length : newline + 1;
          framing.line += data.toString('latin1', offset, end);
          offset = end;
          if (framing.line.length > 4096) throw new Error('malformed chunked body: a line is too long');
          if (newline === -1) continue;
          const line = framing.line.trim();
          framing.line = '';
          if (framing.state === 'data-end') {
            if (line !== '') throw new Error('malformed chunked body: no CRLF after a chunk');
            framing.state = 'size';
          } else if (framing.state === 'size') {
            const size = Number.parseInt(line.split(';')[0] ?? '', 16);
            if (!Number.isFinite(size) || size < 0) throw new Error('malformed chunked body: bad chunk size');
            if (size === 0) framing.state = 'trailer';
            else {
              framing.state = 'data';
              framing.remaining = size;
            }
          } else if (line === '') completeBody();
        } else {
          completeBody();
        }
      }
    };

    const onRead = (bytes: number, read: Buffer): boolean => {
      try {
        const data = read.subarray(0, bytes);
        if (!head) {
          headBytes.push(Buffer.from(data));
          headLength += data.length;
          const all = Buffer.concat(headBytes, headLength);
          let end = all.indexOf('\r\n\r\n');
          let start = 0;
          // Interim 1xx answers come before the real one.
          while (end !== -1 && /^HTTP\/1\.[01] 1\d\d/.test(all.toString('latin1', start, start + 12))) {
            start = end + 4;
            end = all.indexOf('\r\n\r\n', start);
          }
          if (end === -1) {
            if (headLength > maxHeaderBytes) throw new Error('response headers too large');
            return true;
          }
          const parsed = parseHead(all.toString('latin1', start, end));
          if (!parsed) throw new Error('not an HTTP/1.1 response');
          head = parsed;
          headBytes = [];
          framing = framingOf(parsed, 'GET');
          const rest = all.subarray(end + 4);
          if (framing.kind === 'none') completeBody();
          else if (rest.length > 0) body(rest);
          settled = true;
          resolveHead(response(parsed));
          return consumer !== undefined;
        }
        body(data);
        // Paused until a consumer attaches: the buffer is about to be reused.
        return consumer !== undefined || bodyDone;
      } catch (error) {
        fail(error);
        return false;
      }
    };

    const response = (parsed: Head): BodyResponse => ({
      status: parsed.status,
      header: (name) => parsed.headers.get(name.toLowerCase()),
      discard: () => {
        consumer = () => undefined;
        endBody();
        socket.destroy();
      },
      read: (onData) =>
        new Promise<void>((resolve, reject) => {
          finishBody = (error) => (error === undefined ? resolve() : reject(error));
          try {
            for (const chunk of pending) onData(chunk);
          } catch (error) {
            fail(error);
          }
          pending = [];
          if (bodyOutcome) {
            finishBody(bodyOutcome.error);
            return;
          }
          consumer = onData;
          socket.resume();
        }),
    });

    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const onread = { buffer, callback: onRead };
    const socket =
      url.protocol === 'https:'
        ? tls.connect({
            host,
            port,
            // Node's TLSSocket passes `onread` to its socket (lib/_tls_wrap.js); the typings omit it.
            ...({ onread } as tls.ConnectionOptions),
            ALPNProtocols: ['http/1.1'],
            ...(net.isIP(host) ? {} : { servername: host }),
          })
        : net.connect({ host, port, onread });
    const connectedEvent = url.protocol === 'https:' ? 'secureConnect' : 'connect';
    socket.once(connectedEvent, () => socket.write(requestText(url, headers)));
    socket.setTimeout(idleTimeoutMs, () => fail(new Error(`no data for ${idleTimeoutMs / 1000} s`)));
    socket.on('error', fail);
    socket.on('close', () => {
      if (bodyDone) return;
      if (head && framing.kind === 'close') completeBody();
      else fail(new Error('the connection closed before the response ended'));
    });
    if (signal) {
      const onAbort = () => fail(abortError(signal));
      if (signal.aborted) onAbort();
      else {
        signal.addEventListener('abort', onAbort, { once: true });
        socket.once('close', () => signal.removeEventListener('abort', onAbort));
      }
    }
  });
}

/**
 * GET over a plain socket (`node:net`, `node:tls`) that reads every byte into one reused 1 MB
 * buffer and hands views of it to the consumer: measured on a 256 MB loopback body, `http.get` read
 * at ~420 MB/s and undici at ~470 MB/s with nothing done to the data, this reader at ~980 MB/s (each
 * of those allocates a fresh buffer per read, garbage the collector then pays for). Follows up to 5
 * redirects; one connection per request (`connection: close`).
 */
export function socketGet(buffer: Buffer = Buffer.allocUnsafe(readBufferBytes)): BodyGet {
  return async (url, headers, signal) => {
    let current = url;
    for (let redirects = 0; ; redirects += 1) {
      const response = await getOnce(current, headers, buffer, signal);
      const location = response.header('location');
      if (!redirectStatuses.has(response.status) || !location || redirects >= maxRedirects) return response;
      response.discard();
      current = new URL(location, current);
      if (current.protocol !== 'http:' && current.protocol !== 'https:') return response;
    }
  };
}
