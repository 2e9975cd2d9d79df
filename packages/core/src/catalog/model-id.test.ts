import { describe, expect, expectTypeOf, it } from 'vitest';
import type { GenerationRequest } from '../spec/request.js';
import { createFakeAdapter } from '../testing/fake-adapter.js';
import { getModel, modelCatalog, modelIds } from './catalog.js';
import type { KnownModelId, ModelAlias, ModelId } from './model-id.js';
import { modelsServedBy } from './models-served-by.js';

// A record keyed by KnownModelId must name every member and nothing else (typecheck), and its keys must be
// exactly the catalog's runtime ids (this test): together they pin the type to the data in both directions.
const everyKnownId: Record<KnownModelId, true> = {
  'wan2.6-t2v': true,
  'wan2.5-t2v-preview': true,
  'wan2.2-t2v-plus': true,
  'wanx2.1-t2v-turbo': true,
  'wanx2.1-t2v-plus': true,
  'wan2.7-t2v': true,
  'wan2.7-t2v-2026-04-25': true,
  'wan3.0-video': true,
  'wan3.0-video-prime': true,
  'wan2.6-i2v': true,
  'wan2.5-i2v-preview': true,
  'wan2.2-i2v-plus': true,
  'wan2.2-i2v-flash': true,
  'wanx2.1-i2v-turbo': true,
  'wanx2.1-i2v-plus': true,
  'wanx2.1-kf2v-plus': true,
  'wan2.6-i2v-flash': true,
  'wan2.7-i2v': true,
  'wan2.7-i2v-2026-04-25': true,
  'wan2.2-kf2v-flash': true,
  'wan2.6-r2v': true,
  'wan2.6-r2v-flash': true,
  'wan2.7-r2v': true,
  'wan2.5-t2i-preview': true,
  'wan2.2-t2i-flash': true,
  'wan2.2-t2i-plus': true,
  'wanx2.1-t2i-turbo': true,
  'wanx2.1-t2i-plus': true,
};

describe('KnownModelId', () => {
  it('is exactly the set of canonical ids in the catalog data', () => {
    expect(Object.keys(everyKnownId).sort()).toEqual(modelIds().sort());
  });

  it('types the aliases from the same data', () => {
    const aliases = modelCatalog.flatMap((model) => model.aliases ?? []);
    expectTypeOf<'wan2.1-t2v-turbo'>().toExtend<ModelAlias>();
    expect(aliases).toContain('wan2.1-t2v-turbo' satisfies ModelAlias);
  });

  it('completes known ids yet accepts any string in a request and in getModel', () => {
    expectTypeOf<KnownModelId>().toExtend<ModelId>();
    expectTypeOf<string>().toExtend<ModelId>();
    expectTypeOf<GenerationRequest['model']>().toEqualTypeOf<ModelId>();
    expectTypeOf(getModel).parameter(0).toEqualTypeOf<ModelId>();
    const request: GenerationRequest = { kind: 'text-to-video', model: 'my-own-model', prompt: 'a kitten' };
    expect(getModel(request.model)).toBeUndefined();
    expect(getModel('wan2.2-t2v-plus')?.kind).toBe('text-to-video');
  });
});

describe('modelsServedBy', () => {
  it('returns the catalog entries an adapter declares, of the kinds it offers', () => {
    const adapter = createFakeAdapter({
      capabilities: {
        kinds: ['text-to-video', 'image-to-video'],
        models: ['wan2.5-t2v-preview', 'wan2.1-i2v-turbo', 'wan3.0-video', 'not-in-the-catalog'],
      },
    });
    expect(modelsServedBy(adapter).map((model) => [model.id, model.kind])).toEqual([
      ['wan2.5-t2v-preview', 'text-to-video'],
      // wan3.0-video serves three kinds; the adapter offers two of them.
      ['wan3.0-video', 'text-to-video'],
      // Declared by its alias.
      ['wanx2.1-i2v-turbo', 'image-to-video'],
      ['wan3.0-video', 'image-to-video'],
    ]);
  });

  it('returns nothing for an adapter that declares no catalog model', () => {
    const adapter = createFakeAdapter({ capabilities: { models: ['custom-1'] } });
    expect(modelsServedBy(adapter)).toEqual([]);
  });
});
