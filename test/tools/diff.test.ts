import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readHwx } from '../../src/hwx/index.js';
import { diffLoaded, diffReportSchema, foldRows, loadBytes, ToolError, type DiffReport, type DiffRow } from '../../src/tools/index.js';
import { describeHwxFile, describeMul, writeHwx } from '../../src/writer/index.js';
import { mutate, mutationArb } from '../../support/arbitraries/mutations.js';
import { corpusSkipReason, readCorpusFile } from '../../support/corpus.js';

const skip = corpusSkipReason();
if (skip) console.log(skip);

function diffBytes(...files: Uint8Array[]): DiffReport {
  return diffReportSchema.parse(diffLoaded(files.map((b, i) => loadBytes(String.fromCharCode(97 + i), b))));
}

const taskRows = (r: DiffReport): DiffRow[] => r.rows.filter((d) => d.where.startsWith('task['));
const row = (r: DiffReport, where: string): DiffRow | undefined => r.rows.find((d) => d.where === where);

describe.skipIf(skip !== undefined)('diff on the corpus', () => {
  it('should find exactly the W4 change between mul_macos26_m1.hwx and a writer-built copy', () => {
    // Arrange
    const original = readCorpusFile('mul_macos26_m1.hwx');
    const description = describeHwxFile(readHwx(original), original);
    const [task, ...rest] = description.tasks;
    const header = [...task!.header];
    header[4] = 0xfffbff;
    const copy = writeHwx({ ...description, tasks: [{ ...task!, header }, ...rest] });
    // Act
    const report = diffBytes(original, copy);
    // Assert
    expect(taskRows(report)).toEqual([
      { where: 'task[0].header.W4', group: 'task 0', task: 0, address: null, field: 'W4 debug log events', format: 'hex', values: [0xfff86a, 0xfffbff], differs: true, changed: [false, true] },
    ]);
    expect(report.same).toBe(false);
  });

  it('should name W2, the W8 bindings and bit fields, the coefficient registers, 0x13840 and NE KernelCfg/MACCfg for mul.ane vs mul_macos14.ane', () => {
    const report = diffBytes(readCorpusFile('mul.ane'), readCorpusFile('mul_macos14.ane'));
    const fields = report.rows.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['W2 log events', 'W8 buffer-slot bindings', 'W8 wbase', 'KernelCfg', 'MACCfg', '0x13840']));
    expect(fields).toEqual(expect.arrayContaining(['CoeffDMAConfig0', 'CoeffDMAConfig15', 'CoeffBfrSize0', 'CoeffBfrSize15']));
    expect(row(report, 'task[0].header.W8')).toMatchObject({ values: [0x249a5, 0x26964], format: 'hex' });
    expect(row(report, 'task[0].bindings')).toMatchObject({ values: ['reads 5, 6; writes 4', 'reads 4, 5; writes 6'] });
    expect(row(report, 'task[0].reg.0xc800')).toMatchObject({ group: 'task 0 NE', field: 'KernelCfg', values: [0, 0x80] });
    expect(foldRows(report.rows).map((g) => [g.field, g.count])).toContainEqual(['CoeffDMAConfig0..15', 16]);
  });

  it('should find a file the same as itself', () => {
    const bytes = readCorpusFile('mul_macos14.hwx');
    const report = diffBytes(bytes, bytes, bytes);
    expect(report).toMatchObject({ same: true, differenceCount: 0, rows: [] });
  });

  it('should compare an HWX file with its .anec on what they share', () => {
    const report = diffBytes(readCorpusFile('mul.hwx'), readCorpusFile('mul.ane'));
    expect(taskRows(report)).toEqual([]);
    expect(report.rows.map((d) => d.where)).toContain('file.kind');
    // The task bytes and the kernel bytes are the same region in both kinds.
    expect(row(report, 'bytes.tasks')).toBeUndefined();
    expect(report.notCompared.join(' ')).toMatch(/HWX and \.anec/);
  });

  it('should compare files of different generations on what they share, and say so', () => {
    const report = diffBytes(readCorpusFile('generations/matmul_h13.hwx'), readCorpusFile('generations/matmul_h11.hwx'));
    expect(report.notCompared).toHaveLength(1);
    expect(report.notCompared[0]).toBe('generations differ (H13, H11): task words and registers not compared');
    expect(report.rows.some((r) => r.where.includes('.reg.') || r.where.includes('.header.W'))).toBe(false);
    expect(row(report, 'generation')?.values).toEqual(['H13', 'H11']);
  });

  it('should answer a mutated corpus file against the original with a report or a ToolError', () => {
    const original = readCorpusFile('mul_macos26_m1.hwx');
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (mutations) => {
        try {
          diffBytes(original, mutate(original, mutations));
        } catch (error) {
          if (!(error instanceof ToolError)) throw error;
        }
      }),
    );
  });
});

describe('diff on writer-built files', () => {
  it('should report the alias stab a debug build adds, and the stab count', () => {
    const report = diffBytes(writeHwx(describeMul('v9')), writeHwx({ ...describeMul('v9'), aliasStabs: [{ name: 'probs/src', shape: { n: 1, c: 64, h: 1, w: 1 } }] }));
    expect(row(report, 'tensor.probs/src.role')?.values).toEqual([null, 'alias']);
    expect(row(report, 'stab.count')?.values).toEqual([3, 4]);
  });

  it('should fold runs of like register rows and leave the rest alone', () => {
    const d = (address: number, field: string, a: number, b: number): DiffRow => ({
      where: `task[0].reg.0x${address.toString(16)}`, group: 'task 0 KernelDMA', task: 0, address, field, format: 'hex', values: [a, b], differs: true, changed: [false, true],
    });
    const list = [d(0x1f808, 'CoeffDMAConfig0', 0, 0x80), d(0x1f80c, 'CoeffDMAConfig1', 0, 0x80), d(0x1f888, 'CoeffBfrSize0', 0, 0x40), d(0x1f88c, 'CoeffBfrSize1', 0, 0x41)];
    expect(foldRows(list).map((g) => [g.where, g.field, g.count])).toEqual([
      ['task[0].reg.0x1f808..0x1f80c', 'CoeffDMAConfig0..1', 2],
      ['task[0].reg.0x1f888', 'CoeffBfrSize0', 1],
      ['task[0].reg.0x1f88c', 'CoeffBfrSize1', 1],
    ]);
  });
});
