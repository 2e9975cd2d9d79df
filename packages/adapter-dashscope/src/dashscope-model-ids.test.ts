import { modelsServedBy } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { createDashScopeAdapter } from './dashscope-adapter.js';
import { type DashScopeModelId, dashscopeModelIds } from './dashscope-model-ids.js';

describe('DashScopeModelId', () => {
  it('names the catalog models the adapter serves, each for every kind it has', () => {
    const served = modelsServedBy(createDashScopeAdapter());
    expect([...new Set(served.map((model) => model.id))].sort()).toEqual([...dashscopeModelIds].sort());
    // wan3.0-video is one model with three kinds: all of them are served.
    expect(served.filter((model) => model.id === ('wan3.0-video' satisfies DashScopeModelId))).toHaveLength(
      3,
    );
  });
});
