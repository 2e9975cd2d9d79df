#!/usr/bin/env node
// `node contracts/scripts/generate-wire.mjs <contract> <output file>`: writes the wire types of a contract.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { renderWireTypes } from './wire-types.mjs';

const [contract, output] = process.argv.slice(2);
if (!contract || !output) {
  console.error('usage: generate-wire.mjs <contract: native|v2|generate-task|dashscope> <output file>');
  process.exit(2);
}
await writeFile(resolve(output), await renderWireTypes(contract));
console.log(`wrote ${output} from contracts/openapi/${contract}.yaml`);
