import { describe, expect, it } from 'vitest';
import { snapshotOf } from '../adapter/task-state.js';
import { billableOf, estimateCost, priceLists } from './prices.js';

describe('price lists', () => {
  it('estimate video by tier and seconds, silent flash video cheaper, images per image', () => {
    expect(estimateCost('dashscope-intl', { model: 'wan2.6-t2v', resolution: '1080p', seconds: 10 })).toEqual(
      {
        amount: 1.5,
        currency: 'USD',
        estimated: true,
        priceList: 'dashscope-intl',
      },
    );
    expect(
      estimateCost('dashscope-cn', {
        model: 'wan2.6-i2v-flash',
        resolution: '720p',
        seconds: 5,
        audio: false,
      })?.amount,
    ).toBe(0.75);
    expect(estimateCost('dashscope-intl', { model: 'wan2.5-t2i-preview', images: 3 })?.amount).toBe(0.09);
    expect(
      estimateCost('apixo', { model: 'wan2.5-t2v-preview', resolution: '720p', seconds: 5 })?.amount,
    ).toBe(0.4);
  });

  it('reads aliases and says nothing it does not know', () => {
    expect(
      estimateCost('dashscope-intl', { model: 'wan2.1-t2v-turbo', resolution: '480p', seconds: 5 })?.amount,
    ).toBe(0.18);
    expect(
      estimateCost('dashscope-intl', { model: 'wan2.6-t2v', resolution: '480p', seconds: 5 }),
    ).toBeUndefined();
    expect(estimateCost('nowhere', { model: 'wan2.6-t2v', resolution: '720p', seconds: 5 })).toBeUndefined();
    expect(estimateCost(undefined, { model: 'wan2.6-t2v', resolution: '720p', seconds: 5 })).toBeUndefined();
  });

  it('every priced model is in the catalog, and every list names its source', () => {
    for (const list of Object.values(priceLists)) {
      expect(list.source.length).toBeGreaterThan(10);
      for (const model of Object.keys(list.models))
        expect(billableOf({ kind: 'text-to-image', model, prompt: 'x' }).model).toBe(model);
    }
  });

  it('completes a request with the model defaults', () => {
    expect(billableOf({ kind: 'text-to-video', model: 'wan2.6-t2v', prompt: 'x' })).toEqual({
      model: 'wan2.6-t2v',
      resolution: '1080p',
      seconds: 5,
    });
    expect(billableOf({ kind: 'text-to-image', model: 'wan2.5-t2i-preview', prompt: 'x', count: 2 })).toEqual(
      {
        model: 'wan2.5-t2i-preview',
        images: 2,
      },
    );
  });

  it('a finished task without a reported cost gets an estimate, marked as such', () => {
    const ref = {
      spec: 'wankit.task/v1',
      adapter: 'x',
      taskId: 't',
      model: 'wan2.6-t2v',
      providerModel: 'wan2.6-t2v',
      kind: 'text-to-video',
      submittedAt: '2026-01-01T00:00:00.000Z',
      resolution: '720p',
      durationSeconds: 5,
    } as const;
    const now = new Date('2026-01-01T00:01:00.000Z');
    const state = {
      status: 'succeeded',
      outputs: [{ kind: 'video', url: 'https://cdn.test/v.mp4' }],
    } as const;
    expect(snapshotOf(ref, state, now, { priceList: 'dashscope-intl' }).usage).toEqual({
      cost: 0.5,
      currency: 'USD',
      estimated: true,
    });
    expect(
      snapshotOf(ref, { ...state, usage: { videoSeconds: 10 } }, now, { priceList: 'dashscope-intl' }).usage,
    ).toEqual({ videoSeconds: 10, cost: 1, currency: 'USD', estimated: true });
    expect(
      snapshotOf(ref, { ...state, usage: { cost: 0.42, currency: 'USD' } }, now, {
        priceList: 'dashscope-intl',
      }).usage,
    ).toEqual({ cost: 0.42, currency: 'USD' });
    expect(snapshotOf(ref, state, now).usage).toBeUndefined();
  });
});
