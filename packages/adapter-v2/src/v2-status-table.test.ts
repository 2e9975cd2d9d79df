import { describe, expect, it } from 'vitest';
import { mapV2Status } from './v2-status-table.js';

describe('mapV2Status', () => {
  it.each([
    ['NOT_START', 'queued'],
    ['SUBMITTED', 'queued'],
    ['QUEUED', 'queued'],
    ['IN_PROGRESS', 'running'],
    ['SUCCESS', 'succeeded'],
    ['FAILURE', 'failed'],
    ['UNKNOWN', 'unknown'],
  ] as const)('maps %s to %s', (word, status) => {
    expect(mapV2Status(word)).toBe(status);
  });

  it.each([
    ['in_progress', 'running'],
    ['In-Progress', 'running'],
    [' success ', 'succeeded'],
    ['not start', 'queued'],
  ] as const)('tolerates case and separators: %j is %s', (word, status) => {
    expect(mapV2Status(word)).toBe(status);
  });

  it.each(['', 'CANCELLED', 'PAUSED', 'toString', '__proto__'])('reads %j as unknown', (word) => {
    expect(mapV2Status(word)).toBe('unknown');
  });

  it('reads a missing status as unknown', () => {
    expect(mapV2Status(undefined)).toBe('unknown');
    expect(mapV2Status(null)).toBe('unknown');
  });
});
