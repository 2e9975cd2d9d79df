import { snapshotOf } from '../adapter/task-state.js';
import type { Clock } from '../clock/clock.js';
import { systemClock } from '../clock/clock.js';
import type { Logger } from '../http/logger.js';
import type { WanAdapter } from '../spec/adapter.js';
import type { TaskSnapshot } from '../spec/task.js';
import { type CallbackRegistry, callbackTaskParam, callbackTokenParam } from './callback-registry.js';
import { readLimitedBody } from './read-limited-body.js';

export interface CallbackHandlerOptions {
  /** The adapter whose provider calls back; its `readCallback` validates the body. */
  adapter: WanAdapter;
  registry: CallbackRegistry;
  /** Larger bodies are refused with 413. Default 256 KiB. */
  maxBodyBytes?: number;
  /**
   * A body not fully received within this time is abandoned with 408, on `clock`. Default 10 000 ms: a
   * delivery is a few kilobytes, and the provider itself waits 30 s for the answer.
   */
  bodyTimeoutMs?: number;
  /** Called (not awaited) with the first terminal snapshot of each task. */
  onSnapshot?(snapshot: TaskSnapshot): void | Promise<void>;
  clock?: Clock;
  logger?: Logger;
}

export type CallbackHandler = (request: Request) => Promise<Response>;

/**
 * `application/json` or any `+json` type (RFC 6839), with parameters, in any case. `text/plain` is tolerated:
 * it is what fetch labels a string body with when the sender set no type; the body must still parse as JSON.
 * Forms, multipart, XML, HTML and binary types are refused.
 */
const isJsonContentType = (value: string): boolean =>
  /^(application\/([\w.-]+\+)?json|text\/plain)\s*(;|$)/i.test(value.trim());

const answer = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/**
 * A framework-neutral handler for provider callbacks: `(Request) => Promise<Response>`, mountable in
 * node:http, Hono, Next.js route handlers, Bun or Deno. It answers fast (the provider allows 30 s and
 * retries up to 3 times) and never lets a forged, oversized, malformed or replayed delivery change a
 * task: only the first valid terminal delivery for a registered token is applied.
 */
export function createCallbackHandler(options: CallbackHandlerOptions): CallbackHandler {
  const { adapter, registry, logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 10_000;
  const clock = options.clock ?? systemClock;
  const readCallback = adapter.readCallback?.bind(adapter);

  return async (request) => {
    if (request.method !== 'POST') return answer(405, { error: 'method not allowed' }, { allow: 'POST' });
    const query = new URL(request.url).searchParams;
    const key = query.get(callbackTaskParam);
    const token = query.get(callbackTokenParam);
    if (!key) return answer(404, { error: 'unknown task' });
    if (!token) return answer(401, { error: 'missing token' });
    const authenticated = registry.authenticate(key, token);
    // Only a shared registry answers later: a local one is checked in the same tick as before the body is read.
    const auth = authenticated instanceof Promise ? await authenticated : authenticated;
    if (!auth.ok) {
      logger?.warn?.('callback rejected', { key, reason: auth.reason });
      return auth.reason === 'unknown'
        ? answer(404, { error: 'unknown task' })
        : answer(401, { error: 'bad token' });
    }

    // Deliveries are JSON: anything declared otherwise is refused before a byte of it is read.
    const contentType = request.headers.get('content-type');
    if (contentType !== null && !isJsonContentType(contentType)) {
      await request.body?.cancel().catch(() => undefined);
      return answer(415, { error: 'content type must be application/json' }, { accept: 'application/json' });
    }
    const body = await readLimitedBody(request, maxBodyBytes, { ms: bodyTimeoutMs, clock });
    if (!body.ok) {
      return body.reason === 'too_slow'
        ? answer(408, { error: `body not received within ${bodyTimeoutMs} ms` }, { connection: 'close' })
        : answer(413, { error: `body larger than ${maxBodyBytes} bytes` });
    }
    let json: unknown;
    try {
      json = JSON.parse(body.text);
    } catch {
      return answer(400, { error: 'body is not JSON' });
    }
    // Delivered before submit returned: ask the provider to retry later; polling covers it anyway.
    if (!auth.ref) return answer(503, { error: 'task not ready' }, { 'retry-after': '5' });
    if (!readCallback) return answer(501, { error: `${adapter.id} has no callbacks` });

    let snapshot: TaskSnapshot;
    try {
      const now = new Date(clock.now());
      const state = readCallback(json, { ref: auth.ref, now, kind: auth.ref.kind });
      if (state.taskId !== undefined && state.taskId !== auth.ref.taskId) {
        return answer(400, { error: 'task id does not match the registration' });
      }
      snapshot = snapshotOf(auth.ref, state, now, {
        ...(adapter.capabilities.priceList ? { priceList: adapter.capabilities.priceList } : {}),
      });
    } catch (error) {
      logger?.warn?.('callback body rejected', { key, error: (error as Error).message });
      return answer(400, { error: 'unreadable callback body' });
    }
    const outcome = await registry.deliver(key, snapshot);
    if (outcome === 'mismatch') return answer(400, { error: 'task id does not match the registration' });
    if (outcome === 'applied' && options.onSnapshot) {
      // Never make the provider wait on downloads or storage.
      void Promise.resolve()
        .then(() => options.onSnapshot?.(snapshot))
        .catch((error: unknown) =>
          logger?.error?.('callback onSnapshot failed', { key, error: (error as Error)?.message }),
        );
    }
    return answer(200, { ok: true, outcome });
  };
}
