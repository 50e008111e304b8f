// Child of bench/run.ts: one native conversion of argv[2] as the CLI does it (read, convert,
// write), then the process's peak resident memory in bytes on stdout.
import { readFileSync } from 'node:fs';
import { runNativeEngine } from '../dist/anec/index.js';
import { writeFileAtomic } from '../dist/lifecycle/write-file.js';

const [input, output] = process.argv.slice(2);
if (input) {
  const bytes = readFileSync(input);
  const outcome = runNativeEngine(bytes, { path: input, name: undefined, force: false, print: true, compile: true }, 'upstream');
  if (!outcome.anec) throw new Error(`conversion failed: ${outcome.error?.type}: ${outcome.error?.message}`);
  writeFileAtomic(output, [outcome.anec.header, outcome.anec.payload]);
}
process.stdout.write(`${process.resourceUsage().maxRSS * 1024}\n`);
