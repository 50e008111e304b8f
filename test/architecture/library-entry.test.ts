// `import('anecc')` loads only what a minimal call needs: the dependencies whose own start is
// heavy (zod, execa, commander, the patch library, pythonia) load when a function that uses them
// runs, not with the library. Checked on the import graph of src/, following static imports and
// re-exports (not `import type`, which tsc erases, nor `import()`, which is lazy).

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/corpus.js';

// `import x from '...'`, `import { a, type b } from '...'`, `export { a } from '...'`, `export * from '...'`, `import '...'`.
const staticImport = /^(?:import|export)\s+(?!type\s)(?:[^'";]*?\s+from\s+)?'([^']+)';/gms;

/** Every package (bare specifier) reachable from `entry` through static imports, with one path to it. */
function packagesReachedFrom(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (file: string, trail: string[]): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(staticImport)) {
      const spec = match[1]!;
      if (spec.startsWith('node:')) continue;
      if (!spec.startsWith('.')) {
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!reached.has(name)) reached.set(name, [...trail, path.relative(repoRoot, file)]);
        continue;
      }
      const target = path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts'));
      if (existsSync(target)) walk(target, [...trail, path.relative(repoRoot, file)]);
    }
  };
  walk(entry, []);
  return reached;
}

describe('the library entry', () => {
  it('should load no heavy dependency with import("anecc")', () => {
    const reached = packagesReachedFrom(path.join(repoRoot, 'src', 'index.ts'));
    for (const heavy of ['zod', 'execa', 'commander', 'diff', 'pythonia']) {
      expect(reached.get(heavy), `${heavy} is imported through ${reached.get(heavy)?.join(' -> ')}`).toBeUndefined();
    }
  });

  it('should see the imports it checks (zod through the tools index)', () => {
    // The walker itself: tools/index.ts re-exports the report schemas, which import zod.
    expect(packagesReachedFrom(path.join(repoRoot, 'src', 'tools', 'index.ts')).has('zod')).toBe(true);
  });
});
