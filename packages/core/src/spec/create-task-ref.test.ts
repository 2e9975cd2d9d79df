import { describe, expect, it } from 'vitest';
import { getModel } from '../catalog/catalog.js';
import { createTaskRef, videoDurationOf } from './create-task-ref.js';

const now = new Date('2026-11-21T10:00:00.000Z');

describe('createTaskRef', () => {
  it('records the tier and duration that schedule polls, from the request or the model defaults', () => {
    const model = getModel('wan2.6-t2v');
    const ref = createTaskRef({
      adapter: 'native',
      taskId: 't-1',
      request: { kind: 'text-to-video', model: 'wan2.6-t2v', prompt: 'a kitten', size: '1280*720' },
      model,
      providerModel: 'wan26_t2v',
      now,
      meta: { mode: 'text-to-video' },
    });
    expect(ref).toEqual({
      spec: 'wankit.task/v1',
      adapter: 'native',
      taskId: 't-1',
      model: 'wan2.6-t2v',
      providerModel: 'wan26_t2v',
      kind: 'text-to-video',
      submittedAt: '2026-11-21T10:00:00.000Z',
      resolution: '720p',
      durationSeconds: 5,
      meta: { mode: 'text-to-video' },
    });
    expect(JSON.parse(JSON.stringify(ref))).toEqual(ref);
  });

  it('leaves out what it cannot know (unknown model, images have no duration)', () => {
    const ref = createTaskRef({
      adapter: 'v2',
      taskId: 't-2',
      request: { kind: 'text-to-video', model: 'wan9-t2v', prompt: 'a kitten' },
      model: undefined,
      providerModel: 'wan9-t2v',
      now,
    });
    expect(ref.resolution).toBeUndefined();
    expect(ref.durationSeconds).toBeUndefined();
    const image = { kind: 'text-to-image', model: 'wan2.5-t2i-preview', prompt: 'an apple' } as const;
    expect(videoDurationOf(image, getModel('wan2.5-t2i-preview'))).toBeUndefined();
  });

  it('prefers the asked duration over the model default, and a fixed duration when the model has one', () => {
    const request = { kind: 'text-to-video', model: 'wan2.6-t2v', prompt: 'x', durationSeconds: 12 } as const;
    expect(videoDurationOf(request, getModel('wan2.6-t2v'))).toBe(12);
    const fixed = { kind: 'text-to-video', model: 'wan2.2-t2v-plus', prompt: 'x' } as const;
    expect(videoDurationOf(fixed, getModel('wan2.2-t2v-plus'))).toBe(5);
  });
});
