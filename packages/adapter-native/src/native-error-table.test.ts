import { describe, expect, it } from 'vitest';
import { nativeHttpErrorKind, nativeTaskErrorKind, readNativeError } from './native-error-table.js';

describe('nativeHttpErrorKind', () => {
  it.each([
    [400, '', 'invalid_request'],
    [401, 'invalid api key', 'authentication'],
    [402, '', 'insufficient_balance'],
    [403, 'Insufficient balance', 'insufficient_balance'],
    [403, 'credit exhausted', 'insufficient_balance'],
    [403, 'permission denied', 'authentication'],
    [404, '', 'not_found'],
    [408, '', 'timeout'],
    [504, 'waited 15m0s', 'timeout'],
    [409, '', 'invalid_request'],
    [429, '', 'rate_limited'],
    [500, '', 'provider_error'],
    [502, '', 'provider_error'],
    [503, '', 'provider_error'],
  ] as const)('HTTP %i (%s) → %s', (status, message, kind) => {
    expect(nativeHttpErrorKind(status, message)).toBe(kind);
  });
});

describe('nativeTaskErrorKind', () => {
  it('maps the documented codes first', () => {
    for (const code of ['001026001', '001026002', '001026003'])
      expect(nativeTaskErrorKind(code, 'x')).toBe('invalid_request');
    for (const code of ['001026095', '001026096', '001026097', '001026098', '001026099', '002014001']) {
      expect(nativeTaskErrorKind(code, 'inappropriate')).toBe('provider_error');
    }
  });

  it('reads moderation and download failures from the message, and anything else as provider_error', () => {
    expect(
      nativeTaskErrorKind(undefined, 'DataInspectionFailed: Input data may contain inappropriate content.'),
    ).toBe('content_policy');
    expect(nativeTaskErrorKind('110001', 'sensitive words found')).toBe('content_policy');
    expect(nativeTaskErrorKind(undefined, 'Failed to download the input image')).toBe('invalid_input_url');
    expect(nativeTaskErrorKind('110001', 'vendor rejected')).toBe('provider_error');
  });
});

describe('readNativeError', () => {
  it('reads all three encodings', () => {
    expect(readNativeError({ code: '001026095', message: 'Internal generation error' })).toStrictEqual({
      code: '001026095',
      message: 'Internal generation error',
    });
    expect(readNativeError({ code: 110001, message: 'vendor rejected' })).toStrictEqual({
      code: '110001',
      message: 'vendor rejected',
    });
    expect(readNativeError({ error_message: 'provider rejected request' })).toStrictEqual({
      message: 'provider rejected request',
    });
    expect(readNativeError('DataInspectionFailed')).toStrictEqual({ message: 'DataInspectionFailed' });
  });

  it('skips empty messages and codes', () => {
    expect(readNativeError({ code: '', message: ' ', error_message: 'second' })).toStrictEqual({
      message: 'second',
    });
    expect(readNativeError('')).toStrictEqual({});
    expect(readNativeError(undefined)).toStrictEqual({});
  });
});
