import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../http/create-transport.js';
import { safeCause } from './safe-cause.js';
import { WankitError } from './wankit-error.js';

const canary = 'sk-canary-cause-0123456789abcdef';

/** Every way an error gets printed: inspect, console.error/String, JSON, and the cause chain's toString. */
export function printedFourWays(error: unknown): string[] {
  const chain: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    chain.push(String(current));
    current = (current as { cause?: unknown }).cause;
  }
  return [
    inspect(error, { depth: 20, showHidden: true }),
    String(error),
    JSON.stringify(error) ?? '',
    chain.join(' <- '),
  ];
}

describe('safeCause', () => {
  it('keeps name, message, code and the chain, and drops request objects and their headers', () => {
    const request = new Request('https://api.example.test/v1', {
      headers: { authorization: `Bearer ${canary}` },
    });
    const inner = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
      request,
    });
    const outer = Object.assign(new TypeError('fetch failed', { cause: inner }), {
      options: { headers: request.headers },
    });
    const safe = safeCause(outer) as Error & { cause?: Error & { code?: string; syscall?: string } };
    expect(safe).toBeInstanceOf(Error);
    expect(safe.name).toBe('TypeError');
    expect(safe.message).toBe('fetch failed');
    expect(safe.cause?.code).toBe('ECONNREFUSED');
    expect(safe.cause?.syscall).toBe('connect');
    for (const text of printedFourWays(safe)) expect(text).not.toContain(canary);
  });

  it('keeps the members of an AggregateError', () => {
    const aggregate = new AggregateError(
      [Object.assign(new Error('a'), { code: 'ENETUNREACH' })],
      'all failed',
    );
    const safe = safeCause(aggregate) as AggregateError;
    expect(safe.errors.map((e: { code?: string }) => e.code)).toEqual(['ENETUNREACH']);
  });

  it('survives cycles and non-errors', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    a.cause = a;
    expect(() => inspect(safeCause(a))).not.toThrow();
    expect(safeCause('plain text')).toBe('plain text');
    expect(safeCause(undefined)).toBeUndefined();
  });

  it('is what every WankitError keeps as its cause', () => {
    const cause = Object.assign(new Error('boom'), {
      request: { headers: { authorization: `Bearer ${canary}` } },
    });
    const error = new WankitError({ kind: 'network', message: 'x', cause });
    for (const text of printedFourWays(error)) expect(text).not.toContain(canary);
    for (const text of printedFourWays(error.with({ message: 'y' }))) expect(text).not.toContain(canary);
  });
});

describe('a timeout error from the transport', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    // Accepts and never answers.
    server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('never prints the key, however it is printed', async () => {
    const transport = createHttpTransport({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: canary,
      timeoutMs: 50,
    });
    const error = await transport
      .send({ method: 'POST', path: '/v1/tasks', json: {}, purpose: 'create' })
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    expect(error).toMatchObject({ kind: 'timeout' });
    for (const text of printedFourWays(error)) expect(text).not.toContain(canary);
  });
});
