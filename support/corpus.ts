// Where the real HWX corpus lives: env ANECC_CORPUS, else ../shared/hwx beside the repository. The
// one answer to "is the corpus there?" for tests, scripts and the bench.
// Tests that need it skip visibly when it is absent (see `corpusSkipReason`).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is support/corpus.ts). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The corpus directory, or undefined when it does not exist. */
export function corpusDir(): string | undefined {
  const fromEnv = process.env['ANECC_CORPUS'];
  const dir = fromEnv !== undefined && fromEnv !== '' ? path.resolve(fromEnv) : path.resolve(repoRoot, '..', 'shared', 'hwx');
  return existsSync(dir) && statSync(dir).isDirectory() ? dir : undefined;
}

/** Why corpus tests are skipped, or undefined when the corpus is there. */
export function corpusSkipReason(): string | undefined {
  if (corpusDir() !== undefined) return undefined;
  return 'HWX corpus not found (set ANECC_CORPUS or put it at ../shared/hwx): corpus tests skipped';
}

export interface CorpusFile {
  /** Path relative to the corpus directory, with '/' separators: `tinygrad/concat.hwx`. */
  readonly name: string;
  readonly path: string;
  /** The golden `.ane` beside it, when there is one. */
  readonly golden: string | undefined;
}

function walk(dir: string, rel: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relName = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) walk(path.join(dir, entry.name), relName, out);
    else out.push(relName);
  }
}

/** Every file of the corpus with the given extension (default `.hwx`), sorted by name; [] without a corpus. */
export function corpusFiles(extension = '.hwx'): readonly CorpusFile[] {
  const dir = corpusDir();
  if (dir === undefined) return [];
  const names: string[] = [];
  walk(dir, '', names);
  return names
    .filter((n) => n.endsWith(extension))
    .sort()
    .map((name) => {
      const full = path.join(dir, ...name.split('/'));
      const goldenPath = full.slice(0, -extension.length) + '.ane';
      return { name, path: full, golden: existsSync(goldenPath) ? goldenPath : undefined };
    });
}

/** The bytes of one corpus file, by its relative name. Throws when the corpus or the file is absent. */
export function readCorpusFile(name: string): Uint8Array {
  const dir = corpusDir();
  if (dir === undefined) throw new Error(corpusSkipReason());
  return new Uint8Array(readFileSync(path.join(dir, ...name.split('/'))));
}
