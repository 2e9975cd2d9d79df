import { modelsServedBy } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { createV2Adapter } from './v2-adapter.js';
import type { V2ModelId } from './v2-model-ids.js';

// Typecheck: exactly the members of V2ModelId; the test: exactly the catalog models the adapter serves.
const served: Record<V2ModelId, true> = {
  'wan2.2-t2v-plus': true,
  'wanx2.1-t2v-turbo': true,
  'wanx2.1-t2v-plus': true,
  'wan2.2-i2v-plus': true,
  'wan2.2-i2v-flash': true,
  'wanx2.1-i2v-turbo': true,
  'wanx2.1-i2v-plus': true,
  'wan2.5-i2v-preview': true,
  'wanx2.1-kf2v-plus': true,
};

describe('V2ModelId', () => {
  it('names exactly the catalog models the adapter declares', () => {
    const ids = modelsServedBy(createV2Adapter({ baseUrl: 'https://gw.example' })).map((model) => model.id);
    expect(ids.sort()).toEqual(Object.keys(served).sort());
  });
});
