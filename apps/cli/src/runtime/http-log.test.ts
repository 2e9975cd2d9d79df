import { describe, expect, it } from 'vitest';
import { createHttpLogger, verboseOf } from './http-log.js';

describe('the --verbose HTTP log', () => {
  it('renders core events as request, answer and failure lines, clipping long bodies', () => {
    const lines: string[] = [];
    const logger = createHttpLogger((line) => lines.push(line));
    logger.debug?.('http request', {
      method: 'POST',
      url: 'https://api.example.test/v1/tasks',
      headers: { accept: 'application/json', authorization: '[redacted]' },
      body: '{"prompt":"a kitten"}',
    });
    logger.debug?.('http response', {
      method: 'POST',
      url: 'https://api.example.test/v1/tasks',
      status: 200,
      durationMs: 42,
      body: 'x'.repeat(450),
    });
    logger.debug?.('http failure', {
      method: 'GET',
      url: 'https://api.example.test/v1/tasks/t1',
      durationMs: 7,
      kind: 'network',
      message: 'ECONNRESET',
    });
    logger.warn?.('retrying', { attempt: 2, delayMs: 1500, kind: 'rate_limited' });
    expect(lines).toStrictEqual([
      'http → POST https://api.example.test/v1/tasks',
      '  headers: accept: application/json; authorization: [redacted]',
      '  body: {"prompt":"a kitten"}',
      'http ← 200 POST https://api.example.test/v1/tasks (42 ms)',
      `  body: ${'x'.repeat(400)}…(450 chars)`,
      'http ✗ GET https://api.example.test/v1/tasks/t1 (7 ms): [network] ECONNRESET',
      'http retry #2 in 1500 ms after [rate_limited]',
    ]);
  });

  it('is on with --verbose or WANKIT_DEBUG set to anything but empty, 0 or false', () => {
    expect(verboseOf({ options: { verbose: true }, env: {} })).toBe(true);
    expect(verboseOf({ options: {}, env: { WANKIT_DEBUG: '1' } })).toBe(true);
    expect(verboseOf({ options: {}, env: { WANKIT_DEBUG: 'false' } })).toBe(false);
    expect(verboseOf({ options: {}, env: { WANKIT_DEBUG: '0' } })).toBe(false);
    expect(verboseOf({ options: {}, env: {} })).toBe(false);
  });
});
