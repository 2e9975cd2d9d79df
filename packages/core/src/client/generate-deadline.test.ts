import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../clock/fake-clock.js';
import { WankitError } from '../errors/wankit-error.js';
import { createMemoryJournal } from '../journal/memory-journal.js';
import type { TextToVideoRequest } from '../spec/request.js';
import { createFakeAdapter } from '../testing/fake-adapter.js';
import { createClient } from './create-client.js';

const start = Date.UTC(2026, 0, 1);
const request: TextToVideoRequest = {
  kind: 'text-to-video',
  model: 'wan2.5-t2v-preview',
  prompt: 'a kitten running in the moonlight',
  resolution: '720p',
};

/**
 * A provider that answers the create at once (or never) and never answers a status read: a request it does
 * not answer stays in flight until its signal aborts it. Records every request and whether it was aborted.
 */
function stallingFetch(options: { answerCreate: boolean }) {
  const seen: { method: string; url: string; aborted: boolean }[] = [];
  const fetchImpl = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init);
    const entry = { method: req.method, url: req.url, aborted: false };
    seen.push(entry);
    if (req.method === 'POST' && options.answerCreate) {
      return new Response(JSON.stringify({ task_id: 't1' }), {
        headers: { 'content-type': 'application/json' },
      });
    }
    const signal = init?.signal ?? req.signal;
    return new Promise<Response>((_, reject) => {
      signal?.addEventListener('abort', () => {
        entry.aborted = true;
        reject(new DOMException('This operation was aborted', 'AbortError'));
      });
    });
  }) as typeof fetch;
  return { fetchImpl, seen };
}

function setup(answerCreate: boolean) {
  const clock = createFakeClock(start, { autoAdvance: true });
  const journal = createMemoryJournal();
  const { fetchImpl, seen } = stallingFetch({ answerCreate });
  const client = createClient({
    adapter: createFakeAdapter(),
    apiKey: 'sk-deadline-test-0123456789',
    clock,
    journal,
    fetch: fetchImpl,
  });
  return { client, clock, journal, seen };
}

async function caught(promise: Promise<unknown>): Promise<WankitError> {
  try {
    await promise;
  } catch (error) {
    if (WankitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('generate deadline with a request in flight', () => {
  it('aborts a create still in flight at the deadline and judges it: uncertain, journaled, never silent', async () => {
    const { client, clock, journal, seen } = setup(false);
    const error = await caught(client.generate(request, { key: 'k1', deadlineMs: 3_000 }));
    expect(clock.now() - start).toBe(3_000);
    expect(seen).toEqual([expect.objectContaining({ method: 'POST', aborted: true })]);
    expect(error).toMatchObject({ kind: 'submit_uncertain', requestSent: 'unknown' });
    expect(error.fingerprint).toMatch(/^sha256:/);
    expect(error.message).toContain('3000 ms deadline');
    expect(journal.records.map((r) => r.type)).toEqual(['intent', 'uncertain']);
  });

  it('aborts a status read in flight at the deadline: a timeout carrying the ref', async () => {
    const { client, clock, seen } = setup(true);
    const error = await caught(client.generate(request, { deadlineMs: 60_000 }));
    expect(clock.now() - start).toBe(60_000);
    expect(error).toMatchObject({ kind: 'timeout', taskRef: { taskId: 't1' } });
    expect(error.message).toContain('deadline');
    expect(seen.at(-1)).toMatchObject({ method: 'GET', aborted: true });
  });

  it('wait with a deadline aborts a status read in flight too', async () => {
    const { client, clock, seen } = setup(true);
    const { ref } = await client.submit(request);
    const startedAt = clock.now();
    const error = await caught(client.wait(ref, { deadlineMs: 70_000 }));
    expect(clock.now() - startedAt).toBe(70_000);
    expect(error).toMatchObject({ kind: 'timeout', taskRef: ref });
    expect(seen.at(-1)).toMatchObject({ method: 'GET', aborted: true });
  });
});
