// Every export of the public entry points carries TSDoc, so an editor shows what it is for.
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/corpus.js';

const entries = ['src/index.ts', 'src/testing.ts'];

function undocumentedExports(entry: string): string[] {
  const file = path.join(repoRoot, entry);
  const program = ts.createProgram([file], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`cannot read the exports of ${entry}`);
  return checker
    .getExportsOfModule(moduleSymbol)
    .filter((exported) => {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() === '';
    })
    .map((s) => s.getName())
    .sort();
}

describe('TSDoc', () => {
  for (const entry of entries) {
    it(`should document every export of ${entry}`, () => {
      expect(undocumentedExports(entry)).toEqual([]);
    });
  }
});
