import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeHwx, describeMul } from '../../src/writer/index.js';
import { runAnecc } from '../helpers/cli.js';
import { corpusDir, corpusSkipReason } from '../../support/corpus.js';

const skip = corpusSkipReason();

describe('conversion of other generations’ files', () => {
  it.skipIf(skip !== undefined)('should refuse an H14 file naming the generation and the way out, with upstream’s exception type', async () => {
    const file = path.join(corpusDir()!, 'generations', 'matmul_h14.hwx');
    const dir = mkdtempSync(path.join(tmpdir(), 'anecc-gen-'));
    const out = path.join(dir, 'out.anec');
    const patched = await runAnecc([file, '-o', out, '--engine', 'native']);
    expect(patched.exitCode).toBe(1);
    expect(patched.stderr.trim().split('\n')).toEqual([
      `anecc: error: cannot convert ${file}: matmul_h14.hwx is an H14 (A15, M2) file (cpusubtype 5); anecc and libane load H13 (A14, M1) files only: compile with -t h13 (upstream anecc raises AssertionError here)`,
    ]);
    const upstream = await runAnecc([file, '-o', out, '--engine', 'native', '--profile', 'upstream']);
    expect(upstream.exitCode).toBe(1);
    expect(upstream.stderr).toContain('__text size 0x100 is below one task (0x274) (upstream anecc raises AssertionError here)');
  });

  it('should convert an H13-layout file whose cpusubtype says H16 as upstream does, with one warning line', async () => {
    // Arrange: the writer's v7 mul with cpusubtype 7
    const dir = mkdtempSync(path.join(tmpdir(), 'anecc-gen-'));
    const input = path.join(dir, 'mul_h16.hwx');
    writeFileSync(input, writeHwx({ ...describeMul('v7'), cpuSubtype: 7 }));
    // Act
    const patched = await runAnecc([input, '-o', path.join(dir, 'p.anec'), '--engine', 'native']);
    const upstream = await runAnecc([input, '-o', path.join(dir, 'u.anec'), '--engine', 'native', '--profile', 'upstream']);
    // Assert: same bytes; the upstream profile's stderr has upstream's lines only
    expect(patched.exitCode).toBe(0);
    expect(upstream.exitCode).toBe(0);
    expect(readFileSync(path.join(dir, 'p.anec'))).toEqual(readFileSync(path.join(dir, 'u.anec')));
    const extra = patched.stderr.split('\n').filter((l) => !upstream.stderr.replace('u.anec', 'p.anec').split('\n').includes(l));
    expect(extra).toEqual([
      'anecc: warning: mul_h16.hwx says cpusubtype 7, an H16 (A17 Pro, M4) file, but its tasks have the H13 layout; converted as H13, the only generation libane loads',
    ]);
    expect(upstream.stderr).not.toContain('warning');
  });

  it('should not apply --clean to such a file and say why', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'anecc-gen-'));
    const input = path.join(dir, 'mul_h16.hwx');
    writeFileSync(input, writeHwx({ ...describeMul('v7'), cpuSubtype: 7 }));
    const r = await runAnecc([input, '-o', path.join(dir, 'c.anec'), '--engine', 'native', '--clean']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('anecc: notice: --clean and --remap-slots know H13 files only: not applied');
  });
});
