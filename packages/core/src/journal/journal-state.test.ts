import { describe, expect, it } from 'vitest';
import type { TaskRef, TaskSnapshot } from '../spec/task.js';
import type { JournalRecord } from './journal-record.js';
import { summarizeJournal } from './journal-state.js';

const ref = (taskId: string): TaskRef => ({
  spec: 'wankit.task/v1',
  adapter: 'native',
  taskId,
  model: 'wan2.6-t2v',
  providerModel: 'wan26_t2v',
  kind: 'text-to-video',
  submittedAt: 't1',
});
const snapshot = (taskId: string, status: 'succeeded' | 'failed'): TaskSnapshot => ({
  ref: ref(taskId),
  status,
  outputs: status === 'succeeded' ? [{ kind: 'video', url: `https://cdn.example.com/${taskId}.mp4` }] : [],
  timings: { observedAt: 't3' },
});
const intent = (key: string, at = 't0'): JournalRecord => ({
  type: 'intent',
  key,
  at,
  fingerprint: `fp-${key}`,
  adapter: 'native',
  model: 'wan2.6-t2v',
  kind: 'text-to-video',
  request: { kind: 'text-to-video', model: 'wan2.6-t2v', prompt: key },
});

describe('summarizeJournal', () => {
  const records: JournalRecord[] = [
    intent('intended'),
    intent('submitted'),
    { type: 'submitted', key: 'submitted', at: 't1', ref: ref('t-sub') },
    intent('refused'),
    { type: 'refused', key: 'refused', at: 't1', error: { kind: 'insufficient_balance' } },
    intent('uncertain'),
    {
      type: 'uncertain',
      key: 'uncertain',
      at: 't1',
      error: { kind: 'submit_uncertain', fingerprint: 'fp-uncertain' },
    },
    intent('finished'),
    { type: 'submitted', key: 'finished', at: 't1', ref: ref('t-fin') },
    { type: 'snapshot', key: 'finished', at: 't3', snapshot: snapshot('t-fin', 'failed') },
    intent('downloaded'),
    { type: 'submitted', key: 'downloaded', at: 't1', ref: ref('t-dl') },
    { type: 'snapshot', key: 'downloaded', at: 't3', snapshot: snapshot('t-dl', 'succeeded') },
    {
      type: 'downloaded',
      key: 'downloaded',
      at: 't4',
      taskId: 't-dl',
      path: '/o/t-dl-0.mp4',
      bytes: 10,
      sha256: 'ab',
      url: 'https://cdn.example.com/t-dl.mp4',
    },
  ];

  it('gives each key its state', () => {
    const summary = summarizeJournal(records);
    expect([...summary.values()].map((s) => [s.key, s.state])).toEqual([
      ['intended', 'intended'],
      ['submitted', 'submitted'],
      ['refused', 'refused'],
      ['uncertain', 'uncertain'],
      ['finished', 'finished'],
      ['downloaded', 'downloaded'],
    ]);
  });

  it('counts a task as downloaded only when every output of its final snapshot is on disk', () => {
    const images: TaskSnapshot = {
      ...snapshot('t-img', 'succeeded'),
      outputs: [
        { kind: 'image', url: 'https://cdn.example.com/1.png' },
        { kind: 'image', url: 'https://cdn.example.com/2.png' },
      ],
    };
    const saved = (url: string): JournalRecord => ({
      type: 'downloaded',
      key: 'img',
      at: 't5',
      taskId: 't-img',
      path: `/o/${url.slice(-5)}`,
      bytes: 1,
      sha256: 'cd',
      url,
    });
    const partial = [
      intent('img'),
      { type: 'snapshot', key: 'img', at: 't3', snapshot: images } as JournalRecord,
    ];
    expect(summarizeJournal([...partial, saved('https://cdn.example.com/1.png')]).get('img')?.state).toBe(
      'finished',
    );
    expect(
      summarizeJournal([
        ...partial,
        saved('https://cdn.example.com/1.png'),
        saved('https://cdn.example.com/2.png'),
      ]).get('img')?.state,
    ).toBe('downloaded');
  });

  it('keeps what resume needs', () => {
    const summary = summarizeJournal(records);
    expect(summary.get('submitted')?.ref).toEqual(ref('t-sub'));
    expect(summary.get('uncertain')).toEqual({
      key: 'uncertain',
      state: 'uncertain',
      intent: intent('uncertain'),
      downloads: [],
      error: { kind: 'submit_uncertain', fingerprint: 'fp-uncertain' },
      attempts: 1,
      updatedAt: 't1',
    });
    expect(summary.get('finished')?.terminal?.status).toBe('failed');
    expect(summary.get('downloaded')).toEqual({
      key: 'downloaded',
      state: 'downloaded',
      intent: intent('downloaded'),
      ref: ref('t-dl'),
      terminal: snapshot('t-dl', 'succeeded'),
      downloads: [
        {
          taskId: 't-dl',
          path: '/o/t-dl-0.mp4',
          bytes: 10,
          sha256: 'ab',
          url: 'https://cdn.example.com/t-dl.mp4',
          at: 't4',
        },
      ],
      attempts: 1,
      updatedAt: 't4',
    });
  });

  it('starts a new attempt on a new intent for the same key', () => {
    const summary = summarizeJournal([
      intent('k'),
      { type: 'refused', key: 'k', at: 't1', error: { kind: 'rate_limited' } },
      intent('k', 't2'),
      { type: 'submitted', key: 'k', at: 't3', ref: ref('t-2') },
    ]);
    expect(summary.get('k')).toEqual({
      key: 'k',
      state: 'submitted',
      intent: intent('k', 't2'),
      ref: ref('t-2'),
      downloads: [],
      attempts: 2,
      updatedAt: 't3',
    });
  });

  it('re-attaching after an uncertain outcome clears the error', () => {
    const summary = summarizeJournal([
      intent('k'),
      { type: 'uncertain', key: 'k', at: 't1', error: { kind: 'submit_uncertain' } },
      { type: 'submitted', key: 'k', at: 't2', ref: ref('found') },
    ]);
    expect(summary.get('k')?.state).toBe('submitted');
    expect(summary.get('k')).not.toHaveProperty('error');
  });

  it('counts every download of a multi-output task', () => {
    const summary = summarizeJournal([
      ...records.slice(10),
      {
        type: 'downloaded',
        key: 'downloaded',
        at: 't5',
        taskId: 't-dl',
        path: '/o/t-dl-1.mp4',
        bytes: 11,
        sha256: 'cd',
        url: 'u2',
      },
    ]);
    expect(summary.get('downloaded')?.downloads.map((d) => d.path)).toEqual([
      '/o/t-dl-0.mp4',
      '/o/t-dl-1.mp4',
    ]);
  });

  it('is empty for no records', () => {
    expect(summarizeJournal([]).size).toBe(0);
  });
});
