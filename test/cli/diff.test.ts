import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffReportSchema } from '../../src/tools/index.js';
import { runAnecc } from '../helpers/cli.js';
import { corpusDir, corpusSkipReason } from '../../support/corpus.js';

const skip = corpusSkipReason();
if (skip) console.log(skip);
const corpus = (name: string): string => join(corpusDir() ?? '', name);
const work = mkdtempSync(join(tmpdir(), 'anecc-diff-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(skip !== undefined)('anecc diff on the corpus', () => {
  it('should exit 1 and show one line per group for mul.ane vs mul_macos14.ane', async () => {
    const r = await runAnecc(['diff', corpus('mul.ane'), corpus('mul_macos14.ane')]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/task\[0\]\.header\.W8 +W8 \(buffer-slot bindings\) +0x249a5 -> 0x26964 +reads 5, 6; writes 4 -> reads 4, 5; writes 6/);
    expect(r.stdout).toMatch(/task\[0\]\.reg\.0xc800 +NE KernelCfg +0x0 -> 0x80/);
    expect(r.stdout).toMatch(/KernelDMA CoeffDMAConfig0\.\.CoeffDMAConfig15 \(16\) +0x0 -> 0x80/);
    expect(r.stdout.trim().split('\n').length).toBeLessThanOrEqual(15);
  });

  it('should print JSON that passes the schema', async () => {
    const r = await runAnecc(['diff', corpus('mul.hwx'), corpus('mul_macos26_m1.hwx'), '--json']);
    expect(r.exitCode).toBe(1);
    const report = diffReportSchema.parse(JSON.parse(r.stdout));
    expect(report.differences).toContainEqual({ where: 'task[0].header.W2', field: 'W2 (log events)', a: 0x422, b: 0x42a });
  });

  it('should exit 0 for a file and itself', async () => {
    const r = await runAnecc(['diff', corpus('mul.ane'), corpus('mul.ane')]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('no differences');
  });
});

describe('anecc diff failures', () => {
  it('should exit 2 with one error line when a file is unreadable', async () => {
    const junk = join(work, 'junk.bin');
    writeFileSync(junk, Buffer.alloc(64, 7));
    const r = await runAnecc(['diff', junk, junk]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^anecc: error: .*junk\.bin: neither an HWX file/);
  });

  it('should accept --debug, which main.ts suggests after an internal error', async () => {
    const junk = join(work, 'junk-debug.bin');
    writeFileSync(junk, Buffer.alloc(64, 7));
    const r = await runAnecc(['diff', '--debug', junk, junk]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^anecc: error: .*junk-debug\.bin: neither an HWX file/);
  });

  it('should exit 2 on a missing argument', async () => {
    const r = await runAnecc(['diff', 'only-one']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Usage: anecc diff [OPTIONS] A B');
  });
});
