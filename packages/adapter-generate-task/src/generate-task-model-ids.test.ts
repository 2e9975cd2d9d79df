import { modelsServedBy } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { createGenerateTaskAdapter } from './generate-task-adapter.js';
import type { GenerateTaskModelId } from './generate-task-model-ids.js';

// Typecheck: exactly the members of GenerateTaskModelId; the test: exactly the catalog models the adapter serves.
const served: Record<GenerateTaskModelId, true> = {
  'wan2.5-t2v-preview': true,
  'wan2.5-i2v-preview': true,
};

describe('GenerateTaskModelId', () => {
  it('names exactly the catalog models the adapter declares', () => {
    const ids = modelsServedBy(createGenerateTaskAdapter()).map((model) => model.id);
    expect(ids.sort()).toEqual(Object.keys(served).sort());
  });
});
