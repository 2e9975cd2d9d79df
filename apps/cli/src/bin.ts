#!/usr/bin/env node
// Built as CommonJS (dist/bin.cjs): Node starts a CommonJS entry faster than an ES module, and the two
// answers below need nothing else. Every other command loads the ES module program (main.js).
import { answerFromSnapshot } from './fast-path.js';

if (!answerFromSnapshot(process.argv.slice(2), process.stdout, __dirname)) {
  import('./main.js').catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
