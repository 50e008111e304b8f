// Valid writer descriptions, built directly (no filtering): any layout, 1..4 inputs, 1..3 outputs
// on distinct slots, optional intermediate, 1..3 chained mul-shaped tasks with arbitrary header
// words and register values, any kernel size, v9 debug info, alias stabs.

import fc from 'fast-check';
import { hwxLayouts, linkTasks, mulTask } from '../../src/writer/index.js';
import type {
  AliasStabDescription,
  HwxDescription,
  HwxLayout,
  TaskDescription,
  TensorDescription,
  TensorShape,
} from '../../src/writer/index.js';
import { PROGRAM_SLOT_FIRST_IO, SLOT_COUNT } from '../../src/hwx/index.js';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const ioSlots = Array.from({ length: SLOT_COUNT - PROGRAM_SLOT_FIRST_IO }, (_, i) => PROGRAM_SLOT_FIRST_IO + i);

export const layoutArb: fc.Arbitrary<HwxLayout> = fc.constantFrom(...hwxLayouts);

/** Small shapes keep files small; strides still cover the rounding cases (W odd, H > 1). */
export const shapeArb: fc.Arbitrary<TensorShape> = fc.record({
  n: fc.integer({ min: 1, max: 2 }),
  c: fc.integer({ min: 1, max: 300 }),
  h: fc.integer({ min: 1, max: 8 }),
  w: fc.integer({ min: 1, max: 70 }),
});

const namePrefixArb = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);

interface TaskTweak {
  readonly words: readonly number[];
  readonly values: readonly number[];
  readonly reads: readonly [number, number];
  readonly write: number;
}

const taskTweakArb: fc.Arbitrary<TaskTweak> = fc.record({
  words: fc.array(u32, { minLength: 10, maxLength: 10 }),
  values: fc.array(u32, { minLength: 1, maxLength: 16 }),
  reads: fc.tuple(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 31 })),
  write: fc.integer({ min: 0, max: 31 }),
});

/** Header words kept from the tweak (W0, W2..W6, W8, W9); W1 and W7 are the chain, set by linkTasks. */
const TWEAKED_HEADER_WORDS = new Set([0, 1, 2, 3, 4, 5, 6, 8, 9]);

function tweakTask(layout: HwxLayout, shape: TensorShape, tweak: TaskTweak, index: number): TaskDescription {
  const base = mulTask({ layout, shape, index, bindings: { read0: tweak.reads[0], read1: tweak.reads[1], write: tweak.write } });
  let next = 0;
  return {
    header: base.header.map((word, k) => (TWEAKED_HEADER_WORDS.has(k) ? (tweak.words[k] ?? word) : word)),
    // Overwrite register values in order, cycling through the tweak; the packet layout stays valid.
    packets: base.packets.map((p, k) =>
      k % 2 === index % 2 ? { ...p, values: p.values.map(() => tweak.values[next++ % tweak.values.length] ?? 0) } : p,
    ),
  };
}

export const hwxDescriptionArb: fc.Arbitrary<HwxDescription> = fc
  .record({
    layout: layoutArb,
    cpuSubtype: fc.constantFrom(1, 3, 4, 5, 6, 7, 9, 10),
    compilerVersion: fc.constantFrom('4.2.1', '5.4.1', '7.6.4', '9.509.0'),
    espressoVersion: fc.option(fc.constantFrom('3304.7.2.4.1', '3520.15.1.14.2'), { nil: undefined }),
    compilerFlags: fc.array(fc.stringMatching(/^-[a-z0-9=.-]{1,20}$/), { maxLength: 5 }),
    networkName: namePrefixArb,
    prefix: namePrefixArb,
    inputs: fc.array(shapeArb, { minLength: 1, maxLength: 4 }),
    outputs: fc.array(fc.tuple(shapeArb, fc.boolean()), { minLength: 1, maxLength: 3 }),
    slots: fc.shuffledSubarray(ioSlots, { minLength: ioSlots.length, maxLength: ioSlots.length }),
    outputsFirst: fc.boolean(),
    intermediate: fc.option(fc.integer({ min: 1, max: 0x20000 }), { nil: undefined }),
    tasks: fc.array(taskTweakArb, { minLength: 1, maxLength: 3 }),
    kernelBlocks: fc.integer({ min: 0, max: 0x800 }),
    kernelFill: fc.constantFrom('zeros' as const, 'pattern' as const),
    debugInfo: fc.option(fc.record({ size: fc.integer({ min: 1, max: 0x9000 }), fill: fc.constantFrom('zeros' as const, 'pattern' as const) }), { nil: undefined }),
    aliases: fc.array(shapeArb, { maxLength: 2 }),
    sourceModelNote: fc.boolean(),
  })
  .map((r): HwxDescription => {
    const inputs = r.inputs.map((shape, i): TensorDescription => ({ kind: 'input', name: `${r.prefix}_in${i}`, shape, slot: 0 }));
    const outputs = r.outputs.map(([shape, suffixed], i): TensorDescription => ({
      kind: 'output',
      name: `${r.prefix}_out${i}${suffixed ? '@output' : ''}`,
      shape,
      slot: 0,
    }));
    const ordered = r.outputsFirst ? [...outputs, ...inputs] : [...inputs, ...outputs];
    const tensors = ordered.map((t, i) => ({ ...t, slot: r.slots[i] ?? PROGRAM_SLOT_FIRST_IO + i }));
    const firstShape = inputs[0]?.shape ?? { n: 1, c: 1, h: 1, w: 1 };
    const aliasStabs = r.aliases.map((shape, i): AliasStabDescription => ({ name: `${r.prefix}/src${i}`, shape }));
    return {
      layout: r.layout,
      cpuSubtype: r.cpuSubtype,
      compilerVersion: r.compilerVersion,
      espressoVersion: r.espressoVersion,
      compilerFlags: r.compilerFlags,
      networkName: r.networkName,
      tensors,
      intermediate: r.intermediate === undefined ? undefined : { size: r.intermediate },
      tasks: linkTasks(r.tasks.map((tweak, i) => tweakTask(r.layout, firstShape, tweak, i))),
      // An empty kernel has no content to tell its fill by: it is zeros.
      kernel: { size: r.kernelBlocks * 16, fill: r.kernelBlocks === 0 ? 'zeros' : r.kernelFill },
      debugInfo: r.layout === 'v9' ? r.debugInfo : undefined,
      aliasStabs,
      sourceModelNote: r.sourceModelNote,
    };
  });
