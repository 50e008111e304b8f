// The CLI is the top layer: it formats what the layers below return, and nothing below it (the
// library API included) imports from src/cli/. Checked on every import and re-export in src/,
// types and lazy import() included.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/corpus.js';

const src = path.join(repoRoot, 'src');
const cli = path.join(src, 'cli');
// `from '...'`, `import '...'` and `import('...')`.
const specifier = /(?:\bfrom\s+|\bimport\s*\(?\s*)'(\.[^']*)'/g;

/** Each file outside src/cli/ with the src/cli/ modules it imports. */
function importsOfTheCli(): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || !file.endsWith('.ts') || file.startsWith(`${cli}${path.sep}`)) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(specifier)) {
      const target = path.resolve(path.dirname(file), match[1]!);
      if (target.startsWith(`${cli}${path.sep}`)) found.push(`${path.relative(repoRoot, file)} -> ${path.relative(repoRoot, target)}`);
    }
  }
  return found;
}

describe('the layers', () => {
  it('should import nothing from src/cli/ outside it', () => {
    expect(importsOfTheCli()).toEqual([]);
  });
});
