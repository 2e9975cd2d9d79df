// Issue 12 item 12: a delivery that trickles its body is cut off after a time limit (on the handler's clock),
// and a body that is not JSON by its content type is refused before it is read.
import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../clock/fake-clock.js';
import type { TaskRef } from '../spec/task.js';
import { createFakeAdapter } from '../testing/fake-adapter.js';
import { createCallbackHandler } from './callback-handler.js';
import { createCallbackRegistry } from './callback-registry.js';

const start = Date.UTC(2026, 0, 1);
const ref: TaskRef = {
  spec: 'wankit.task/v1',
  adapter: 'fake',
  taskId: 't1',
  model: 'wan2.5-t2v-preview',
  providerModel: 'wan2_5-t2v-preview',
  kind: 'text-to-video',
  submittedAt: new Date(start).toISOString(),
};
const body = JSON.stringify({
  task_id: 't1',
  status: 'SUCCEEDED',
  video_url: 'https://cdn.fake.test/t1.mp4',
});

function setup(bodyTimeoutMs?: number) {
  const clock = createFakeClock(start, { autoAdvance: true });
  const registry = createCallbackRegistry({ publicBaseUrl: 'https://app.example.test/cb', clock });
  const registration = registry.register({ key: 'job-1' });
  registry.bind(registration.key, ref);
  const handler = createCallbackHandler({
    adapter: createFakeAdapter(),
    registry,
    clock,
    ...(bodyTimeoutMs !== undefined ? { bodyTimeoutMs } : {}),
  });
  return { clock, registry, handler, url: registration.url };
}

/** A body that sends its first byte and then nothing more, as a slow-loris client does. */
function trickle(): { stream: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(body.slice(0, 1)));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
}

const post = (url: string, init: RequestInit & { duplex?: 'half' }) =>
  new Request(url, { method: 'POST', ...init });

describe('callback handler limits', () => {
  it('stops reading a body that trickles past the time limit: 408, stream cancelled, task untouched', async () => {
    const { handler, registry, url, clock } = setup(5_000);
    const { stream, cancelled } = trickle();
    const response = await handler(
      post(url, { body: stream, duplex: 'half', headers: { 'content-type': 'application/json' } }),
    );
    expect(response.status).toBe(408);
    expect(clock.now() - start).toBe(5_000);
    expect(cancelled()).toBe(true);
    expect(registry.authenticate('job-1', new URL(url).searchParams.get('wankit_token') ?? '')).toMatchObject(
      { ok: true },
    );
  });

  it('has a default time limit of 10 s', async () => {
    const { handler, url, clock } = setup();
    const { stream } = trickle();
    const response = await handler(
      post(url, { body: stream, duplex: 'half', headers: { 'content-type': 'application/json' } }),
    );
    expect(response.status).toBe(408);
    expect(clock.now() - start).toBe(10_000);
  });

  it.each([
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'text/html',
    'application/xml',
    'application/octet-stream',
  ])('refuses content type %s with 415 before reading the body', async (contentType) => {
    const { handler, url } = setup();
    const { stream, cancelled } = trickle();
    const response = await handler(
      post(url, { body: stream, duplex: 'half', headers: { 'content-type': contentType } }),
    );
    expect(response.status).toBe(415);
    expect(cancelled()).toBe(true);
  });

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON',
    'application/vnd.api+json',
    // What fetch sends for a string body when the sender set no type (the body must still be JSON).
    'text/plain;charset=UTF-8',
  ])('accepts %s', async (contentType) => {
    const { handler, url } = setup();
    const response = await handler(post(url, { body, headers: { 'content-type': contentType } }));
    expect(response.status).toBe(200);
  });
});
