import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** A fetch-style handler, e.g. the one `createCallbackHandler` returns. */
export type WebHandler = (request: Request) => Promise<Response>;

/** Converts a `node:http` request into a web `Request`; the body stays a stream (the handler enforces its size limit). */
export function toWebRequest(incoming: IncomingMessage): Request {
  const url = new URL(incoming.url ?? '/', `http://${incoming.headers.host ?? 'localhost'}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(name, item);
  }
  const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method: incoming.method ?? 'GET', headers };
  if (hasBody) {
    init.body = Readable.toWeb(incoming) as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  return new Request(url, init);
}

/** Writes a web `Response` to a `node:http` response. */
export async function sendWebResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Mounts a web handler on `node:http` (and on Express or Fastify's raw server):
 * `createServer(toNodeListener(handler))`. A handler failure answers 500 without details.
 */
export function toNodeListener(
  handler: WebHandler,
): (incoming: IncomingMessage, outgoing: ServerResponse) => void {
  return (incoming, outgoing) => {
    handler(toWebRequest(incoming))
      .then((response) => sendWebResponse(response, outgoing))
      .catch(() => {
        if (!outgoing.headersSent) outgoing.writeHead(500);
        outgoing.end();
      });
  };
}
