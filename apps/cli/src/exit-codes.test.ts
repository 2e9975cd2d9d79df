import { errorKinds } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { ExitCode, exitCodeByKind, exitCodeForError, worstExitCode } from './exit-codes.js';

describe('exit codes', () => {
  it('maps every error kind', () => {
    expect(Object.keys(exitCodeByKind).sort()).toStrictEqual([...errorKinds].sort());
  });

  it('treats local validation and a missing key as usage (nothing was sent)', () => {
    expect(exitCodeForError({ kind: 'invalid_request' })).toBe(2);
    expect(exitCodeForError({ kind: 'unsupported' })).toBe(2);
    expect(exitCodeForError({ kind: 'authentication' })).toBe(2);
  });

  it('treats provider answers as refusals', () => {
    expect(exitCodeForError({ kind: 'invalid_request', httpStatus: 400 })).toBe(3);
    expect(exitCodeForError({ kind: 'authentication', httpStatus: 401 })).toBe(3);
    expect(exitCodeForError({ kind: 'insufficient_balance', httpStatus: 402 })).toBe(3);
    expect(exitCodeForError({ kind: 'rate_limited', httpStatus: 429 })).toBe(3);
  });

  it('maps task failures, timeouts, unknown outcomes and interruption', () => {
    expect(exitCodeForError({ kind: 'content_policy' })).toBe(4);
    expect(exitCodeForError({ kind: 'provider_error', httpStatus: 500 })).toBe(4);
    expect(exitCodeForError({ kind: 'timeout' })).toBe(5);
    expect(exitCodeForError({ kind: 'submit_uncertain' })).toBe(5);
    expect(exitCodeForError({ kind: 'network' })).toBe(5);
    expect(exitCodeForError({ kind: 'aborted' })).toBe(130);
  });

  it('tells a journal that stopped the run before sending from a task the journal could not record', () => {
    expect(exitCodeForError({ kind: 'journal', requestSent: false })).toBe(8);
    expect(exitCodeForError({ kind: 'journal' })).toBe(8);
    expect(exitCodeForError({ kind: 'journal', taskRef: {}, requestSent: true })).toBe(7);
    expect(worstExitCode([5, 7, 6])).toBe(7);
    expect(worstExitCode([6, 3, 4])).toBe(6);
    expect(worstExitCode([6, 5])).toBe(5);
  });

  it('combines outcomes: interruption, then unknown outcomes, then refusals, then failures', () => {
    expect(worstExitCode([])).toBe(ExitCode.ok);
    expect(worstExitCode([0, 0])).toBe(0);
    expect(worstExitCode([0, 4, 3])).toBe(3);
    expect(worstExitCode([4, 5, 3])).toBe(5);
    expect(worstExitCode([5, 130, 0])).toBe(130);
    expect(worstExitCode([0, 4])).toBe(4);
  });
});
