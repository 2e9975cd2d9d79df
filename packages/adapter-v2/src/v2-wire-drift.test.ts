// The committed wire types must be exactly what openapi-typescript makes of contracts/openapi/v2.yaml.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { outputUrl, renderWireTypes } from '../scripts/generate-wire.mjs';

describe('generated v2 wire types', () => {
  it('match contracts/openapi/v2.yaml (run `pnpm generate` after editing the contract)', async () => {
    const committed = await readFile(outputUrl, 'utf8');
    expect(committed).toBe(await renderWireTypes());
  });
});
