import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffReportSchema, foldRows, type DiffReport } from '../../src/tools/index.js';
import { runAnecc } from '../helpers/cli.js';
import { corpusDir, corpusSkipReason } from '../../support/corpus.js';

const skip = corpusSkipReason();
if (skip) console.log(skip);
const corpus = (name: string): string => join(corpusDir() ?? '', name);
const work = mkdtempSync(join(tmpdir(), 'anecc-diff-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MACOS = ['mul.hwx', 'mul_macos14.hwx', 'mul_macos26_m1.hwx'];

async function jsonDiff(names: readonly string[]): Promise<DiffReport> {
  const r = await runAnecc(['diff', ...names.map(corpus), '--format', 'json']);
  expect(r.exitCode).toBe(1);
  return diffReportSchema.parse(JSON.parse(r.stdout));
}

/** The data rows of a GitHub table (not the header, not the separator), as cells. */
function tableRows(markdown: string): string[][] {
  const lines = markdown.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| group |') && !l.startsWith('| |'));
  return lines.map((l) => l.slice(2, -2).split(' | '));
}

describe.skipIf(skip !== undefined)('anecc diff on the corpus', () => {
  it('should show mul.ane vs mul_macos14.ane with names, bit fields and folded runs', async () => {
    const r = await runAnecc(['diff', corpus('mul.ane'), corpus('mul_macos14.ane')]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^ +W8 buffer-slot bindings +0x249a5 +0x26964$/m);
    expect(r.stdout).toMatch(/^ +slot bindings +reads 5, 6; writes 4 +reads 4, 5; writes 6$/m);
    expect(r.stdout).toMatch(/^task 0 NE\n +KernelCfg +0 +0x80\n +MACCfg +0 +0x100000$/m);
    expect(r.stdout).toMatch(/^ +CoeffDMAConfig0\.\.15 +0 +0x80$/m);
  });

  it('should put every difference of the two-way diffs into the three-way Markdown, and no row where all agree', async () => {
    const three = await jsonDiff(MACOS);
    const md = await runAnecc(['diff', ...MACOS.map(corpus), '--format', 'markdown']);
    expect(md.exitCode).toBe(1);
    const rows = tableRows(md.stdout);
    // No row where all three are equal (bold marks a value unlike the first file's).
    for (const cells of rows.filter((c) => c.length === 5)) expect(cells.slice(2).some((c) => c.startsWith('**'))).toBe(true);
    const byWhere = new Map(three.rows.map((r) => [r.where, r]));
    const folded = foldRows(three.rows);
    const shown = (group: string, field: string): boolean => rows.some((c) => c[0] === group && c[1] === field);
    for (const [i, j] of [[0, 1], [0, 2], [1, 2]] as const) {
      const two = await jsonDiff([MACOS[i]!, MACOS[j]!]);
      expect(two.rows.length).toBeGreaterThan(10);
      for (const d of two.rows) {
        const row = byWhere.get(d.where);
        expect(row, d.where).toBeDefined();
        // Counts of changed bytes are against the first file of each diff: only their presence carries over.
        if (!d.where.endsWith('.differing')) expect([row!.values[i], row!.values[j]]).toEqual(d.values);
        // In the Markdown under its group, alone or inside a folded run (`CoeffDMAConfig0..15`).
        const run = folded.find((f) => f.where === d.where || (f.group === d.group && f.address !== null && d.address !== null && d.address >= f.address && d.address < f.address + 4 * f.count));
        expect(run, d.where).toBeDefined();
        expect(shown(run!.group, run!.field), `${run!.group} ${run!.field}`).toBe(true);
      }
    }
    // What the two-way diffs of the old tool reported, by path (its `ident.flags` is now one row per flag).
    for (const where of ['macho.ncmds', 'program.slot[4]', 'tensor.probs.slot', 'section.__TEXT,__text.size', 'program.first_task_word_marker', 'task[0].first_packet', 'task[0].reg.0x1f8c8', 'ident.flag.--fno-fold-scale']) {
      expect(byWhere.has(where), where).toBe(true);
    }
  });

  it('should let the macOS 12 / 14 / 26 comparison read directly in Markdown', async () => {
    const md = (await runAnecc(['diff', ...MACOS.map(corpus), '--format', 'markdown'])).stdout;
    expect(md).toMatch(/\| A: mul\.hwx<br>v5\.4\.1 · H13 \| B: mul_macos14\.hwx<br>v7\.6\.4 · H13 \| C: mul_macos26_m1\.hwx<br>v9\.509\.0 · H13 \|/);
    expect(md).toContain('| task 0 NE | KernelCfg | 0 | **0x80** | **0x80** |');
    expect(md).toContain('| task 0 NE | MACCfg | 0 | **0x100000** | **0x100000** |');
    expect(md).toContain('| task 0 KernelDMA | CoeffDMAConfig0..15 | 0 | **0x80** | **0x80** |');
    expect(md).toContain('| task 0 KernelDMA | CoeffBfrSize0..15 | 0 | **0x40** | **(absent)** |');
    expect(md).toContain('| task 0 TileDMASrc | 0x13840 | 0 | **0x100** | **0x100** |');
    expect(md).toContain('| task 0 | W2 log events | 0x422 | **0x42a** | **0x42a** |');
    expect(md).toContain('| task 0 | W8 buffer-slot bindings | 0x249a5 | **0x26964** | **0x26964** |');
    expect(md).toContain('| task 0 | slot bindings | reads 5, 6; writes 4 | **reads 4, 5; writes 6** | **reads 4, 5; writes 6** |');
  });

  it('should write the report atomically with -o and keep the exit status', async () => {
    const out = join(work, 'report.md');
    const r = await runAnecc(['diff', ...MACOS.map(corpus), '--format', 'markdown', '-o', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('| task 0 NE | KernelCfg |');
  });

  it('should print compact JSON on a pipe, indented with --pretty', async () => {
    const compact = await runAnecc(['diff', corpus('mul.hwx'), corpus('mul_macos26_m1.hwx'), '--json']);
    expect(compact.stdout.trim().split('\n')).toHaveLength(1);
    const pretty = await runAnecc(['diff', corpus('mul.hwx'), corpus('mul_macos26_m1.hwx'), '--json', '--pretty']);
    expect(JSON.parse(pretty.stdout)).toEqual(JSON.parse(compact.stdout));
    expect(diffReportSchema.parse(JSON.parse(compact.stdout)).rows).toContainEqual(expect.objectContaining({ where: 'task[0].header.W2', values: [0x422, 0x42a], format: 'hex' }));
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

  it('should exit 2 on a missing argument or an unknown format', async () => {
    const one = await runAnecc(['diff', 'only-one']);
    expect(one.exitCode).toBe(2);
    expect(one.stderr).toContain('Usage: anecc diff [OPTIONS] A B [C ...]');
    const format = await runAnecc(['diff', 'a', 'b', '--format', 'pdf']);
    expect(format.exitCode).toBe(2);
    expect(format.stderr).toMatch(/Allowed choices are text, json, markdown, html/);
  });
});
