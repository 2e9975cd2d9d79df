import { readFileSync } from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { expect, it } from 'vitest';

// The committed wire types must be exactly what openapi-typescript makes of the contract today
// (the same recipe as the `generate` script: the CLI writes COMMENT_HEADER + astToString, and
// `--default-non-nullable false` keeps request fields with a documented default optional).
it('src/generated/native-wire.ts matches contracts/openapi/native.yaml', async () => {
  const contract = new URL('../../../../contracts/openapi/native.yaml', import.meta.url);
  const regenerated = COMMENT_HEADER + astToString(await openapiTS(contract, { defaultNonNullable: false }));
  const committed = readFileSync(new URL('./native-wire.ts', import.meta.url), 'utf8');
  expect(
    committed === regenerated,
    'native-wire.ts is out of date: run pnpm --filter @wankit/adapter-native generate',
  ).toBe(true);
});
