import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../clock/fake-clock.js';
import { WankitError, type WankitErrorOptions } from '../errors/wankit-error.js';
import { resolveRetryOptions, retryDelay, runWithRetries } from './retry-policy.js';

const options = resolveRetryOptions({ random: () => 0.5 });
const err = (o: Partial<WankitErrorOptions> & Pick<WankitErrorOptions, 'kind'>) =>
  new WankitError({ message: o.kind, ...o });

/** An operation that fails with the given errors in turn, then succeeds; records the clock at each call. */
function scripted(clock: { now(): number }, failures: WankitError[]) {
  const calls: number[] = [];
  const operation = async () => {
    calls.push(clock.now());
    const failure = failures[calls.length - 1];
    if (failure) throw failure;
    return 'ok';
  };
  return { operation, calls };
}

async function settle<T>(promise: Promise<T>, clock: ReturnType<typeof createFakeClock>) {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error: error as WankitError }),
  );
  await clock.runUntilIdle();
  return outcome;
}

describe('retryDelay', () => {
  it('backs off exponentially with full jitter up to the cap', () => {
    const max = resolveRetryOptions({ random: () => 0.999999 });
    const delays = [0, 1, 2, 3, 6, 10].map((attempt) => retryDelay(err({ kind: 'network' }), attempt, max));
    expect(delays).toEqual([499, 999, 1999, 3999, 29999, 29999]);
    expect(retryDelay(err({ kind: 'network' }), 3, resolveRetryOptions({ random: () => 0 }))).toBe(0);
  });

  it('uses the server-advised wait, and gives up when it exceeds the cap', () => {
    expect(retryDelay(err({ kind: 'rate_limited', retryAfterMs: 12_000 }), 0, options)).toBe(12_000);
    expect(retryDelay(err({ kind: 'rate_limited', retryAfterMs: 61_000 }), 0, options)).toBeUndefined();
  });
});

describe('runWithRetries for reads', () => {
  it.each([
    ['408', err({ kind: 'timeout', httpStatus: 408 })],
    ['429', err({ kind: 'rate_limited', httpStatus: 429 })],
    ['503', err({ kind: 'provider_error', httpStatus: 503 })],
    ['500', err({ kind: 'provider_error', httpStatus: 500 })],
    ['network', err({ kind: 'network', requestSent: 'unknown' })],
  ])('retries %s with backoff on the clock', async (_, failure) => {
    const clock = createFakeClock(0);
    const { operation, calls } = scripted(clock, [failure, failure]);
    const result = await settle(runWithRetries(operation, { purpose: 'read', clock, options }), clock);
    expect(result).toEqual({ value: 'ok' });
    // random 0.5: 250 ms, then 500 ms.
    expect(calls).toEqual([0, 250, 750]);
  });

  it('honours Retry-After', async () => {
    const clock = createFakeClock(0);
    const { operation, calls } = scripted(clock, [err({ kind: 'rate_limited', retryAfterMs: 7_000 })]);
    await settle(runWithRetries(operation, { purpose: 'read', clock, options }), clock);
    expect(calls).toEqual([0, 7_000]);
  });

  it('does not retry what is not retryable', async () => {
    const clock = createFakeClock(0);
    const { operation, calls } = scripted(clock, [err({ kind: 'not_found', httpStatus: 404 })]);
    const result = await settle(runWithRetries(operation, { purpose: 'read', clock, options }), clock);
    expect(result).toMatchObject({ error: { kind: 'not_found' } });
    expect(calls).toEqual([0]);
  });

  it('stops after the configured retries and throws the last error', async () => {
    const clock = createFakeClock(0);
    const failure = err({ kind: 'provider_error', httpStatus: 503 });
    const { operation, calls } = scripted(clock, Array(10).fill(failure));
    const result = await settle(
      runWithRetries(operation, {
        purpose: 'read',
        clock,
        options: resolveRetryOptions({ retries: 2, random: () => 0 }),
      }),
      clock,
    );
    expect(result).toEqual({ error: failure });
    expect(calls).toHaveLength(3);
  });

  it('starts no retry that would end past the deadline', async () => {
    const clock = createFakeClock(0);
    const failure = err({ kind: 'rate_limited', retryAfterMs: 5_000 });
    const { operation, calls } = scripted(clock, [failure]);
    const result = await settle(
      runWithRetries(operation, { purpose: 'read', clock, options, deadlineAt: 4_000 }),
      clock,
    );
    expect(result).toEqual({ error: failure });
    expect(calls).toEqual([0]);
  });

  it('rejects with aborted when aborted during a backoff', async () => {
    const clock = createFakeClock(0);
    const controller = new AbortController();
    const { operation, calls } = scripted(clock, [err({ kind: 'network' })]);
    const pending = runWithRetries(operation, { purpose: 'read', clock, options, signal: controller.signal });
    await clock.flush();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
    expect(calls).toEqual([0]);
  });
});

describe('runWithRetries for creates', () => {
  const fingerprint = 'sha256:abc';

  it('retries a 429 (provably not accepted), honouring Retry-After', async () => {
    const clock = createFakeClock(0);
    const { operation, calls } = scripted(clock, [
      err({ kind: 'rate_limited', httpStatus: 429, retryAfterMs: 2_000 }),
    ]);
    const result = await settle(
      runWithRetries(operation, { purpose: 'create', clock, options, fingerprint }),
      clock,
    );
    expect(result).toEqual({ value: 'ok' });
    expect(calls).toEqual([0, 2_000]);
  });

  it('retries a connection that was never made', async () => {
    const clock = createFakeClock(0);
    const { operation, calls } = scripted(clock, [err({ kind: 'network', requestSent: false })]);
    expect(
      await settle(runWithRetries(operation, { purpose: 'create', clock, options, fingerprint }), clock),
    ).toEqual({
      value: 'ok',
    });
    expect(calls).toHaveLength(2);
  });

  it.each([
    ['a timeout', err({ kind: 'timeout', requestSent: 'unknown' })],
    ['a reset after sending', err({ kind: 'network', requestSent: 'unknown' })],
    ['a closed socket after the headers', err({ kind: 'network', requestSent: true, httpStatus: 200 })],
    ['a 502', err({ kind: 'provider_error', httpStatus: 502 })],
    ['a 504', err({ kind: 'provider_error', httpStatus: 504 })],
    ['a 500 (the task may exist already)', err({ kind: 'provider_error', httpStatus: 500 })],
    ['an unreadable 500 page', err({ kind: 'invalid_response', httpStatus: 500 })],
    ['an unreadable 200', err({ kind: 'invalid_response', httpStatus: 200 })],
  ])('never re-sends after %s: submit_uncertain with the fingerprint', async (_, failure) => {
    const clock = createFakeClock(0);
    const { operation, calls } = scripted(clock, [failure]);
    const result = await settle(
      runWithRetries(operation, { purpose: 'create', clock, options, fingerprint }),
      clock,
    );
    expect(calls).toEqual([0]);
    expect(result).toMatchObject({ error: { kind: 'submit_uncertain', fingerprint, retryable: false } });
    expect((result as { error: WankitError }).error.cause).toBe(failure);
  });

  it.each([
    ['400', err({ kind: 'invalid_request', httpStatus: 400 })],
    ['401', err({ kind: 'authentication', httpStatus: 401 })],
    ['402', err({ kind: 'insufficient_balance', httpStatus: 402 })],
    ['503', err({ kind: 'provider_error', httpStatus: 503 })],
    ['an unreadable 503 page', err({ kind: 'invalid_response', httpStatus: 503 })],
  ])('rethrows a definite refusal (%s) without retrying', async (_, failure) => {
    const clock = createFakeClock(0);
    const { operation, calls } = scripted(clock, [failure]);
    const result = await settle(
      runWithRetries(operation, { purpose: 'create', clock, options, fingerprint }),
      clock,
    );
    expect(result).toEqual({ error: failure });
    expect(calls).toEqual([0]);
  });

  it('keeps the fingerprint on an abort', async () => {
    const clock = createFakeClock(0);
    const { operation } = scripted(clock, [err({ kind: 'aborted', requestSent: 'unknown' })]);
    const result = await settle(
      runWithRetries(operation, { purpose: 'create', clock, options, fingerprint }),
      clock,
    );
    expect(result).toMatchObject({ error: { kind: 'aborted', fingerprint, requestSent: 'unknown' } });
  });
});
