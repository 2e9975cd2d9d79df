import { modelsServedBy } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { providerIds } from './config/provider-ids.js';
import { buildModelsData } from './models-data.js';
import { providers } from './runtime/providers.js';

describe('wankit models data', () => {
  it.each(providerIds)('lists under %s exactly the catalog models its adapter serves', async (id) => {
    const data = await buildModelsData();
    const listed = data.models
      .filter((model) => model.providers.some((entry) => entry.provider === id))
      .map((model) => `${model.id} ${model.kind}`);
    const adapter = await providers[id].load({});
    expect(listed).toEqual(modelsServedBy(adapter).map((model) => `${model.id} ${model.kind}`));
    expect(listed.length).toBeGreaterThan(0);
  });
});
