import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TARGET, findAnecTarget, layOutAnec } from '../../../src/anec/index.js';
import { checkBytes, checkCauseCodes, checkReportSchema, fixCheck, type CheckReport } from '../../../src/tools/check/index.js';
import { loadBytes, ToolError } from '../../../src/tools/index.js';
import { describeMul, describeTwoIntermediates, writeHwx } from '../../../src/writer/index.js';
import { mutate, mutationArb } from '../../../support/arbitraries/mutations.js';
import { corpusFiles, corpusSkipReason, readCorpusFile } from '../../../support/corpus.js';
import { anecFile, convertUpstream } from '../helpers.js';

const skip = corpusSkipReason();
if (skip) console.warn(`skipped: ${skip}`);
const libane = findAnecTarget('libane')!;

/** The check contract: a report that passes its schema with a verdict for every cause, or a ToolError. */
function checkOrToolError(bytes: Uint8Array, target = DEFAULT_TARGET): CheckReport | ToolError {
  try {
    const report = checkBytes('input', bytes, target);
    checkReportSchema.parse(report);
    expect(report.causes.map((c) => c.code)).toEqual([...checkCauseCodes]);
    return report;
  } catch (error) {
    if (error instanceof ToolError) return error;
    throw error;
  }
}

const problems = (name: string, target = DEFAULT_TARGET): readonly string[] => checkBytes(name, readCorpusFile(name), target).problems;

describe.skipIf(skip !== undefined)('check on the corpus', () => {
  const files = [...corpusFiles('.hwx'), ...corpusFiles('.ane')];

  it('should find the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  for (const file of files) {
    it(`should give a verdict for every cause on ${file.name}, for both targets`, () => {
      for (const target of [DEFAULT_TARGET, libane]) {
        const report = checkOrToolError(readCorpusFile(file.name), target);
        expect(report).not.toBeInstanceOf(ToolError);
      }
    });
  }

  it('should find no problem in mul.ane and mul.hwx (the macOS 12 files that work on Linux)', () => {
    expect(problems('mul.ane')).toEqual([]);
    expect(problems('mul.hwx')).toEqual([]);
  });

  it('should find the payload offset alone in mul.ane against --target libane', () => {
    const report = checkBytes('mul.ane', readCorpusFile('mul.ane'), libane);
    expect(report.problems).toEqual(['payload_offset']);
    expect(report.causes.find((c) => c.code === 'payload_offset')?.fix).toMatchObject({ kind: 'retarget', runOnHardware: false });
  });

  it('should find slot order and spurious KernelDMA/NE in mul_macos14.hwx, its .ane and the macOS 26 files', () => {
    for (const name of ['mul_macos14.hwx', 'mul_macos14.ane', 'mul_macos26_m1.hwx', 'mul_macos26_m4.ane']) {
      expect(problems(name), name).toEqual(['slot_order', 'spurious_kdma']);
    }
    const slot = checkBytes('mul_macos14.hwx', readCorpusFile('mul_macos14.hwx'), DEFAULT_TARGET).causes.find((c) => c.code === 'slot_order')!;
    expect(slot.evidence).toContainEqual({ field: 'task[0].W8', value: '0x26964 (reads 4, 5; writes 6)' });
    expect(slot.fix?.kind).toBe('remap');
  });

  it('should see the kernel binding k0 of matmul_h13.hwx on a slot that libane gives the output, and fix it by remapping', () => {
    const slot = checkBytes('m', readCorpusFile('generations/matmul_h13.hwx'), DEFAULT_TARGET).causes.find((c) => c.code === 'slot_order')!;
    expect(slot.verdict).toBe('problem');
    expect(slot.evidence).toContainEqual({ field: 'task[0].W9', value: '0x24 (k0 slot 4)' });
    expect(slot.fix?.kind).toBe('remap');
    const fixed = fixCheck(loadBytes('m', readCorpusFile('generations/matmul_h13.hwx')), DEFAULT_TARGET, 'out.anec');
    expect(fixed.report.fix?.problemsAfter).toEqual([]);
  });

  it('should call other generations a generation problem and leave the task-word causes unknown', () => {
    const report = checkBytes('h11', readCorpusFile('generations/matmul_h11.hwx'), DEFAULT_TARGET);
    const verdict = (code: string): string | undefined => report.causes.find((c) => c.code === code)?.verdict;
    expect(verdict('generation')).toBe('problem');
    expect(verdict('slot_order')).toBe('unknown');
    expect(verdict('spurious_kdma')).toBe('unknown');
  });

  it('should fix mul_macos14.hwx for libane: remap, clean and retarget, and find nothing after', () => {
    const fixed = fixCheck(loadBytes('mul_macos14.hwx', readCorpusFile('mul_macos14.hwx')), libane, 'out.anec');
    expect(fixed.report.fix?.applied.map((a) => a.kind)).toEqual(['convert', 'remap', 'clean', 'retarget']);
    expect(fixed.report.fix?.applied.every((a) => !a.runOnHardware)).toBe(true);
    expect(fixed.report.fix?.problemsAfter).toEqual([]);
    expect(fixed.anec?.header.length).toBe(0x800);
    // Re-reading the written bytes finds the libane layout and no problem.
    expect(checkBytes('out.anec', anecFile(fixed.anec!), libane).problems).toEqual([]);
  });

  it('should retarget mul.ane for libane and leave nothing else changed', () => {
    const golden = readCorpusFile('mul.ane');
    const fixed = fixCheck(loadBytes('mul.ane', golden), libane, 'out.anec');
    expect(fixed.report.fix?.applied.map((a) => a.kind)).toEqual(['retarget']);
    const back = layOutAnec(fixed.anec!, DEFAULT_TARGET);
    expect(anecFile(back)).toEqual(golden);
  });
});

describe('check on writer-made files', () => {
  it('should report the intermediate buffers of a model with two (like atan2), and that it does not convert', () => {
    const report = checkBytes('two.hwx', writeHwx(describeTwoIntermediates('v7')), DEFAULT_TARGET);
    expect(report.problems).toContain('intermediates');
    expect(report.problems).toContain('conversion');
    const itm = report.causes.find((c) => c.code === 'intermediates')!;
    expect(itm.evidence).toContainEqual({ field: 'intermediate buffers', value: '2' });
    // Nothing to write: the fix has no conversion to start from.
    expect(fixCheck(loadBytes('two.hwx', writeHwx(describeTwoIntermediates('v7'))), DEFAULT_TARGET, 'o').anec).toBeUndefined();
  });

  it('should never throw anything but a ToolError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 0x1400 }), (bytes) => {
        checkOrToolError(bytes);
      }),
    );
  });

  it('should never throw anything but a ToolError on mutated HWX and .anec files, for both targets', () => {
    const hwx = writeHwx(describeMul('v7'));
    const v9 = writeHwx(describeMul('v9'));
    const converted = convertUpstream('mul.hwx', hwx);
    const anecs = [anecFile(converted), anecFile(layOutAnec(converted, libane))];
    fc.assert(
      fc.property(fc.constantFrom(hwx, v9, ...anecs), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), fc.boolean(), (base, mutations, toLibane) => {
        // Arrange
        const bytes = mutate(base, mutations);
        const target = toLibane ? libane : DEFAULT_TARGET;
        // Act / Assert: checking, and fixing, give a report or a ToolError.
        const report = checkOrToolError(bytes, target);
        if (report instanceof ToolError) return;
        const fixed = fixCheck(loadBytes('input', bytes), target, 'out.anec');
        checkReportSchema.parse(fixed.report);
        if (fixed.anec !== undefined) expect(fixed.anec.header.length).toBe(target.payloadOffset);
      }),
    );
  });
});
