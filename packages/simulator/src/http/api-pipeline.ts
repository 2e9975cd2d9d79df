import type { IncomingMessage, ServerResponse } from 'node:http';
import { type FaultInjector, PRE_FAULTS } from '../faults/fault-injector.js';
import type { FormatContext, FormatRoute, WireFormatHandler } from '../formats/format.js';
import { type RateLimiter, retryAfterSeconds } from '../limits/rate-limiter.js';
import type { FaultKind, ResolvedOptions } from '../options.js';
import type { StatsRecorder } from '../stats/stats.js';
import { type Reply, replyText, sendReply, writeJson } from './reply.js';
import { bearerKey, readJsonBody } from './request-body.js';

export interface PipelineDeps {
  readonly options: ResolvedOptions;
  readonly stats: StatsRecorder;
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly ctx: FormatContext;
  /** Runs `fn` after `ms` on the simulator clock; cancelled when the simulator closes. */
  readonly delay: (ms: number, fn: () => void) => void;
}

const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

export function withRetryAfter(reply: Reply, retryAfterMs: number): Reply {
  return { ...reply, headers: { ...reply.headers, 'retry-after': retryAfterSeconds(retryAfterMs) } };
}

/** One provider request: auth → requests-per-minute → pre-handling fault (5xx, HTML page: nothing created) →
 * body → the format's handler → post-handling fault (reset, slow, truncated, malformed: the task, if any, exists). */
export async function handleApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  handler: WireFormatHandler,
  route: FormatRoute,
  params: readonly string[],
  deps: PipelineDeps,
): Promise<void> {
  const { options, stats, limiter, faults } = deps;
  const format = handler.format;
  const counters = stats.format(format);
  stats.counters.requests++;
  counters.requests[route.endpoint]++;

  const finish = (reply: Reply) => {
    req.resume(); // discard any unread body so the connection stays usable
    count(reply);
    sendReply(res, reply);
  };
  const count = (reply: Reply) => {
    if (reply.tag === 'created') counters.creates++;
    else if (reply.tag === 'status') counters.statusReads++;
    else if (reply.tag === 'invalid') counters.invalid++;
    else if (reply.tag === 'unauthorized') counters.unauthorized++;
    else if (reply.tag === 'notFound') counters.notFound++;
    else if (reply.tag === 'rateLimited') stats.rateLimited(format);
  };

  const key = bearerKey(req.headers.authorization);
  if (!key || (options.apiKey !== undefined && key !== options.apiKey)) {
    return finish(handler.errors.unauthorized(key ? 'wrong' : 'missing'));
  }
  const limited = limiter.admit(format, options.limits[format].requestsPerMinute, options.clock.now());
  if (limited) return finish(withRetryAfter(handler.errors.rateLimited('rate'), limited.retryAfterMs));

  const fault = faults.draw(format, route.endpoint);
  if (fault) stats.fault(format, fault);
  if (fault && PRE_FAULTS.has(fault)) {
    req.resume();
    if (fault === '502-html') {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end(BAD_GATEWAY_HTML);
    } else sendReply(res, handler.errors.serverError(fault === '500' ? 500 : 503));
    return;
  }

  let body: unknown;
  if (route.method === 'POST') {
    const parsed = await readJsonBody(req, route.maxBodyBytes);
    if (!parsed.ok) return finish(handler.errors.invalid(parsed.reason));
    body = parsed.value;
  }
  const reply = route.handle({ params, url, body, headers: req.headers }, deps.ctx);
  count(reply);
  if (fault) spoil(fault, reply, req, res, deps);
  else sendReply(res, reply);
}

function spoil(
  fault: FaultKind,
  reply: Reply,
  req: IncomingMessage,
  res: ServerResponse,
  deps: PipelineDeps,
): void {
  const text = replyText(reply);
  const half = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  switch (fault) {
    case 'reset':
      req.socket.destroy();
      return;
    case 'slow':
      deps.delay(deps.faults.slowMs, () => {
        if (!res.destroyed) sendReply(res, reply);
      });
      return;
    case 'malformed':
      // a well-framed response whose JSON stops half way
      writeJson(res, reply.status, half, { ...reply.headers });
      return;
    case 'truncated':
      // the headers promise the whole body; the connection dies after half of it
      res.writeHead(reply.status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(text)),
      });
      res.write(half, () => res.destroy());
      return;
    default:
      sendReply(res, reply);
  }
}
