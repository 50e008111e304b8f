import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readHwx } from '../../src/hwx/index.js';
import { diffLoaded, diffReportSchema, groupDifferences, loadBytes, ToolError, type DiffReport, type Difference } from '../../src/tools/index.js';
import { describeHwxFile, describeMul, writeHwx } from '../../src/writer/index.js';
import { mutate, mutationArb } from '../../support/arbitraries/mutations.js';
import { corpusSkipReason, readCorpusFile } from '../../support/corpus.js';

const skip = corpusSkipReason();
if (skip) console.log(skip);

function diffBytes(a: Uint8Array, b: Uint8Array): DiffReport {
  return diffReportSchema.parse(diffLoaded(loadBytes('a', a), loadBytes('b', b)));
}

const taskDifferences = (r: DiffReport): Difference[] => r.differences.filter((d) => d.where.startsWith('task'));

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
    expect(taskDifferences(report)).toEqual([{ where: 'task[0].header.W4', field: 'W4 (debug log events)', a: 0xfff86a, b: 0xfffbff }]);
    expect(report.same).toBe(false);
  });

  it('should name W2, the W8 bindings, the coefficient registers, 0x13840 and NE KernelCfg/MACCfg for mul.ane vs mul_macos14.ane', () => {
    // Act
    const report = diffBytes(readCorpusFile('mul.ane'), readCorpusFile('mul_macos14.ane'));
    // Assert
    const fields = report.differences.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['W2 (log events)', 'W8 (buffer-slot bindings)', 'NE KernelCfg', 'NE MACCfg', 'TileDMASrc 0x13840']));
    expect(fields).toEqual(expect.arrayContaining(['KernelDMA CoeffDMAConfig0', 'KernelDMA CoeffDMAConfig15', 'KernelDMA CoeffBfrSize0', 'KernelDMA CoeffBfrSize15']));
    expect(report.differences.find((d) => d.where === 'task[0].header.W8')).toMatchObject({
      a: 0x249a5,
      b: 0x26964,
      detail: 'reads 5, 6; writes 4 -> reads 4, 5; writes 6',
    });
    expect(report.differences.every((d) => d.where.startsWith('task[0].'))).toBe(true);
    expect(report.groups.map((g) => [g.where, g.count])).toContainEqual(['task[0].reg.0x1f808..0x1f844', 16]);
    expect(report.groups.length).toBeLessThanOrEqual(12);
  });

  it('should find a file the same as itself', () => {
    const bytes = readCorpusFile('mul_macos14.hwx');
    const report = diffBytes(bytes, bytes);
    expect(report).toMatchObject({ same: true, differences: [], groups: [] });
  });

  it('should compare an HWX file with its .anec on what they share', () => {
    const report = diffBytes(readCorpusFile('mul.hwx'), readCorpusFile('mul.ane'));
    expect(taskDifferences(report)).toEqual([]);
    expect(report.differences.map((d) => d.where)).toContain('file.kind');
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
  it('should report the segment and alias a debug build adds', () => {
    const report = diffBytes(writeHwx(describeMul('v9')), writeHwx({ ...describeMul('v9'), aliasStabs: [{ name: 'probs/src', shape: { n: 1, c: 64, h: 1, w: 1 } }] }));
    expect(report.differences).toContainEqual({ where: 'tensor.probs/src', field: 'tensor', a: null, b: 'alias' });
  });

  it('should group runs of like register changes and leave the rest alone', () => {
    // Arrange
    const d = (address: number, field: string, a: number, b: number): Difference => ({ where: `task[0].reg.0x${address.toString(16)}`, field, a, b });
    const list = [d(0x1f808, 'KernelDMA CoeffDMAConfig0', 0, 0x80), d(0x1f80c, 'KernelDMA CoeffDMAConfig1', 0, 0x80), d(0x1f888, 'KernelDMA CoeffBfrSize0', 0, 0x40), d(0x1f88c, 'KernelDMA CoeffBfrSize1', 0, 0x41)];
    // Act
    const groups = groupDifferences(list);
    // Assert
    expect(groups.map((g) => [g.where, g.field, g.count])).toEqual([
      ['task[0].reg.0x1f808..0x1f80c', 'KernelDMA CoeffDMAConfig0..CoeffDMAConfig1', 2],
      ['task[0].reg.0x1f888', 'KernelDMA CoeffBfrSize0', 1],
      ['task[0].reg.0x1f88c', 'KernelDMA CoeffBfrSize1', 1],
    ]);
  });
});
