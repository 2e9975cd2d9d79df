import { describe, expect, it } from 'vitest';
import { nativeStatus } from './native-status-table.js';

describe('nativeStatus', () => {
  it.each([
    ['in_queue', 'queued'],
    ['pending', 'queued'],
    ['queued', 'queued'],
    ['in_progress', 'running'],
    ['processing', 'running'],
    ['done', 'succeeded'],
    ['completed', 'succeeded'],
    ['success', 'succeeded'],
    ['succeeded', 'succeeded'],
    ['failed', 'failed'],
    ['canceled', 'canceled'],
    ['cancelled', 'canceled'],
  ])('reads %s as %s', (word, status) => {
    expect(nativeStatus(word)).toBe(status);
  });

  it('ignores case and surrounding spaces', () => {
    expect(nativeStatus(' In_Progress ')).toBe('running');
    expect(nativeStatus('DONE')).toBe('succeeded');
  });

  it('reads unknown or missing words as unknown', () => {
    expect(nativeStatus('paused')).toBe('unknown');
    expect(nativeStatus('')).toBe('unknown');
    expect(nativeStatus(undefined)).toBe('unknown');
  });
});
