import { describe, expect, it } from 'vitest';
import { redactHeaders, redactSecrets, registerSecret } from './redact.js';
import { WankitError } from './wankit-error.js';

describe('redaction', () => {
  it('scrubs registered secrets wherever they appear, whatever their shape', () => {
    registerSecret('short-key-1');
    expect(redactSecrets('key short-key-1 leaked twice: short-key-1')).toBe(
      'key [redacted] leaked twice: [redacted]',
    );
  });

  it('scrubs bearer tokens it was never told about', () => {
    expect(redactSecrets('Authorization: Bearer sk-0123456789abcdefghij')).toBe(
      'Authorization: Bearer [redacted]',
    );
  });

  it('leaves prose that merely contains the word bearer alone', () => {
    expect(redactSecrets('the flag bearer walks into the storm')).toBe(
      'the flag bearer walks into the storm',
    );
  });

  it('redacts credential headers by name', () => {
    expect(redactHeaders({ Authorization: 'Bearer x', 'Content-Type': 'application/json' })).toEqual({
      Authorization: '[redacted]',
      'Content-Type': 'application/json',
    });
  });

  it('never lets a registered key into an error message or its JSON form', () => {
    registerSecret('sk-live-abcdef123456');
    const error = new WankitError({
      kind: 'authentication',
      message: 'key sk-live-abcdef123456 was refused',
    });
    expect(error.message).toBe('key [redacted] was refused');
    expect(JSON.stringify(error.toJSON())).not.toContain('sk-live-abcdef123456');
  });
});

describe('credentials in URLs', () => {
  it('are scrubbed from any text', () => {
    expect(redactSecrets('GET https://joe:s3cr3t-pw@gw.example.test/v1 failed')).toBe(
      'GET https://[redacted]@gw.example.test/v1 failed',
    );
    expect(redactSecrets('see http://token@127.0.0.1:8080/x')).toBe('see http://[redacted]@127.0.0.1:8080/x');
  });

  it('leave e-mail addresses and plain URLs alone', () => {
    expect(redactSecrets('mail joe@example.com about https://example.com/a@b')).toBe(
      'mail joe@example.com about https://example.com/a@b',
    );
  });
});

describe('callback tokens', () => {
  it('are scrubbed from any text, e.g. a provider error echoing the callback URL', () => {
    expect(
      redactSecrets('bad callback_url https://h.example/cb?wankit_task=k1&wankit_token=abcDEF123_-x'),
    ).toBe('bad callback_url https://h.example/cb?wankit_task=k1&wankit_token=[redacted]');
  });
});
