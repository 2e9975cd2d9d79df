import { readFile } from 'node:fs/promises';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';

const contract = new URL('../../../../contracts/openapi/generate-task.yaml', import.meta.url);
const committed = new URL('./generate-task-wire.ts', import.meta.url);

describe('generated wire types', () => {
  it('match contracts/openapi/generate-task.yaml (else run: pnpm --filter @wankit/adapter-generate-task generate)', async () => {
    // Same options as the package's `generate` script.
    const ast = await openapiTS(contract, { defaultNonNullable: false });
    const regenerated = COMMENT_HEADER + astToString(ast);
    expect(await readFile(committed, 'utf8')).toBe(regenerated);
  });
});
