import { describe, expect, it } from 'vitest';
import type { WireResponse } from '../http/transport.js';
import { invalidResponse, readJson } from './read-json.js';

const response = (text: string, status = 200, headers: Record<string, string> = {}): WireResponse => ({
  status,
  text,
  headers: new Headers(headers),
  url: 'https://api.example.test/v1/tasks/t1',
});

describe('readJson', () => {
  it('parses JSON', () => {
    expect(readJson(response('{"a":1}'))).toEqual({ ok: true, value: { a: 1 } });
  });

  it('says why a body is not JSON, without throwing', () => {
    expect(readJson(response(''))).toEqual({ ok: false, reason: 'the response body is empty' });
    expect(readJson(response('<html>502</html>', 502, { 'content-type': 'text/html' }))).toEqual({
      ok: false,
      reason: 'the response body is HTML or XML, not JSON (text/html)',
    });
    const malformed = readJson(response('{"a":'));
    expect(malformed.ok).toBe(false);
    expect(malformed.ok ? '' : malformed.reason).toMatch(/^the response body is not valid JSON/);
  });
});

describe('invalidResponse', () => {
  it('builds an invalid_response error naming status, URL and request id', () => {
    const error = invalidResponse(response('{}', 200, { 'x-request-id': 'req-9' }), 'no task id');
    expect(error).toMatchObject({
      kind: 'invalid_response',
      httpStatus: 200,
      requestId: 'req-9',
      retryable: false,
      message: 'Unexpected response from https://api.example.test/v1/tasks/t1 (HTTP 200): no task id',
    });
  });
});
