// Item 12: when no order of the tensor stabs fits the buffer sizes, upstream writes a header of
// guessed shapes and exits 0. We keep its bytes, and say so once under the patched profile.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runNativeEngine } from '../../src/anec/index.js';
import { inspectFile } from '../../src/tools/index.js';
import { runAnecc } from '../helpers/cli.js';
import { repoRoot } from '../../support/corpus.js';

const work = mkdtempSync(join(tmpdir(), 'anecc-stabsizes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// mul-v5.hwx with every tensor's N range widened from 0..1 to 0..9 (same length): each stab now
// needs several tiles where its buffer has one, in either order.
const source = readFileSync(join(repoRoot, 'hwx', 'mul-v5.hwx'));
const mutant = Buffer.from(source.toString('latin1').replace(/(:t\d\d=ar1;0;)1;/g, '$19;'), 'latin1');
const mutantPath = join(work, 'sizes.hwx');
writeFileSync(mutantPath, mutant);
const request = { path: mutantPath, name: undefined, force: false, print: false, compile: true };

describe('stabs that fit no buffer order', () => {
  it('convert to upstream bytes in both profiles; only patched warns, as data', () => {
    expect(mutant.equals(source)).toBe(false);
    const upstream = runNativeEngine(mutant, request, 'upstream');
    const patched = runNativeEngine(mutant, request, 'patched');
    expect(upstream.ok && patched.ok).toBe(true);
    expect(Buffer.concat([patched.anec!.header, patched.anec!.payload])).toEqual(Buffer.concat([upstream.anec!.header, upstream.anec!.payload]));
    expect(upstream.warnings).toEqual([]);
    expect(patched.warnings?.map((w) => w.code)).toEqual(['stab_sizes_unmatched']);
    expect(runNativeEngine(source, request, 'patched').warnings).toEqual([]);
  });

  it('print one warning line under the patched profile, none under upstream', async () => {
    const patched = await runAnecc([mutantPath, '--engine', 'native', '-o', join(work, 'p.anec')]);
    const upstream = await runAnecc([mutantPath, '--engine', 'native', '--profile', 'upstream', '-o', join(work, 'u.anec')]);
    expect(patched.exitCode).toBe(0);
    expect(patched.stderr.split('\n').filter((l) => l.startsWith('anecc: warning:'))).toEqual([
      `anecc: warning: ${mutantPath}: no order of the tensor stabs matches the I/O buffer sizes, so the shapes in the header are a guess (upstream writes them anyway; so do we)`,
    ]);
    expect(upstream.stderr).not.toContain('warning');
    expect(readFileSync(join(work, 'p.anec'))).toEqual(readFileSync(join(work, 'u.anec')));
  });

  it('show in inspect', () => {
    expect(inspectFile(mutantPath).warnings.map((w) => w.code)).toContain('stab_sizes_unmatched');
  });
});
