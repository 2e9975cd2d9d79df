import { describe, expect, it } from 'vitest';
import { generateTaskStatusTable, toNeutralStatus } from './generate-task-status-table.js';

describe('toNeutralStatus', () => {
  it.each([
    ['pending', 'queued'],
    ['processing', 'running'],
    ['success', 'succeeded'],
    ['failed', 'failed'],
    ['PENDING', 'queued'],
    [' Processing ', 'running'],
    ['SUCCESS', 'succeeded'],
    ['Failed', 'failed'],
  ] as const)('%j → %s', (word, status) => {
    expect(toNeutralStatus(word)).toBe(status);
  });

  it.each(['canceled', 'queued', 'done', '', 'toString', '__proto__'])('%j → unknown', (word) => {
    expect(toNeutralStatus(word)).toBe('unknown');
  });

  it('covers exactly the four documented words', () => {
    expect(Object.keys(generateTaskStatusTable).sort()).toStrictEqual([
      'failed',
      'pending',
      'processing',
      'success',
    ]);
  });
});
