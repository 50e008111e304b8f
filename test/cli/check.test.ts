import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkReportSchema } from '../../src/tools/check/index.js';
import { describeTwoIntermediates, writeHwx } from '../../src/writer/index.js';
import { runAnecc } from '../helpers/cli.js';
import { corpusDir, corpusSkipReason } from '../../support/corpus.js';

const skip = corpusSkipReason();
if (skip) console.log(skip);
const corpus = (name: string): string => join(corpusDir() ?? '', name);
const work = mkdtempSync(join(tmpdir(), 'anecc-check-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(skip !== undefined)('anecc check on the corpus', () => {
  it('should exit 0 with one ok line per cause for mul.ane', async () => {
    const r = await runAnecc(['check', corpus('mul.ane')]);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => /^ {2}ok {7}/.test(l))).toHaveLength(9);
    expect(lines.at(-1)).toBe('no problem found');
  });

  it('should exit 1 naming the payload offset for mul.ane against --target libane, with the fix', async () => {
    const r = await runAnecc(['check', corpus('mul.ane'), '--target', 'libane']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('problem  payload offset         payload at 0x1000 but libane reads it at 0x800');
    expect(r.stdout).toContain('fix (never run on hardware): anecc retarget FILE --target libane -o OUT.anec');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('1 problem(s): payload_offset');
  });

  it('should print JSON that passes the schema for mul_macos14.hwx', async () => {
    const r = await runAnecc(['check', corpus('mul_macos14.hwx'), '--json']);
    expect(r.exitCode).toBe(1);
    const report = checkReportSchema.parse(JSON.parse(r.stdout));
    expect(report.problems).toEqual(['slot_order', 'spurious_kdma']);
  });

  it('should fix mul_macos14.hwx for libane into a file that checks clean, listing fixes never run on hardware', async () => {
    const out = join(work, 'fixed.anec');
    const r = await runAnecc(['check', corpus('mul_macos14.hwx'), '--target', 'libane', '--fix', '-o', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/remap {4}W8\/W9 slots rebound \(EXPERIMENTAL\): probs 6 -> 4, image 4 -> 5, image2 5 -> 6 \(never run on hardware\)/);
    expect(r.stdout).toContain('retarget payload moved from 0x1000 to 0x800 (libane layout) (never run on hardware)');
    expect(r.stdout).toContain('after the fixes: no problem found');
    const again = await runAnecc(['check', out, '--target', 'libane']);
    expect(again.exitCode).toBe(0);
    // Same bytes as the macOS 12 model's in libane layout except W2 and 0x13840 (see README).
    expect(readFileSync(out).length).toBe(readFileSync(corpus('mul.ane')).length - 0x800);
  });
});

describe('anecc check usage and failures', () => {
  it('should write nothing and exit 1 when the HWX does not convert (two intermediate buffers)', async () => {
    const input = join(work, 'two.hwx');
    writeFileSync(input, writeHwx(describeTwoIntermediates('v7')));
    const out = join(work, 'never.anec');
    const r = await runAnecc(['check', input, '--fix', '-o', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/problem +intermediate buffers +2 intermediate buffers/);
    expect(r.stderr).toContain('does not convert, so there is nothing to fix; nothing written');
    expect(existsSync(out)).toBe(false);
  });

  it('should exit 2 on usage errors', async () => {
    expect((await runAnecc(['check'])).exitCode).toBe(2);
    expect((await runAnecc(['check', 'x', '--target', 'nope'])).exitCode).toBe(2);
    expect((await runAnecc(['check', 'x', '--fix'])).exitCode).toBe(2);
  });

  it('should answer a file that is neither HWX nor .anec with one error line and exit 1', async () => {
    const junk = join(work, 'junk.bin');
    writeFileSync(junk, 'not a model');
    const r = await runAnecc(['check', junk]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
