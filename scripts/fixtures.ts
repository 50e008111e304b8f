// Regenerates the project's own HWX fixtures in the folder given as argument (`make fixtures`
// runs `tsx scripts/fixtures.ts hwx`). The same writer output is checked by test/writer/fixtures.test.ts.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixtures } from '../src/writer/fixtures.js';

const target = process.argv[2];
if (target === undefined) {
  process.stderr.write('usage: tsx scripts/fixtures.ts DIR\n');
  process.exit(2);
}
mkdirSync(target, { recursive: true });
for (const fixture of fixtures) {
  const bytes = fixture.build();
  writeFileSync(path.join(target, fixture.file), bytes);
  process.stdout.write(`${fixture.file}: ${bytes.length} bytes\n`);
}
