import { APICallError } from '@ai-sdk/provider';
import { createTaskRef, WankitError } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { toAiError } from './errors.js';

const ref = createTaskRef({
  adapter: 'native',
  taskId: 't-1',
  request: { kind: 'text-to-video', model: 'wan2.6-t2v', prompt: 'x' },
  model: undefined,
  providerModel: 'wan26_t2v',
  now: new Date('2026-11-28T10:00:00Z'),
});
const context = {
  url: 'https://api.example.test',
  purpose: 'create' as const,
  request: { model: 'wan2.6-t2v' },
};

describe('toAiError', () => {
  it('turns an HTTP refusal into an APICallError keeping the WankitError as cause and its JSON as data', () => {
    const cause = new WankitError({
      kind: 'rate_limited',
      message: 'slow down',
      httpStatus: 429,
      requestSent: true,
    });
    const error = toAiError(cause, context) as APICallError;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      message: 'slow down (wankit rate_limited)',
      url: 'https://api.example.test',
      statusCode: 429,
      isRetryable: true,
      requestBodyValues: { model: 'wan2.6-t2v' },
    });
    expect(error.cause).toBe(cause);
    expect(error.data).toEqual(cause.toJSON());
  });

  it('never lets the AI SDK retry a create once a task may exist; reads stay retryable', () => {
    const afterTask = new WankitError({
      kind: 'provider_error',
      message: 'x',
      httpStatus: 503,
      taskRef: ref,
    });
    expect((toAiError(afterTask, context) as APICallError).isRetryable).toBe(false);
    expect((toAiError(afterTask, { ...context, purpose: 'read' }) as APICallError).isRetryable).toBe(true);
    const unknownOutcome = new WankitError({ kind: 'network', message: 'reset', requestSent: 'unknown' });
    expect((toAiError(unknownOutcome, context) as APICallError).isRetryable).toBe(false);
  });

  it('throws input errors, task failures and uncertain creates as the WankitError itself', () => {
    for (const error of [
      new WankitError({ kind: 'invalid_request', message: 'bad', field: 'durationSeconds' }),
      new WankitError({ kind: 'content_policy', message: 'refused', taskRef: ref }),
      new WankitError({ kind: 'submit_uncertain', message: '?', httpStatus: 504 }),
    ]) {
      expect(toAiError(error, context)).toBe(error);
    }
    const plain = new Error('other');
    expect(toAiError(plain, context)).toBe(plain);
  });
});
