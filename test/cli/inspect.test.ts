import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectReportSchema } from '../../src/tools/index.js';
import { runAnecc } from '../helpers/cli.js';
import { corpusDir, corpusSkipReason } from '../../support/corpus.js';

const skip = corpusSkipReason();
if (skip) console.log(skip);
const corpus = (name: string): string => join(corpusDir() ?? '', name);
const work = mkdtempSync(join(tmpdir(), 'anecc-inspect-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(skip !== undefined)('anecc inspect on the corpus', () => {
  it('should print JSON that passes the schema, with libane_slot_order and probs at slot 6', async () => {
    const r = await runAnecc(['inspect', corpus('mul_macos14.hwx'), '--json']);
    expect(r.exitCode).toBe(0);
    const report = inspectReportSchema.parse(JSON.parse(r.stdout));
    expect(report.warnings.map((w) => w.code)).toContain('libane_slot_order');
    expect(report.tensors.find((t) => t.name === 'probs')).toMatchObject({ role: 'output', shape: [1, 64, 1, 1], slot: 6 });
  });

  it('should print registers by name in text', async () => {
    const r = await runAnecc(['inspect', corpus('mul_macos14.ane')]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('KernelCfg (0xc800) = 0x80');
    expect(r.stdout).toContain('CoeffDMAConfig0..CoeffDMAConfig15 (0x1f808..0x1f844) = 0x80');
    // In the .anec's own slot names the story shows: the task reads the output and writes an input.
    expect(r.stdout).toContain('bindings: reads r0 4 (dst0), r1 5 (src0); writes w 6 (src1)');
  });
});

describe('anecc inspect failures', () => {
  it('should answer a file that is neither HWX nor .anec with one error line and exit 1', async () => {
    const path = join(work, 'junk.bin');
    writeFileSync(path, Buffer.from('not an ane file at all'));
    const r = await runAnecc(['inspect', path]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^anecc: error: .*junk\.bin: neither an HWX file/);
    expect(r.stdout).toBe('');
  });

  it('should answer a truncated HWX file with one error line and exit 1', async () => {
    const path = join(work, 'short.hwx');
    writeFileSync(path, Buffer.from([0xce, 0xfa, 0xef, 0xbe, 0x80, 0, 0, 0]));
    const r = await runAnecc(['inspect', path]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('should answer a missing file with one error line and exit 1', async () => {
    const r = await runAnecc(['inspect', join(work, 'missing.hwx')]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/cannot read the file \(ENOENT\)/);
  });

  it('should accept --debug, which main.ts suggests after an internal error', async () => {
    const path = join(work, 'junk-debug.bin');
    writeFileSync(path, Buffer.from('not an ane file at all'));
    const r = await runAnecc(['inspect', '--debug', path]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^anecc: error: .*junk-debug\.bin: neither an HWX file/);
  });

  it('should exit 2 on a missing argument', async () => {
    const r = await runAnecc(['inspect']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Usage: anecc inspect [OPTIONS] FILE');
  });
});
