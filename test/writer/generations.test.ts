import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRegisterWrite, profileFor, readHwx } from '../../src/hwx/index.js';
import { diffLoaded, diffReportSchema, inspectBytes, inspectReportSchema, loadBytes, ToolError } from '../../src/tools/index.js';
import { describeMatmul, HwxWriteError, writeHwx, writerGenerations } from '../../src/writer/index.js';
import { mutate, mutationArb } from '../../support/arbitraries/mutations.js';
import { corpusFiles, readCorpusFile } from '../../support/corpus.js';

/** A report that passes its schema, or one ToolError; anything else fails the property. */
function reportOrToolError(run: () => unknown, schema: { parse: (x: unknown) => unknown }): void {
  try {
    schema.parse(run());
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    expect(error.message.split('\n')).toHaveLength(1);
  }
}

describe('the writer in other generations’ task layouts', () => {
  it('should write an H14 matmul whose 0x100-byte task decodes as td_v11.h reads it', () => {
    // Arrange / Act
    const file = readHwx(writeHwx(describeMatmul('H14')));
    // Assert
    expect(file.header).toMatchObject({ cpusubtype: 5, generation: 'H14' });
    expect(file.program).toBeUndefined();
    expect(file.segmentState).toMatchObject({ tdCount: 1, segWords: 64 });
    expect(file.tensors.map((t) => [t.name, t.slot])).toEqual([['A', 8], ['B', 10], ['matmul_0', 12]]);
    const task = file.taskStream!.tasks[0]!;
    expect(task.size).toBe(0x100);
    const common = task.writes.map((w) => decodeRegisterWrite(profileFor(5), w.address, w.value)).filter((r) => r.block === 'Common' && r.value !== 0);
    expect(common.map((r) => [r.name, Object.fromEntries(r.fields.map((f) => [f.name, f.value]))])).toEqual([
      ['InDim', { Win: 2, Hin: 1 }],
      ['Cin', { Cin: 3 }],
      ['Cout', { Cout: 2 }],
      ['OutDim', { Wout: 2, Hout: 1 }],
    ]);
    expect(file.warnings).toEqual([]);
  });

  it('should write an H11 matmul: packets after a 7-word header, shown raw by inspect', () => {
    const bytes = writeHwx(describeMatmul('H11'));
    const report = inspectBytes('h11.hwx', bytes);
    expect(report.generation).toBe('H11');
    expect(report.program?.firstTaskWordMarker).toBe(0x34 / 4 - 1);
    expect(report.tasks[0]!.header).toHaveLength(7);
    expect(report.tasks[0]!.packets).toEqual([expect.objectContaining({ address: 0, count: 5 })]);
    expect(report.tasks[0]!.registers.map((r) => r.value)).toEqual([0x10002, 0x22, 3, 2, 0x10002]);
    expect(report.tasks[0]!.registers.every((r) => r.register === null)).toBe(true);
    expect(report.warnings.map((w) => w.code)).toEqual(['generation_not_decoded']);
  });

  it('should refuse tasks that do not fit the generation', () => {
    const h14 = describeMatmul('H14');
    expect(() => writeHwx({ ...h14, tasks: [{ ...h14.tasks[0]!, packets: [{ address: 0, values: [1] }] }] })).toThrow(HwxWriteError);
    const h11 = describeMatmul('H11');
    expect(() => writeHwx({ ...h11, tasks: [{ ...h11.tasks[0]!, header: new Array<number>(10).fill(0) }] })).toThrow(/expected 7 words/);
  });
});

describe('inspect and diff on mutated files of every generation', () => {
  const written = writerGenerations.map((g) => ({ name: `written ${g}`, bytes: writeHwx(describeMatmul(g)) }));
  const corpus = corpusFiles()
    .filter((f) => f.name.startsWith('generations/'))
    .map((f) => ({ name: f.name, bytes: readCorpusFile(f.name) }));
  if (corpus.length === 0) console.log('generations/ corpus not found: mutating written H11 and H14 files only');
  const files = [...written, ...corpus];

  it('should answer with a report or one error line, never a crash', () => {
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (index, mutations) => {
        // Arrange: a copy, mutated
        const original = files[index]!.bytes;
        const mutated = mutate(original, mutations);
        // Act / Assert
        reportOrToolError(() => inspectBytes('mutated.hwx', mutated), inspectReportSchema);
        reportOrToolError(() => diffLoaded([loadBytes('original.hwx', original), loadBytes('mutated.hwx', mutated)]), diffReportSchema);
      }),
    );
  });

  it('should answer with a report or one error line for a truncated file of every generation', () => {
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), fc.nat(), (index, cut) => {
        const bytes = files[index]!.bytes;
        reportOrToolError(() => inspectBytes('cut.hwx', bytes.slice(0, cut % (bytes.length + 1))), inspectReportSchema);
      }),
    );
  });
});
