// Generates src/generated/v2-wire.ts from contracts/openapi/v2.yaml with openapi-typescript.
// `renderWireTypes()` is shared with the drift test, so the committed file and the check use one recipe.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

export const contractUrl = new URL('../../../contracts/openapi/v2.yaml', import.meta.url);
const banner =
  '// Generated from contracts/openapi/v2.yaml by scripts/generate-wire.mjs (`pnpm generate`). Do not edit.';

export const outputUrl = new URL('../src/generated/v2-wire.ts', import.meta.url);

/** The generated TypeScript source for the v2 wire contract. */
export async function renderWireTypes() {
  const ast = await openapiTS(contractUrl, { alphabetize: true });
  return `${banner}\n${astToString(ast)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(outputUrl, await renderWireTypes());
  console.log(`wrote ${fileURLToPath(outputUrl)}`);
}
