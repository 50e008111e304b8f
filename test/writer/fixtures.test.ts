import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures } from '../../src/writer/index.js';
import { corpusDir, hasCorpus, repoRoot } from './corpus-paths.js';

const fixtureDir = path.join(repoRoot, 'hwx');

function corpusFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? corpusFiles(path.join(dir, e.name)) : e.name.endsWith('.hwx') ? [path.join(dir, e.name)] : [],
  );
}

describe('hwx/ fixtures', () => {
  it.each(fixtures.map((f) => [f.file, f] as const))('should match fresh writer output: %s (run `make fixtures` after a writer change)', (file, fixture) => {
    const committed = path.join(fixtureDir, file);
    expect(existsSync(committed)).toBe(true);
    expect(Buffer.from(readFileSync(committed)).equals(Buffer.from(fixture.build()))).toBe(true);
  });

  it('should list every fixture in hwx/README.md', () => {
    const readme = readFileSync(path.join(fixtureDir, 'README.md'), 'utf8');
    for (const f of fixtures) expect(readme).toContain(f.file);
  });

  it.skipIf(!hasCorpus)('should not be byte-identical to any corpus file', () => {
    const corpus = corpusFiles(corpusDir).map((p) => readFileSync(p));
    for (const f of fixtures) {
      const bytes = Buffer.from(f.build());
      expect(corpus.some((c) => c.equals(bytes))).toBe(false);
    }
  });
});
