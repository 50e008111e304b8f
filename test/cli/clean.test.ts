import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ANEC_HEADER_SIZE_IN_BYTES } from '../../src/anec/index.js';
import { runAnecc } from '../helpers/cli.js';
import { corpusDir, corpusSkipReason } from '../../support/corpus.js';
import { differingWords } from '../tools/helpers.js';

const skip = corpusSkipReason();
if (skip) console.log(skip);
const corpus = (name: string): string => join(corpusDir() ?? '', name);
const work = mkdtempSync(join(tmpdir(), 'anecc-clean-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const golden = (): Uint8Array => new Uint8Array(readFileSync(corpus('mul.ane')));

describe.skipIf(skip !== undefined)('anecc clean on the corpus', () => {
  it('should leave mul_macos14.ane differing from mul.ane only in W2, W8 and 0x13840, and list the changes', async () => {
    const out = join(work, 'clean.anec');
    const r = await runAnecc(['clean', corpus('mul_macos14.ane'), '-o', out]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('task 0: NE KernelCfg (0xc800) = 0x80 -> 0x0');
    expect(r.stdout).toContain('task 0: KernelDMA CoeffBfrSize0..CoeffBfrSize15 (0x1f888..0x1f8c4) = 0x40 -> 0x0');
    expect(differingWords(new Uint8Array(readFileSync(out)), golden(), ANEC_HEADER_SIZE_IN_BYTES)).toEqual([0x8, 0x20, 0x1ac]);
  });

  it('should also rebind the slots with --remap-slots, and change nothing the second time', async () => {
    const out = join(work, 'remapped.anec');
    const r = await runAnecc(['clean', corpus('mul_macos14.ane'), '-o', out, '--remap-slots']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('task 0: W8 0x26964 -> 0x249a5');
    expect(differingWords(new Uint8Array(readFileSync(out)), golden(), ANEC_HEADER_SIZE_IN_BYTES)).toEqual([0x8, 0x1ac]);
    const again = await runAnecc(['clean', out, '--remap-slots']);
    expect(again.stdout).toContain('nothing to change');
  });

  it('should name the word each rebinding rewrites: W8 for reads and the write, W9 for the kernel', async () => {
    // generations/matmul_h13.hwx reads its kernel from slot 4 (W9 0x24) and writes slot 6 (W8).
    const anec = join(work, 'matmul_h13.anec');
    expect((await runAnecc(['--engine', 'native', corpus('generations/matmul_h13.hwx'), '-o', anec])).exitCode).toBe(0);
    const r = await runAnecc(['clean', anec, '--remap-slots']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('task 0: W8 0x2026025 -> 0x2024026\ntask 0: W9 0x24 -> 0x25');
  });

  it('should refuse a truncated .anec, writing nothing', async () => {
    const cut = join(work, 'cut.anec');
    writeFileSync(cut, readFileSync(corpus('mul_macos14.ane')).subarray(0, 0x1100));
    const out = join(work, 'cut-clean.anec');
    const r = await runAnecc(['clean', cut, '-o', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^anecc: error: .*cut\.anec: truncated: its header says \d+ payload bytes, the file has 256;/);
    expect(existsSync(out)).toBe(false);
  });

  it('should refuse an HWX file with one line saying how to clean while converting', async () => {
    const out = join(work, 'never.anec');
    const r = await runAnecc(['clean', corpus('mul_macos14.hwx'), '-o', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/clean works on \.anec files; to clean while converting run: anecc .* --clean -o OUT\.anec/);
    expect(existsSync(out)).toBe(false);
  });

  it('should say in its help that --remap-slots is not verified on hardware', async () => {
    const r = await runAnecc(['clean', '--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/--remap-slots +EXPERIMENTAL, not verified on hardware/);
  });
});

describe('anecc clean failures', () => {
  it('should accept --debug, which main.ts suggests after an internal error', async () => {
    const junk = join(work, 'junk-debug.bin');
    writeFileSync(junk, Buffer.alloc(64, 7));
    const r = await runAnecc(['clean', '--debug', junk]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^anecc: error: .*junk-debug\.bin: neither an HWX file/);
  });
});
