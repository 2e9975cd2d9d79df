import type { JournalTaskSummary } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { foreignEntries } from './journal-target.js';

const entry = (adapter: string, baseUrl: string | undefined, withRef = true): JournalTaskSummary => ({
  key: `k-${adapter}-${baseUrl}`,
  state: withRef ? 'submitted' : 'uncertain',
  downloads: [],
  attempts: 1,
  updatedAt: 't',
  intent: {
    type: 'intent',
    key: 'k',
    at: 't',
    fingerprint: 'f',
    adapter,
    ...(baseUrl ? { baseUrl } : {}),
    model: 'wan2.6-t2v',
    kind: 'text-to-video',
    request: { kind: 'text-to-video', model: 'wan2.6-t2v', prompt: 'p' },
  },
  ...(withRef
    ? {
        ref: {
          spec: 'wankit.task/v1',
          adapter,
          taskId: 't1',
          model: 'wan2.6-t2v',
          providerModel: 'wan26_t2v',
          kind: 'text-to-video',
          submittedAt: 't',
          ...(baseUrl ? { baseUrl } : {}),
        },
      }
    : {}),
});

describe('foreignEntries', () => {
  const provider = { adapter: 'native', baseUrl: 'https://cloud.vtrix.ai', local: false };
  const embedded = { adapter: 'native', baseUrl: undefined, local: true };

  it('accepts entries sent where this run sends: the same provider URL, or any local simulator port', () => {
    expect(foreignEntries([entry('native', 'https://cloud.vtrix.ai')], provider)).toEqual([]);
    expect(foreignEntries([entry('native', 'http://127.0.0.1:40001')], embedded)).toEqual([]);
  });

  it('flags paid tasks when this run would fall back to the embedded simulator, and the other way round', () => {
    const paid = foreignEntries([entry('native', 'https://cloud.vtrix.ai', false)], embedded);
    expect(paid.map((f) => f.target)).toEqual(['native at https://cloud.vtrix.ai']);
    const simulated = foreignEntries([entry('native', 'http://127.0.0.1:40001')], provider);
    expect(simulated.map((f) => f.target)).toEqual(['native at a local simulator']);
  });

  it('flags another provider or another base URL', () => {
    expect(foreignEntries([entry('v2', 'https://cloud.vtrix.ai')], provider)).toHaveLength(1);
    expect(foreignEntries([entry('native', 'https://gateway.vtrix.ai')], provider)).toHaveLength(1);
  });
});
