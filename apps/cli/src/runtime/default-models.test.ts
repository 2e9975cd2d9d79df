import type { RequestKind } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { providerIds } from '../config/provider-ids.js';
import { defaultModel } from './default-models.js';
import { providers } from './providers.js';

const kinds: readonly RequestKind[] = [
  'text-to-video',
  'image-to-video',
  'text-to-image',
  'reference-to-video',
];

describe('default models per provider', () => {
  it('picks, for every provider and kind it serves, a model that provider serves', async () => {
    const picks: Record<string, Record<string, string>> = {};
    for (const id of providerIds) {
      const adapter = await providers[id].load({});
      const { kinds: served, models } = adapter.capabilities;
      picks[id] = Object.fromEntries(
        kinds.filter((kind) => served.includes(kind)).map((kind) => [kind, defaultModel(kind, models)]),
      );
      for (const model of Object.values(picks[id]!)) expect(models, `${id} serves ${model}`).toContain(model);
    }
    expect(picks.dashscope).toStrictEqual({
      'text-to-video': 'wan2.2-t2v-plus',
      'image-to-video': 'wan2.2-i2v-plus',
      'text-to-image': 'wan2.5-t2i-preview',
      'reference-to-video': 'wan2.6-r2v',
    });
  });

  it('loads DashScope in the region and workspace asked for', async () => {
    const beijing = await providers.dashscope.load({ region: 'beijing', workspaceId: 'ws-1' });
    expect(beijing.defaultBaseUrl).toBe('https://dashscope.aliyuncs.com');
    expect(beijing.name).toBe('Alibaba Cloud Model Studio (DashScope, beijing)');
    const plain = await providers.dashscope.load({});
    expect(plain.defaultBaseUrl).toBe('https://dashscope-intl.aliyuncs.com');
    // Beijing keeps the wanx2.1-… spelling; the international hosts serve wan2.1-… (dashscope-model-ids.ts)
    expect(beijing.providerModelId('wanx2.1-t2v-turbo')).toBe('wanx2.1-t2v-turbo');
    expect(plain.providerModelId('wanx2.1-t2v-turbo')).toBe('wan2.1-t2v-turbo');
  });
});
