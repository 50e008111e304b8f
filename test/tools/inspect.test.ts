import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspectBytes, inspectReportSchema, ToolError, type InspectReport } from '../../src/tools/index.js';
import { describeMul, describeMulDebugProbs, writeHwx } from '../../src/writer/index.js';
import { mutate, mutationArb } from '../../support/arbitraries/mutations.js';
import { corpusFiles, corpusSkipReason, readCorpusFile } from '../../support/corpus.js';

const skip = corpusSkipReason();
if (skip) console.log(skip);

/** The tolerant contract: a report that passes its schema, or a ToolError; nothing else. */
function inspectOrToolError(bytes: Uint8Array): InspectReport | ToolError {
  try {
    const report = inspectBytes('input', bytes);
    inspectReportSchema.parse(report);
    return report;
  } catch (error) {
    if (error instanceof ToolError) return error;
    throw error;
  }
}

const codes = (r: InspectReport): string[] => r.warnings.map((w) => w.code);

describe.skipIf(skip !== undefined)('inspect on the corpus', () => {
  it('should report libane_slot_order and the output probs [1, 64, 1, 1] at slot 6 for mul_macos14.hwx', () => {
    // Act
    const report = inspectBytes('mul_macos14.hwx', readCorpusFile('mul_macos14.hwx'));
    // Assert
    expect(codes(report)).toContain('libane_slot_order');
    expect(codes(report)).toContain('spurious_kdma');
    expect(report.tensors.find((t) => t.name === 'probs')).toMatchObject({ role: 'output', shape: [1, 64, 1, 1], slot: 6 });
    expect(report).toMatchObject({ kind: 'hwx', generation: 'H13', subtype: 4, compiler: { version: '7.6.4' } });
    const task = report.tasks[0]!;
    expect(task.bindings).toMatchObject({ value: 0x26964, reads: [4, 5], writes: [6] });
    expect(task.registers.find((r) => r.address === 0xc800)).toMatchObject({ register: 'KernelCfg', block: 'NE', value: 0x80 });
  });

  it('should not warn about mul.hwx, which compiler v5 laid out the way libane expects', () => {
    const report = inspectBytes('mul.hwx', readCorpusFile('mul.hwx'));
    expect(codes(report)).toEqual([]);
  });

  it('should read the compact task of mul_macos26_m1.hwx', () => {
    const report = inspectBytes('mul_macos26_m1.hwx', readCorpusFile('mul_macos26_m1.hwx'));
    expect(report.tasks.map((t) => [t.layout, t.size, t.firstPacket])).toEqual([['compact', 0x1f8, 0x4401f800]]);
    expect(codes(report)).toEqual(['libane_slot_order', 'spurious_kdma']);
  });

  it('should give every corpus file (HWX and .anec) a report that passes the schema', () => {
    for (const f of [...corpusFiles('.hwx'), ...corpusFiles('.ane')]) {
      const result = inspectOrToolError(readCorpusFile(f.name));
      expect(result, f.name).not.toBeInstanceOf(ToolError);
      expect((result as InspectReport).tasks.length, f.name).toBeGreaterThan(0);
    }
  });

  it('should tell .anec files by content and name their slots as upstream does', () => {
    const report = inspectBytes('x', readCorpusFile('mul_macos14.ane'));
    expect(report.kind).toBe('anec');
    expect(report.tensors.map((t) => [t.name, t.role, t.slot])).toEqual([
      ['dst0', 'output', 4],
      ['src0', 'input', 5],
      ['src1', 'input', 6],
    ]);
    expect(codes(report)).toContain('libane_slot_order');
  });

  it('should list spurious_kdma registers in adjacent runs only, so a gap or a distant like run stays visible', () => {
    // Arrange: the unnamed 0x1f8e8.. words take the value of the 0x1f8c8.. ones, and CoeffDMAConfig5 is 0.
    const bytes = new Uint8Array(readCorpusFile('mul_macos14.ane'));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const registers = inspectBytes('x', bytes).tasks[0]!.registers;
    const set = (address: number, value: number): void => view.setUint32(registers.find((r) => r.address === address)!.offset, value, true);
    for (let address = 0x1f8e8; address <= 0x1f8f4; address += 4) set(address, 0x80);
    set(0x1f81c, 0);
    // Act
    const warning = inspectBytes('x', bytes).warnings.find((w) => w.code === 'spurious_kdma');
    // Assert
    expect(warning?.message).toContain('CoeffDMAConfig0..CoeffDMAConfig4 (0x1f808..0x1f818) = 0x80, CoeffDMAConfig6..CoeffDMAConfig15 (0x1f820..0x1f844) = 0x80');
    expect(warning?.message).toContain('0x1f8c8..0x1f8d4 = 0x80, 0x1f8e8..0x1f8f4 = 0x80');
  });

  it('should answer mutated corpus files with a report or a ToolError', () => {
    const files = [...corpusFiles('.hwx'), ...corpusFiles('.ane')].filter((f) => !f.name.includes('gemm')).map((f) => readCorpusFile(f.name));
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (index, mutations) => {
        inspectOrToolError(mutate(files[index]!, mutations));
      }),
    );
  });
});

describe('inspect on writer-built and random files', () => {
  it('should decode an H13-layout file whose cpusubtype says H14 as H13, and say so', () => {
    // Arrange
    const bytes = writeHwx({ ...describeMul('v7'), cpuSubtype: 5 });
    // Act
    const report = inspectBytes('h14.hwx', bytes);
    // Assert
    expect(report.generation).toBe('H14');
    expect(codes(report)).toContain('generation_layout_mismatch');
    expect(report.decoding?.generation).toBe('H13');
    expect(report.tasks[0]!.registers.find((r) => r.address === 0xc800)?.register).toBe('KernelCfg');
  });

  it('should show a task of a generation with no public map raw, with one line saying so', () => {
    // Arrange: an H16 cpusubtype on bytes that are not an H13 task
    const bytes = writeHwx({ ...describeMul('v7'), cpuSubtype: 7 });
    bytes.fill(0x11, 0x4000 + 0x28, 0x4000 + 0x2c);
    // Act
    const report = inspectBytes('h16.hwx', bytes);
    // Assert
    expect(report.generation).toBe('H16');
    expect(report.warnings.filter((w) => w.code === 'generation_not_decoded').map((w) => w.message)).toEqual([
      'H16 (cpusubtype 7, unknown task-descriptor version): no public register map, so its tasks are shown raw and its registers are not decoded',
    ]);
    expect(report.tasks[0]!.registers.every((r) => r.register === null && r.block === null && r.fields.length === 0)).toBe(true);
    expect(report.tasks[0]!.header.every((w) => /^word\d+$/.test(w.word))).toBe(true);
  });

  it('should show the probs/src alias of a macOS 26 debug build', () => {
    const report = inspectBytes('debug.hwx', writeHwx(describeMulDebugProbs()));
    expect(report.tensors.find((t) => t.name === 'probs/src')).toMatchObject({ role: 'alias', slot: null, shape: [1, 64, 1, 1] });
    expect(report.segments.map((s) => s.name)).toContain('__DEBUG');
  });

  it('should answer random bytes with a report or a ToolError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8192 }), (bytes) => {
        inspectOrToolError(bytes);
      }),
    );
  });

  it('should answer random bytes behind an .anec-looking or HWX-looking start with a report or a ToolError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0x1000, maxLength: 0x3000 }), fc.boolean(), (random, anec) => {
        const bytes = new Uint8Array(random);
        const view = new DataView(bytes.buffer);
        if (anec) view.setUint32(8, 0x274, true);
        else view.setUint32(0, 0xbeefface, true);
        inspectOrToolError(bytes);
      }),
    );
  });

  it('should answer mutated writer-built files with a report or a ToolError', () => {
    const files = [writeHwx(describeMul('v5')), writeHwx(describeMul('v9')), writeHwx(describeMulDebugProbs())];
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (index, mutations) => {
        inspectOrToolError(mutate(files[index]!, mutations));
      }),
    );
  });

  it('should refuse bytes that are neither HWX nor .anec with a ToolError naming the file', () => {
    const result = inspectOrToolError(new Uint8Array(16));
    expect(result).toBeInstanceOf(ToolError);
    expect((result as ToolError).code).toBe('unknown_kind');
    expect((result as ToolError).message).toMatch(/^input: neither an HWX file/);
  });
});
