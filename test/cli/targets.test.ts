import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAnecc } from '../helpers/cli.js';
import { corpusDir, corpusSkipReason } from '../../support/corpus.js';

const skip = corpusSkipReason();
if (skip) console.log(skip);
const corpus = (name: string): string => join(corpusDir() ?? '', name);
const work = mkdtempSync(join(tmpdir(), 'anecc-targets-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const native = ['--engine', 'native'];
const zero = (bytes: Buffer): boolean => bytes.every((b) => b === 0);

describe.skipIf(skip !== undefined)('--target and anecc retarget', () => {
  it("should write mul.hwx for libane: mul.ane's header fields, zeros to 0x800, then mul.ane's payload; inspect names the layout; retarget gives mul.ane back", async () => {
    // Arrange
    const golden = readFileSync(corpus('mul.ane'));
    const out = join(work, 'x.anec');
    // Act
    const r = await runAnecc([corpus('mul.hwx'), ...native, '--target', 'libane', '-o', out]);
    // Assert
    expect(r.exitCode, r.stderr).toBe(0);
    const x = readFileSync(out);
    expect(x.subarray(0, 0x6a8).equals(golden.subarray(0, 0x6a8))).toBe(true);
    expect(zero(x.subarray(0x6a8, 0x800))).toBe(true);
    expect(x.subarray(0x800).equals(golden.subarray(0x1000))).toBe(true);

    const inspect = await runAnecc(['inspect', out]);
    expect(inspect.exitCode).toBe(0);
    expect(inspect.stdout).toContain('libane layout (payload at 0x800)');
    expect(inspect.stdout).toContain('bindings: reads r0 5 (src0), r1 6 (src1); writes w 4 (dst0)');

    const back = join(work, 'back.anec');
    const rt = await runAnecc(['retarget', out, '--target', 'anecc-1.0.9', '-o', back]);
    expect(rt.exitCode, rt.stderr).toBe(0);
    expect(rt.stdout).toBe('libane layout (payload at 0x800) -> anecc-1.0.9 layout (payload at 0x1000)');
    expect(readFileSync(back).equals(golden)).toBe(true);
  });

  it('should write the default target byte for byte as upstream, and say so for an .anec', async () => {
    const out = join(work, 'default.anec');
    const r = await runAnecc([corpus('mul_macos14.hwx'), ...native, '--target', 'anecc-1.0.9', '-o', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readFileSync(out).equals(readFileSync(corpus('mul_macos14.ane')))).toBe(true);
    const inspect = await runAnecc(['inspect', corpus('mul.ane')]);
    expect(inspect.stdout).toContain('anecc-1.0.9 layout (payload at 0x1000)');
  });

  it('should print the same -p text whatever the target', async () => {
    const a = await runAnecc([corpus('mul.hwx'), ...native, '-p']);
    const b = await runAnecc([corpus('mul.hwx'), ...native, '-p', '--target', 'libane']);
    expect(b.stdout).toBe(a.stdout);
  });

  it('should clean a libane-layout file, keep its layout, and change it with --target', async () => {
    const libane = join(work, 'm14-libane.anec');
    expect((await runAnecc(['retarget', corpus('mul_macos14.ane'), '--target', 'libane', '-o', libane])).exitCode).toBe(0);
    const kept = join(work, 'kept.anec');
    const c = await runAnecc(['clean', libane, '-o', kept]);
    expect(c.exitCode, c.stderr).toBe(0);
    expect(c.stdout).toContain('task 0: NE KernelCfg (0xc800) = 0x80 -> 0x0');
    expect(readFileSync(kept).length).toBe(readFileSync(libane).length);
    const moved = join(work, 'moved.anec');
    const m = await runAnecc(['clean', libane, '-o', moved, '--target', 'anecc-1.0.9']);
    expect(m.stdout).toContain('libane layout (payload at 0x800) -> anecc-1.0.9 layout (payload at 0x1000)');
    expect(c.stdout).toContain('libane layout (payload at 0x800)');
    // Cleaning in either layout gives the same file once laid out alike.
    const viaDefault = join(work, 'via-default.anec');
    await runAnecc(['clean', corpus('mul_macos14.ane'), '-o', viaDefault]);
    expect(readFileSync(moved).equals(readFileSync(viaDefault))).toBe(true);
  });

  it('should keep converting a file named check or retarget given with --target', async () => {
    for (const name of ['check', 'retarget']) {
      const dir = mkdtempSync(join(work, 'named-'));
      copyFileSync(corpus('mul.hwx'), join(dir, name));
      const r = await runAnecc([name, '--target', 'libane', ...native, '-w'], { cwd: dir });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(readFileSync(join(dir, `${name}.anec`)).length).toBe(readFileSync(corpus('mul.ane')).length - 0x800);
    }
  });

  it('should refuse an unknown target and an HWX input to retarget', async () => {
    const bad = await runAnecc([corpus('mul.hwx'), ...native, '--target', 'libane2', '-o', join(work, 'no.anec')]);
    expect(bad.exitCode).toBe(2);
    expect(existsSync(join(work, 'no.anec'))).toBe(false);
    const hwx = await runAnecc(['retarget', corpus('mul.hwx'), '--target', 'libane', '-o', join(work, 'no2.anec')]);
    expect(hwx.exitCode).toBe(1);
    expect(hwx.stderr).toMatch(/retarget works on \.anec files; to convert an HWX for a target run: anecc .* --target libane -o OUT\.anec/);
    const missing = await runAnecc(['retarget', corpus('mul.ane'), '-o', join(work, 'no3.anec')]);
    expect(missing.exitCode).toBe(2);
  });
});
