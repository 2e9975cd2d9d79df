import { modelsServedBy } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { createNativeAdapter } from './native-adapter.js';
import type { NativeModelId } from './native-model-ids.js';

// Typecheck: exactly the members of NativeModelId; the test: exactly the catalog models the adapter serves.
const served: Record<NativeModelId, true> = {
  'wan2.2-t2v-plus': true,
  'wan2.5-t2v-preview': true,
  'wan2.6-t2v': true,
  'wan2.5-i2v-preview': true,
  'wan2.6-i2v': true,
  'wan2.5-t2i-preview': true,
};

describe('NativeModelId', () => {
  it('names exactly the catalog models the adapter declares', () => {
    const ids = modelsServedBy(createNativeAdapter()).map((model) => model.id);
    expect(ids.sort()).toEqual(Object.keys(served).sort());
  });
});
