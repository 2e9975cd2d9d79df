import type { ServerResponse } from 'node:http';

/** What a counter in the stats should record about a reply. */
export type ReplyTag = 'created' | 'status' | 'invalid' | 'unauthorized' | 'notFound' | 'rateLimited';

/** A JSON answer, built by a format handler and written (or spoiled by a fault) by the pipeline. */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly tag?: ReplyTag;
}

export function replyText(reply: Reply): string {
  return JSON.stringify(reply.body);
}

/** Writes a JSON answer. A header given as `''` is left out: DashScope's real 401 carries no content-type. */
export function writeJson(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  const all: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  };
  for (const [name, value] of Object.entries(all)) if (value === '') delete all[name];
  res.writeHead(status, all);
  res.end(text);
}

export function sendReply(res: ServerResponse, reply: Reply): void {
  writeJson(res, reply.status, replyText(reply), { ...reply.headers });
}
