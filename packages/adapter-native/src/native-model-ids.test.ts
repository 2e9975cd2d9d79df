import { describe, expect, it } from 'vitest';
import { nativeModelId } from './native-model-ids.js';

describe('nativeModelId', () => {
  it.each([
    ['wan2.2-t2v-plus', 'wan22_t2v_plus'],
    ['wan2.5-t2i-preview', 'wan25_t2i_preview'],
    ['wan2.6-t2v', 'wan26_t2v'],
    ['wan2.5-t2v-preview', 'wan25_t2v_preview'],
    ['wan2.5-i2v-preview', 'wan25_i2v_preview'],
    ['wan2.6-i2v', 'wan26_i2v'],
  ])('maps %s to the documented gateway id %s', (canonical, wire) => {
    expect(nativeModelId(canonical)).toBe(wire);
  });

  it('selects the documented _intl ids in the intl region and keeps the others', () => {
    expect(nativeModelId('wan2.5-t2i-preview', { region: 'intl' })).toBe('wan25_t2i_preview_intl');
    expect(nativeModelId('wan2.5-i2v-preview', { region: 'intl' })).toBe('wan25_i2v_preview_intl');
    expect(nativeModelId('wan2.6-t2v', { region: 'intl' })).toBe('wan26_t2v');
  });

  it('prefers an explicit override, and spells unknown models by the documented rule', () => {
    expect(nativeModelId('wan2.6-t2v', { overrides: { 'wan2.6-t2v': 'wan26_t2v_beta' } })).toBe(
      'wan26_t2v_beta',
    );
    expect(nativeModelId('wan2.7-image')).toBe('wan27_image');
  });
});
