// Every value src/ exports is used somewhere else: by another module, a test, a script, the bench
// or bin/. A folder's index.ts passing a name on does not count as a use; src/index.ts, the
// package's public entry, does. The check is textual (a name used as `bridge.X` after a dynamic
// import, or `tokens.X`, counts), so it can miss a dead export whose name is also used for
// something else, but it never fails on a live one.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/corpus.js';

function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, pattern));
    else if (pattern.test(entry)) out.push(full);
  }
  return out;
}

const sourceFiles = filesUnder(path.join(repoRoot, 'src'), /\.ts$/);
const userFiles = ['src', 'test', 'support', 'scripts', 'bench', 'bin'].flatMap((d) => filesUnder(path.join(repoRoot, d), /\.(ts|js|mjs)$/));
const publicEntry = path.join(repoRoot, 'src', 'index.ts');

// `export { a, b } from './x.js';` and `export * from ...`: passing names on is not using them.
const reExport = /export\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s+from\s+'[^']+';/g;
const valueExport = /^export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:const|let|function\*?|class)\s+([A-Za-z_$][\w$]*)/gm;

describe('exports', () => {
  it('should export from src/ only values that something else uses', () => {
    // Arrange
    const texts = new Map(userFiles.map((f) => [f, readFileSync(f, 'utf8')]));
    const usable = new Map([...texts].map(([f, text]) => [f, f === publicEntry ? text : text.replace(reExport, '')]));
    // Act
    const unused: string[] = [];
    for (const file of sourceFiles) {
      for (const match of (texts.get(file) ?? '').matchAll(valueExport)) {
        const name = match[1]!;
        const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
        const used = [...usable].some(([other, text]) => other !== file && word.test(text));
        if (!used) unused.push(`${path.relative(repoRoot, file)}: ${name}`);
      }
    }
    // Assert
    expect(unused).toEqual([]);
  });
});
