// The writer against the real corpus: re-creations of the compilers' mul files, and upstream's
// conversion of writer output compared with the golden .ane files.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHwx } from '../../src/hwx/index.js';
import { describeHwxFile, describeMul, writeHwx } from '../../src/writer/index.js';
import type { HwxLayout } from '../../src/writer/index.js';
import { corpusDir, hasCorpus, hasUpstream, runUpstream } from './corpus-paths.js';

const mulFiles: readonly (readonly [HwxLayout, string, string | undefined])[] = [
  ['v5', 'mul.hwx', 'mul.ane'],
  ['v7', 'mul_macos14.hwx', 'mul_macos14.ane'],
  ['v9', 'mul_macos26_m1.hwx', undefined],
];

const corpus = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(corpusDir, name)));

function differingOffsets(a: Uint8Array, b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) if (a[i] !== b[i]) out.push(i);
  return out;
}

describe.skipIf(!hasCorpus)('writer re-creations of the corpus', () => {
  it.each(mulFiles)('should rebuild %s mul (%s) from the preset plus the real flag list', (layout, file) => {
    // Arrange: the compiler flags are the only part of the real file the preset does not carry.
    const real = corpus(file);
    const flags = readHwx(real).ident?.flags ?? [];
    // Act
    const rebuilt = writeHwx({ ...describeMul(layout), compilerFlags: flags });
    // Assert: identical, except that v9 writes desc 2 for the output stab where the writer writes its type number.
    const diff = differingOffsets(rebuilt, real);
    expect(diff.length).toBe(layout === 'v9' ? 1 : 0);
  });

  it.each(mulFiles)('should rebuild %s mul (%s) from the description the reader gives', (_layout, file) => {
    const real = corpus(file);
    const description = describeHwxFile(readHwx(real), real);
    expect(differingOffsets(writeHwx(description), real).length).toBeLessThanOrEqual(1);
  });
});

describe.skipIf(!hasCorpus || !hasUpstream)('upstream anecc on writer output', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'anecc-writer-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each(mulFiles.filter(([, , golden]) => golden !== undefined))(
    'should convert the %s mul preset to exactly the golden .anec of %s',
    (layout, _file, golden) => {
      const input = path.join(work, `mul-${layout}.hwx`);
      const output = path.join(work, `mul-${layout}.anec`);
      writeFileSync(input, writeHwx(describeMul(layout)));
      const run = runUpstream([input, '-o', output]);
      expect(run.exitCode, run.stderr).toBe(0);
      expect(Buffer.from(readFileSync(output)).equals(Buffer.from(corpus(golden ?? '')))).toBe(true);
    },
  );

  it('should fail on the v9 preset the way it fails on the real v9 file (StopIteration)', () => {
    const input = path.join(work, 'mul-v9.hwx');
    writeFileSync(input, writeHwx(describeMul('v9')));
    const mine = runUpstream([input, '-o', path.join(work, 'mine.anec')]);
    const real = runUpstream([path.join(corpusDir, 'mul_macos26_m1.hwx'), '-o', path.join(work, 'real.anec')]);
    expect(mine.exitCode).toBe(1);
    expect(mine.stderr.trim().split('\n').at(-1)).toBe(real.stderr.trim().split('\n').at(-1));
  });
});
