import type { JournalRecord, TaskSnapshot } from '@wankit/core';
import { summarizeJournal } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import type { BatchLine } from './batch-lines.js';
import { attemptKey, latestAttempt, planLine } from './batch-plan.js';

const line = { line: 4, key: 'request:abc:1' } as unknown as BatchLine;
const at = '2026-11-28T09:00:00.000Z';
const ref = (taskId: string) => ({ adapter: 'native', taskId, model: 'wan2.2-t2v-plus' }) as never;
const intent = (key: string): JournalRecord =>
  ({
    type: 'intent',
    key,
    at,
    fingerprint: 'f',
    adapter: 'native',
    model: 'm',
    kind: 'text-to-video',
    request: {},
  }) as never;
const finished = (key: string, taskId: string, status: 'failed' | 'succeeded'): JournalRecord[] => [
  intent(key),
  { type: 'submitted', key, at, ref: ref(taskId) },
  {
    type: 'snapshot',
    key,
    at,
    snapshot: {
      ref: ref(taskId),
      status,
      outputs: [],
      ...(status === 'failed' ? { error: { kind: 'provider_error', message: 'Generation failed' } } : {}),
    } as unknown as TaskSnapshot,
  },
];
const options = { embedded: false, download: true, resubmitUncertain: false, retryFailed: true };

describe('batch plan with --retry-failed', () => {
  it('re-submits a failed task under the next attempt key', () => {
    const summary = summarizeJournal(finished(line.key, 't1', 'failed'));
    expect(planLine(line, summary, options)).toStrictEqual({
      type: 'submit',
      line,
      key: 'request:abc:1:retry-1',
      reason:
        'its task t1 failed ([provider_error] Generation failed); --retry-failed (retry 1, journal key request:abc:1:retry-1)',
    });
  });

  it('plans from the latest attempt: a succeeded retry is downloaded under its own key', () => {
    const summary = summarizeJournal([
      ...finished(line.key, 't1', 'failed'),
      ...finished(attemptKey(line.key, 1), 't2', 'succeeded'),
    ]);
    expect(latestAttempt(line.key, summary)).toMatchObject({ attempt: 1, key: 'request:abc:1:retry-1' });
    expect(planLine(line, summary, options)).toMatchObject({
      type: 'download',
      key: 'request:abc:1:retry-1',
    });
  });

  it('never re-submits an uncertain retry, and leaves failed tasks alone without the flag', () => {
    const uncertain = summarizeJournal([
      ...finished(line.key, 't1', 'failed'),
      intent(attemptKey(line.key, 1)),
    ]);
    expect(planLine(line, uncertain, options)).toMatchObject({
      type: 'uncertain',
      key: 'request:abc:1:retry-1',
    });
    const failed = summarizeJournal(finished(line.key, 't1', 'failed'));
    expect(planLine(line, failed, { ...options, retryFailed: false })).toMatchObject({
      type: 'done',
      key: line.key,
    });
  });
});
