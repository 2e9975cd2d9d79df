import { registerSecret, type WireResponse } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { classifyUpstreamText, errorFromResponse, failureFromReason } from './v2-error-table.js';

const now = new Date('2026-01-01T00:00:00.000Z');

function response(status: number, body: unknown, headers: Record<string, string> = {}): WireResponse {
  return {
    status,
    headers: new Headers(headers),
    text: typeof body === 'string' ? body : JSON.stringify(body),
    url: 'https://gateway.test/v2/videos/generations',
  };
}

describe('failureFromReason', () => {
  it.each([
    [
      'DataInspectionFailed: Input data may contain inappropriate content.',
      { kind: 'content_policy', code: 'DataInspectionFailed' },
    ],
    [
      'InvalidParameter.DataInspection: the image failed review',
      { kind: 'content_policy', code: 'InvalidParameter.DataInspection' },
    ],
    [
      'IPInfringementSuspect: suspected infringement',
      { kind: 'content_policy', code: 'IPInfringementSuspect' },
    ],
    [
      'InvalidParameter: size must be one of the listed values',
      { kind: 'invalid_request', code: 'InvalidParameter' },
    ],
    ['InvalidURL: the image url is invalid', { kind: 'invalid_input_url', code: 'InvalidURL' }],
    [
      'BadRequest.InputDownloadFailed: Reference image download failed, please check image url.',
      { kind: 'invalid_input_url', code: 'BadRequest.InputDownloadFailed' },
    ],
    ['Download the media resource timed out', { kind: 'invalid_input_url' }],
    ['InternalError.Timeout: the task ran too long', { kind: 'timeout', code: 'InternalError.Timeout' }],
    ['upstream timeout', { kind: 'timeout' }],
    ['Arrearage: account overdue', { kind: 'insufficient_balance', code: 'Arrearage' }],
    [
      'CommodityNotPurchased: model not activated',
      { kind: 'insufficient_balance', code: 'CommodityNotPurchased' },
    ],
    ['ModelNotFound: no such model', { kind: 'not_found', code: 'ModelNotFound' }],
    ['Throttling.RateQuota: too many requests', { kind: 'rate_limited', code: 'Throttling.RateQuota' }],
    ['the prompt contains sensitive words', { kind: 'content_policy' }],
    ['InternalError.Algo: algorithm error', { kind: 'provider_error', code: 'InternalError.Algo' }],
    ['something went wrong', { kind: 'provider_error' }],
  ] as const)('%j → %j', (reason, expected) => {
    expect(failureFromReason(reason)).toStrictEqual({ ...expected, message: reason });
  });

  it('says so when the reason is empty', () => {
    expect(failureFromReason('')).toStrictEqual({
      kind: 'provider_error',
      message: 'the task failed without a fail_reason',
    });
    expect(failureFromReason(undefined).kind).toBe('provider_error');
  });

  it('finds a code that does not lead the text', () => {
    expect(classifyUpstreamText('task failed (DataInspectionFailed)')).toStrictEqual({
      kind: 'content_policy',
      code: 'DataInspectionFailed',
    });
    expect(classifyUpstreamText('all fine')).toBeUndefined();
  });
});

describe('errorFromResponse', () => {
  const create = { operation: 'create', now } as const;
  const status = { operation: 'status', now } as const;

  it('401 with the OpenAI-style body is authentication', () => {
    const error = errorFromResponse(
      response(401, { error: { message: 'invalid token', type: 'new_api_error', code: '' } }),
      create,
    );
    expect(error.toJSON()).toStrictEqual({
      name: 'WankitError',
      kind: 'authentication',
      message: 'v2 create failed: HTTP 401: invalid token',
      retryable: false,
      httpStatus: 401,
    });
  });

  it('403 quota_not_enough is insufficient_balance', () => {
    const error = errorFromResponse(
      response(403, { code: 'quota_not_enough', message: 'user quota is not enough', data: null }),
      create,
    );
    expect([error.kind, error.retryable, error.httpStatus, error.providerCode, error.message]).toStrictEqual([
      'insufficient_balance',
      false,
      403,
      'quota_not_enough',
      'v2 create failed: HTTP 403 quota_not_enough: user quota is not enough',
    ]);
  });

  it('403 naming quota without the code is insufficient_balance; other 403s are authentication', () => {
    expect(errorFromResponse(response(403, { code: '', message: 'Quota exceeded' }), create).kind).toBe(
      'insufficient_balance',
    );
    expect(
      errorFromResponse(response(403, { code: 'access_denied', message: 'token disabled' }), create).kind,
    ).toBe('authentication');
    expect(errorFromResponse(response(402, ''), create).kind).toBe('insufficient_balance');
  });

  it('400 task_not_exist on a status read is not_found', () => {
    const error = errorFromResponse(
      response(400, { code: 'task_not_exist', message: 'task_not_exist', data: null }),
      status,
    );
    expect([error.kind, error.retryable, error.providerCode]).toStrictEqual([
      'not_found',
      false,
      'task_not_exist',
    ]);
  });

  it('400 is invalid_request unless the relayed upstream text names a sharper cause', () => {
    expect(
      errorFromResponse(response(400, { code: 'invalid_request', message: 'prompt is required' }), create)
        .kind,
    ).toBe('invalid_request');
    const moderated = errorFromResponse(
      response(400, {
        code: 'invalid_request',
        message: 'DataInspectionFailed: Input data may contain inappropriate content.',
      }),
      create,
    );
    expect([moderated.kind, moderated.providerCode]).toStrictEqual(['content_policy', 'invalid_request']);
    expect(
      errorFromResponse(response(400, { code: 'x', message: 'InvalidURL: bad image' }), create).kind,
    ).toBe('invalid_input_url');
  });

  it('maps the remaining statuses', () => {
    expect(errorFromResponse(response(404, ''), status).kind).toBe('not_found');
    expect(errorFromResponse(response(408, ''), status)).toMatchObject({ kind: 'timeout', retryable: true });
    expect(errorFromResponse(response(500, { code: 'get_task_failed', message: 'x' }), status)).toMatchObject(
      {
        kind: 'provider_error',
        retryable: true,
        providerCode: 'get_task_failed',
      },
    );
    expect(errorFromResponse(response(503, ''), status)).toMatchObject({
      kind: 'provider_error',
      retryable: true,
    });
  });

  it('429 carries Retry-After as milliseconds (seconds or an HTTP date)', () => {
    expect(errorFromResponse(response(429, '', { 'Retry-After': '7' }), create)).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      retryAfterMs: 7000,
    });
    const dated = errorFromResponse(
      response(429, '', { 'Retry-After': 'Thu, 01 Jan 2026 00:00:30 GMT' }),
      create,
    );
    expect(dated.retryAfterMs).toBe(30_000);
    expect(errorFromResponse(response(429, ''), create).retryAfterMs).toBeUndefined();
  });

  it('summarises an HTML page and keeps the gateway request id', () => {
    const error = errorFromResponse(
      response(
        502,
        '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
        {
          'X-Oneapi-Request-Id': 'req-42',
        },
      ),
      status,
    );
    expect(error.toJSON()).toStrictEqual({
      name: 'WankitError',
      kind: 'provider_error',
      message: 'v2 status failed: HTTP 502: 502 Bad Gateway 502 Bad Gateway',
      retryable: true,
      httpStatus: 502,
      requestId: 'req-42',
    });
  });

  it('never repeats an API key the gateway echoes', () => {
    registerSecret('sk-v2-unit-secret');
    const error = errorFromResponse(
      response(401, { error: { message: 'invalid token sk-v2-unit-secret', type: 'new_api_error' } }),
      create,
    );
    expect(error.message).toBe('v2 create failed: HTTP 401: invalid token [redacted]');
  });
});
