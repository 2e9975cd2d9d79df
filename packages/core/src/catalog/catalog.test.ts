import { describe, expect, it } from 'vitest';
import { WankitError } from '../errors/wankit-error.js';
import { resolutions } from '../spec/request.js';
import { getModel, listModels, modelCatalog, tiersOf, withModelOverrides } from './catalog.js';
import { expectedDurationSeconds, genericExpectedSeconds } from './expected-duration.js';
import { defaultTier, frameToSize, resolveFrame, sizeToFrame, tierOf } from './frame.js';

const model = (id: string) => {
  const found = getModel(id);
  if (!found) throw new Error(`missing ${id}`);
  return found;
};

describe('modelCatalog', () => {
  it('holds every model the seeds and the wire-format reference name', () => {
    expect([...new Set(modelCatalog.map((m) => m.id))]).toEqual([
      'wan2.6-t2v',
      'wan2.5-t2v-preview',
      'wan2.2-t2v-plus',
      'wanx2.1-t2v-turbo',
      'wanx2.1-t2v-plus',
      'wan2.7-t2v',
      'wan2.7-t2v-2026-04-25',
      'wan3.0-video',
      'wan3.0-video-prime',
      'wan2.6-i2v',
      'wan2.5-i2v-preview',
      'wan2.2-i2v-plus',
      'wan2.2-i2v-flash',
      'wanx2.1-i2v-turbo',
      'wanx2.1-i2v-plus',
      'wanx2.1-kf2v-plus',
      'wan2.6-i2v-flash',
      'wan2.7-i2v',
      'wan2.7-i2v-2026-04-25',
      'wan2.2-kf2v-flash',
      'wan2.6-r2v',
      'wan2.6-r2v-flash',
      'wan2.7-r2v',
      'wan2.5-t2i-preview',
      'wan2.2-t2i-flash',
      'wan2.2-t2i-plus',
      'wanx2.1-t2i-turbo',
      'wanx2.1-t2i-plus',
    ]);
  });

  it('serves every kind of a multi-mode model from one id', () => {
    expect(getModel('wan3.0-video', undefined, 'reference-to-video')?.kind).toBe('reference-to-video');
    expect(getModel('wan3.0-video', undefined, 'image-to-video')?.kind).toBe('image-to-video');
    expect(getModel('wan3.0-video-prime', undefined, 'text-to-video')?.id).toBe('wan3.0-video-prime');
  });

  it.each(modelCatalog.map((m) => [m.id, m] as const))('%s is self-consistent and sourced', (_id, spec) => {
    expect(spec.sources.length).toBeGreaterThan(0);
    expect(spec.seedRange).toEqual({ min: 0, max: 2147483647 });
    expect(spec.negativePromptMaxChars).toBe(500);
    if (spec.kind === 'text-to-video') {
      expect(spec.defaultSize && sizeToFrame(spec, spec.defaultSize)).toBeDefined();
      expect(spec.prompt.required).toBe(true);
    }
    if (spec.kind === 'image-to-video') {
      expect(spec.resolutions).toContain(spec.defaultResolution);
      expect(spec.prompt.required).toBe(false);
    }
    if (spec.kind !== 'text-to-image') {
      expect(spec.duration).toBeDefined();
      for (const tier of tiersOf(spec)) expect(spec.typicalSeconds[tier]).toBeDefined();
    } else {
      expect(spec.count).toEqual({ min: 1, max: 4, providerDefault: 4, default: 1 });
    }
  });

  it('keeps every size in exactly one tier', () => {
    for (const spec of modelCatalog) {
      const sizes = Object.values(spec.sizes ?? {}).flatMap((tier) => Object.values(tier));
      expect(new Set(sizes).size).toBe(sizes.length);
    }
  });
});

describe('getModel and listModels', () => {
  it('finds by id and alias', () => {
    expect(getModel('wan2.2-t2v-plus')?.id).toBe('wan2.2-t2v-plus');
    expect(getModel('wan2.1-i2v-plus')?.id).toBe('wanx2.1-i2v-plus');
    expect(getModel('wan2.2_t2v_plus')).toBeUndefined();
  });

  it('filters by kind, tier and feature', () => {
    expect(listModels({ kind: 'text-to-image' }).map((m) => m.id)).toEqual([
      'wan2.5-t2i-preview',
      'wan2.2-t2i-flash',
      'wan2.2-t2i-plus',
      'wanx2.1-t2i-turbo',
      'wanx2.1-t2i-plus',
    ]);
    expect(listModels({ supports: 'shotType' }).map((m) => m.id)).toEqual([
      'wan2.6-t2v',
      'wan2.6-i2v',
      'wan2.6-i2v-flash',
      'wan2.6-r2v',
      'wan2.6-r2v-flash',
    ]);
    expect(listModels({ kind: 'image-to-video', resolution: '480p' }).map((m) => m.id)).toEqual([
      'wan2.5-i2v-preview',
      'wan2.2-i2v-plus',
      'wan2.2-i2v-flash',
      'wanx2.1-i2v-turbo',
      'wan2.2-kf2v-flash',
      'wan3.0-video',
      'wan3.0-video-prime',
    ]);
    expect(listModels({ supports: 'lastImage' }).map((m) => m.id)).toEqual([
      'wanx2.1-kf2v-plus',
      'wan2.7-i2v',
      'wan2.7-i2v-2026-04-25',
      'wan2.2-kf2v-flash',
      'wan3.0-video',
      'wan3.0-video-prime',
    ]);
    expect(listModels()).toHaveLength(modelCatalog.length);
  });

  it('overrides facts without touching the built-in catalog', () => {
    const catalog = withModelOverrides({ 'wanx2.1-kf2v-plus': { resolutions: ['480p', '720p'] } });
    expect(getModel('wanx2.1-kf2v-plus', catalog)?.resolutions).toEqual(['480p', '720p']);
    expect(model('wanx2.1-kf2v-plus').resolutions).toEqual(['720p']);
    expect(() => withModelOverrides({ 'wan9-t2v': {} })).toThrow(WankitError);
  });
});

describe('frames', () => {
  it('converts between sizes and tier + aspect with the model table', () => {
    const wan22 = model('wan2.2-t2v-plus');
    expect(sizeToFrame(wan22, '624*624')).toEqual({ resolution: '480p', aspectRatio: '1:1' });
    expect(sizeToFrame(wan22, '1280*720')).toBeUndefined();
    expect(frameToSize(wan22, '1080p', '4:3')).toBe('1632*1248');
    expect(frameToSize(wan22, '480p', '4:3')).toBeUndefined();
    expect(frameToSize(wan22, '720p', '16:9')).toBeUndefined();
  });

  it('resolves what was asked and nothing more', () => {
    const wan26 = model('wan2.6-t2v');
    const base = { kind: 'text-to-video', model: 'wan2.6-t2v', prompt: 'x' } as const;
    expect(resolveFrame(base, wan26)).toEqual({});
    expect(resolveFrame({ ...base, resolution: '720p' }, wan26)).toEqual({
      size: '1280*720',
      resolution: '720p',
      aspectRatio: '16:9',
    });
    expect(resolveFrame({ ...base, size: '1080*1920' }, wan26)).toEqual({
      size: '1080*1920',
      resolution: '1080p',
      aspectRatio: '9:16',
    });
    expect(resolveFrame({ ...base, aspectRatio: '1:1' }, wan26)).toEqual({
      size: '1440*1440',
      resolution: '1080p',
      aspectRatio: '1:1',
    });
    const t2i = { kind: 'text-to-image', model: 'wan2.5-t2i-preview', prompt: 'x' } as const;
    expect(resolveFrame({ ...t2i, aspectRatio: '9:16' }, model('wan2.5-t2i-preview'))).toEqual({
      size: '960*1696',
      aspectRatio: '9:16',
    });
    expect(resolveFrame({ ...t2i, size: '1500*1200' }, model('wan2.5-t2i-preview'))).toEqual({
      size: '1500*1200',
    });
  });

  it('uses the shared Wan tables for an unknown model', () => {
    const request = { kind: 'text-to-video', model: 'wan3-t2v', prompt: 'x', size: '720*1280' } as const;
    expect(resolveFrame(request, undefined)).toEqual({
      size: '720*1280',
      resolution: '720p',
      aspectRatio: '9:16',
    });
    expect(tierOf(request, undefined)).toBe('720p');
    expect(tierOf({ ...request, size: '1000*1000' }, undefined)).toBeUndefined();
  });

  it('gives the tier asked for, or the default tier', () => {
    const i2v = { kind: 'image-to-video', model: 'wan2.2-i2v-flash', image: 'https://e.x/a.png' } as const;
    expect(tierOf(i2v, model('wan2.2-i2v-flash'))).toBe('720p');
    expect(tierOf({ ...i2v, resolution: '480p' }, model('wan2.2-i2v-flash'))).toBe('480p');
    const t2v = { kind: 'text-to-video', model: 'wanx2.1-t2v-turbo', prompt: 'x' } as const;
    expect(tierOf(t2v, model('wanx2.1-t2v-turbo'))).toBe('720p');
    expect(tierOf({ ...t2v, size: '832*480' }, model('wanx2.1-t2v-turbo'))).toBe('480p');
    expect(defaultTier(model('wan2.5-t2i-preview'))).toBeUndefined();
  });
});

describe('expectedDurationSeconds', () => {
  it('uses the documented figures by tier (seed 004)', () => {
    expect(expectedDurationSeconds(model('wan2.2-t2v-plus'), '1080p')).toEqual([70, 90]);
    expect(expectedDurationSeconds(model('wan2.6-t2v'), '720p')).toEqual([50, 70]);
    expect(expectedDurationSeconds(model('wan2.2-t2v-plus'))).toEqual([70, 90]);
    expect(expectedDurationSeconds(model('wan2.2-i2v-flash'))).toEqual([50, 70]);
  });

  it('uses the DashScope image figure for text-to-image (1–2 min)', () => {
    expect(expectedDurationSeconds(model('wan2.5-t2i-preview'))).toEqual([60, 120]);
  });

  it('falls back to a generic range for an unknown model', () => {
    expect(expectedDurationSeconds(undefined)).toEqual(genericExpectedSeconds);
    expect(expectedDurationSeconds(undefined, '1080p')).toEqual([70, 90]);
    expect(genericExpectedSeconds).toEqual([50, 90]);
  });

  it('has a figure for every tier', () => {
    for (const resolution of resolutions)
      expect(expectedDurationSeconds(undefined, resolution)).toHaveLength(2);
  });
});

describe('typical generation times', () => {
  it('lists only the tiers a model offers', () => {
    expect(Object.keys(getModel('wan2.6-t2v')!.typicalSeconds)).toEqual(['720p', '1080p']);
    expect(Object.keys(getModel('wan2.2-t2v-plus')!.typicalSeconds)).toEqual(['480p', '1080p']);
    expect(Object.keys(getModel('wan2.5-t2i-preview')!.typicalSeconds)).toEqual(['default']);
  });
});
