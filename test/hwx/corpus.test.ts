import { describe, expect, it } from 'vitest';
import { decodeW8, FULL_TASK_FIRST_PACKET, COMPACT_TASK_FIRST_PACKET, readHwx } from '../../src/hwx/index.js';
import type { HwxFile } from '../../src/hwx/index.js';
import { corpusFiles, corpusSkipReason, readCorpusFile } from '../../support/corpus.js';

interface Expected {
  readonly compiler: string;
  readonly text: { readonly vmaddr: number; readonly size: number; readonly fileOffset: number };
  readonly firstPacket: number;
  readonly taskCount: number;
  readonly stabs: number;
  readonly tensors: readonly { readonly role: string; readonly name: string; readonly shape: readonly number[]; readonly slot: number }[];
  readonly w8: number;
  readonly reads: readonly number[];
  readonly writes: readonly number[];
}

const one = (n: number) => [1, n, 1, 1] as const;
const mulTensors = (slots: readonly [number, number, number]) => [
  { role: 'input', name: 'image', shape: one(64), slot: slots[0] },
  { role: 'input', name: 'image2', shape: one(64), slot: slots[1] },
  { role: 'output', name: 'probs', shape: one(64), slot: slots[2] },
];
const concat: Expected = {
  compiler: '4.2.1',
  text: { vmaddr: 0x30000000, size: 0x574, fileOffset: 0x4000 },
  firstPacket: FULL_TASK_FIRST_PACKET,
  taskCount: 2,
  stabs: 3,
  tensors: [
    { role: 'input', name: 'input_1', shape: one(16), slot: 5 },
    { role: 'input', name: 'input_0', shape: one(16384), slot: 6 },
    { role: 'output', name: 'output@output', shape: one(16400), slot: 4 },
  ],
  w8: 0x5824026,
  reads: [6],
  writes: [4],
};
const unary = (shape: readonly number[], inputSlot = 5): Expected['tensors'] => [
  { role: 'input', name: 'image', shape, slot: inputSlot },
  { role: 'output', name: 'probs@output', shape, slot: 4 },
];
const v4 = (w8: number, reads: readonly number[], tensors: Expected['tensors'], stabs = 2): Expected => ({
  compiler: '4.2.1',
  text: { vmaddr: 0x30000000, size: 0x274, fileOffset: 0x4000 },
  firstPacket: FULL_TASK_FIRST_PACKET,
  taskCount: 1,
  stabs,
  tensors,
  w8,
  reads,
  writes: [4],
});

// Values per MANIFEST.md, checked by dumping each file.
const expected: Readonly<Record<string, Expected>> = {
  'mul.hwx': {
    compiler: '5.4.1',
    text: { vmaddr: 0x30000000, size: 0x274, fileOffset: 0x4000 },
    firstPacket: FULL_TASK_FIRST_PACKET,
    taskCount: 1,
    stabs: 3,
    tensors: mulTensors([5, 6, 4]),
    w8: 0x249a5,
    reads: [5, 6],
    writes: [4],
  },
  'mul_macos14.hwx': {
    compiler: '7.6.4',
    text: { vmaddr: 0x30000000, size: 0x274, fileOffset: 0x4000 },
    firstPacket: FULL_TASK_FIRST_PACKET,
    taskCount: 1,
    stabs: 3,
    tensors: mulTensors([4, 5, 6]),
    w8: 0x26964,
    reads: [4, 5],
    writes: [6],
  },
  'mul_macos26_m1.hwx': {
    compiler: '9.509.0',
    text: { vmaddr: 0x3000c000, size: 0x1f8, fileOffset: 0x8000 },
    firstPacket: COMPACT_TASK_FIRST_PACKET,
    taskCount: 1,
    stabs: 3,
    tensors: mulTensors([4, 5, 6]),
    w8: 0x26964,
    reads: [4, 5],
    writes: [6],
  },
  'tinygrad/concat.hwx': concat,
  'tinygrad/concat_nz.hwx': concat,
  'tinygrad/conv.hwx': v4(0x3024025, [5], unary(one(3))),
  'tinygrad/gemm.hwx': v4(0x5024025, [5], unary(one(512))),
  'tinygrad/gemm_nz.hwx': v4(0x5024025, [5], unary(one(512))),
  'tinygrad/relu.hwx': v4(0x1024025, [5], unary([1, 1, 1, 77])),
  'tinygrad/sigmoid.hwx': v4(0x1024025, [5], unary([1, 1, 1, 77])),
  'tinygrad/sum.hwx': v4(
    0x24966,
    [6, 5],
    [
      { role: 'input', name: 'image2', shape: one(64), slot: 5 },
      { role: 'input', name: 'image', shape: one(64), slot: 6 },
      { role: 'output', name: 'probs@output', shape: one(64), slot: 4 },
    ],
    3,
  ),
};

/** One matmul (A [1,1,2,3] x B [1,1,3,2] -> matmul_0 [1,1,2,2]) per generation: MANIFEST.md, generations/. */
interface GenerationExpected {
  readonly cpusubtype: number;
  readonly generation: string;
  readonly arch: string;
  readonly textSize: number;
  /** LC_THREAD flavors in load-command order: 1 program descriptor, 3 tensor, 4 segment state. */
  readonly flavors: readonly number[];
}
const programFlavors = [1, 3, 3, 3];
const segmentFlavors = [4, 3, 3, 3];
const generationFiles: Readonly<Record<string, GenerationExpected>> = {
  'generations/matmul_m10.hwx': { cpusubtype: 0, generation: 'M9', arch: 'm10', textSize: 0xec, flavors: programFlavors },
  'generations/matmul_h11.hwx': { cpusubtype: 1, generation: 'H11', arch: 'h11', textSize: 0x14c, flavors: programFlavors },
  'generations/matmul_t0.hwx': { cpusubtype: 2, generation: 'T0', arch: 't0', textSize: 0x1cc, flavors: programFlavors },
  'generations/matmul_h12.hwx': { cpusubtype: 3, generation: 'H12', arch: 'h12', textSize: 0x14c, flavors: programFlavors },
  'generations/matmul_h13.hwx': { cpusubtype: 4, generation: 'H13', arch: 'h13', textSize: 0x274, flavors: programFlavors },
  'generations/matmul_h14.hwx': { cpusubtype: 5, generation: 'H14', arch: 'h14', textSize: 0x100, flavors: segmentFlavors },
  'generations/matmul_h15.hwx': { cpusubtype: 6, generation: 'H15', arch: 'h15', textSize: 0x12c, flavors: segmentFlavors },
};

const skip = corpusSkipReason();
if (skip !== undefined) console.warn(skip);

describe.skipIf(skip !== undefined)('reading the real corpus', () => {
  it('should have an expectation for every .hwx file of the corpus', () => {
    expect(corpusFiles().map((f) => f.name)).toEqual([...Object.keys(expected), ...Object.keys(generationFiles)].sort());
  });

  for (const [name, want] of Object.entries(generationFiles)) {
    it(`should read ${name} as ${want.generation} with its __text, threads and tensors`, () => {
      const file = readHwx(readCorpusFile(name));
      expect(file.header).toMatchObject({ magic: 0xbeefface, cputype: 0x80, cpusubtype: want.cpusubtype, generation: want.generation });
      expect(file.ident?.compilerVersion).toBe('7.5.8');
      expect(file.ident?.flags).toContain(`-t ${want.arch}`);
      const text = file.sections.find((s) => s.segmentName === '__TEXT' && s.name === '__text');
      expect(text).toMatchObject({ addr: 0x30000000, dataSize: want.textSize, dataOffset: 0x4000 });
      const flavors = file.loadCommands.flatMap((c) => (c.kind === 'thread' ? [c.flavor] : []));
      expect(flavors).toEqual(want.flavors);
      expect(file.tensors.map((t) => [t.role, t.name, t.shape])).toEqual([
        ['input', 'A', [1, 1, 2, 3]],
        ['input', 'B', [1, 1, 3, 2]],
        ['output', 'matmul_0', [1, 1, 2, 2]],
      ]);
    });
  }

  for (const [name, want] of Object.entries(expected)) {
    describe(name, () => {
      const read = (): HwxFile => readHwx(readCorpusFile(name));

      it('should read the header as H13 with no warnings', () => {
        const file = read();
        expect(file.header).toMatchObject({ magic: 0xbeefface, cputype: 0x80, cpusubtype: 4, generation: 'H13', filetype: 2 });
        expect(file.header.flags).toBe(0x200000);
        expect(file.loadCommands).toHaveLength(file.header.ncmds);
        expect(file.warnings).toEqual([]);
        expect(file.ident?.compilerVersion).toBe(want.compiler);
        expect(file.ident?.flags).toContain('-t h13');
      });

      it('should find __TEXT,__text and __TEXT,__const where the manifest says', () => {
        const file = read();
        const text = file.sections.find((s) => s.segmentName === '__TEXT' && s.name === '__text');
        expect(text).toMatchObject({ addr: want.text.vmaddr, dataSize: want.text.size, dataOffset: want.text.fileOffset, role: 'code' });
        const kernel = file.sections.find((s) => s.segmentName === '__TEXT' && s.name === '__const');
        expect(kernel?.role).toBe('kernel');
        expect(file.segments.map((s) => s.name)).toContain('__PAGEZERO');
        expect(file.program?.slots[0]).toBe(want.text.vmaddr);
        expect(file.program?.slots[1]).toBe(kernel?.addr);
      });

      it('should decode the task stream', () => {
        const file = read();
        const tasks = file.taskStream?.tasks ?? [];
        expect(tasks).toHaveLength(want.taskCount);
        expect(file.program?.taskCount).toBe(want.taskCount);
        expect(file.program?.firstTaskAddress).toBe(want.text.vmaddr);
        expect(tasks[0]?.offset).toBe(want.text.fileOffset);
        expect(tasks[0]?.firstPacket).toBe(want.firstPacket);
        const marker = want.firstPacket === FULL_TASK_FIRST_PACKET ? 0x9c : 0x7d;
        expect(file.program?.firstTaskWordMarker).toBe(marker);
        for (const task of tasks) {
          expect(task.taskKind).toBe(want.firstPacket === FULL_TASK_FIRST_PACKET ? 'full' : 'compact');
          expect(task.size).toBe((marker + 1) * 4);
          // Packets tile the task exactly, after the 10 header words.
          const packetBytes = task.packets.reduce((sum, p) => sum + p.size, 0);
          expect(0x28 + packetBytes).toBe(task.size);
          expect(task.writes.length).toBe(task.packets.reduce((sum, p) => sum + p.count, 0));
        }
        const last = tasks[tasks.length - 1];
        expect(last !== undefined && last.offset + last.size).toBe(want.text.fileOffset + want.text.size);
      });

      it('should name the tensors with their shapes, roles and slots', () => {
        const file = read();
        expect(file.stabs).toHaveLength(want.stabs);
        expect(file.stabs.every((s) => s.elementType === 5 && !s.alias)).toBe(true);
        const got = file.tensors.map((t) => ({ role: t.role, name: t.name, shape: t.shape, slot: t.slot }));
        expect(got).toEqual(want.tensors);
        expect(file.tensorDescriptors).toHaveLength(want.tensors.length);
      });

      it('should decode W8 slot bindings', () => {
        const task = read().taskStream?.tasks[0];
        expect(task?.header[8]).toBe(want.w8);
        const bindings = decodeW8(task?.header[8] ?? 0);
        expect(bindings.reads).toEqual(want.reads);
        expect(bindings.writes).toEqual(want.writes);
      });
    });
  }

  it('should show the compact task second KernelDMA packet in the macOS 26 file', () => {
    const task = readHwx(readCorpusFile('mul_macos26_m1.hwx')).taskStream?.tasks[0];
    expect(task?.packets[1]?.header).toBe(0x2c01f8c8);
    expect(task?.packets[1]?.address).toBe(0x1f8c8);
  });

  it('should find the second concat task through W7 at __text + 0x300', () => {
    const tasks = readHwx(readCorpusFile('tinygrad/concat.hwx')).taskStream?.tasks ?? [];
    expect(tasks.map((t) => t.offset)).toEqual([0x4000, 0x4300]);
    expect(tasks[0]?.header[7]).toBe(0x300);
  });

  it('should name buffers through LC_LOADFVMLIB in v5 and command 0x40 in v7+', () => {
    expect(readHwx(readCorpusFile('mul.hwx')).bufferNames.map((b) => [b.cmd, b.name])).toEqual([
      [0x6, 'image'],
      [0x6, 'image2'],
      [0x6, 'probs'],
    ]);
    expect(readHwx(readCorpusFile('mul_macos14.hwx')).bufferNames.map((b) => [b.cmd, b.name, b.vmaddr])).toEqual([
      [0x40, 'image', 0x30008000],
      [0x40, 'image2', 0x3000c000],
      [0x40, 'probs', 0x30010000],
    ]);
  });
});
