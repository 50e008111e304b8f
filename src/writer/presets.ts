// Ready-made descriptions: the elementwise `mul` network as compilers v5, v7 and v9 emit it, and
// variations the public corpus lacks (debug info with a `probs/src` alias, several tasks, an
// intermediate buffer, a file of any size for benchmarks). Register values follow the mul task
// of each compiler version; the ones that depend on the tensor shape are derived from it.

import { encodeW8Slot, KERNEL_ALIGNMENT_IN_BYTES, PROGRAM_SLOT_INTERMEDIATE, registerBlocks, W8_FIELDS } from '../hwx/index.js';
import type { RegisterBlock } from '../hwx/index.js';
import { alignUp, tensorGeometry } from './geometry.js';
import { planHwx } from './plan.js';
import { leadingPackets, linkTasks } from './tasks.js';
import type { HwxDescription, HwxLayout, PacketDescription, TaskDescription, TensorShape } from './types.js';

function blockAddress(block: RegisterBlock): number {
  const found = registerBlocks.find((b) => b.block === block);
  if (found === undefined) throw new Error(`internal: no register block ${block}`);
  return found.address;
}


export interface SlotBindingRequest {
  readonly read0?: number;
  readonly read1?: number;
  readonly write?: number;
}

/** Encodes W8, the buffer-slot bindings of a task (mul.hwx: read 5 and 6, write 4 = 0x249a5), with the reader's fields. */
function bindingWord(bindings: SlotBindingRequest): number {
  const bound = [
    [bindings.read0, 'rbase0', W8_FIELDS.rbe0],
    [bindings.read1, 'rbase1', W8_FIELDS.rbe1],
    [bindings.write, 'wbase', W8_FIELDS.wbe],
  ] as const;
  return bound.reduce((word, [slot, field, enable]) => (slot === undefined ? word : (encodeW8Slot(word, field, slot) | (1 << enable.shift)) >>> 0), 0);
}

/** Header words of the mul task, per compiler: W0 network id, W2 log events, W4 debug events, W6 flags. */
const W0_NETWORK = 0x02000000;
const W2_LOG_EVENTS_V5 = 0x422;
const W2_LOG_EVENTS_V7 = 0x42a;
const W4_DEBUG_EVENTS = 0xfff86a;
const W6_FLAGS = 0x30009800;

/** KernelDMA values of v7+ mul tasks: CoeffDMAConfig 0x80 and CoeffBfrSize 0x40 although no kernel is used. */
const KDMA_CONFIG_V7 = 0x80;
const KDMA_BUFFER_SIZE_V7 = 0x40;

export interface MulTaskOptions {
  readonly layout: HwxLayout;
  readonly bindings: SlotBindingRequest;
  /** Shape of the operands (the three tensors of mul share it). */
  readonly shape: TensorShape;
  /** Task number, kept in W0's low bits. */
  readonly index?: number;
}

function kernelDmaPackets(layout: HwxLayout): readonly PacketDescription[] {
  const packets = leadingPackets(layout);
  if (layout === 'v5') return packets;
  // The v7 full packet is [2 zero, 16 config, 16 zero, 16 size, 4 config, 4 zero, 4 size]; the
  // compact pair drops the middle 32 words.
  const fill = (values: readonly number[], ranges: readonly (readonly [number, number, number])[]): number[] => {
    const out = [...values];
    for (const [from, to, value] of ranges) for (let i = from; i < to; i += 1) out[i] = value;
    return out;
  };
  const [first, second] = packets;
  if (layout === 'v9' && first && second) {
    return [
      { ...first, values: fill(first.values, [[2, 18, KDMA_CONFIG_V7]]) },
      { ...second, values: fill(second.values, [[0, 4, KDMA_CONFIG_V7], [8, 12, KDMA_BUFFER_SIZE_V7]]) },
    ];
  }
  return first
    ? [{ ...first, values: fill(first.values, [[2, 18, KDMA_CONFIG_V7], [34, 50, KDMA_BUFFER_SIZE_V7], [50, 54, KDMA_CONFIG_V7], [58, 62, KDMA_BUFFER_SIZE_V7]]) }]
    : [];
}

/** One elementwise-multiply task (W1 and W7 are set later by linkTasks). */
export function mulTask(options: MulTaskOptions): TaskDescription {
  const { layout, shape } = options;
  const late = layout !== 'v5';
  const g = tensorGeometry(shape);
  const header = [
    (W0_NETWORK | (options.index ?? 0)) >>> 0,
    0,
    late ? W2_LOG_EVENTS_V7 : W2_LOG_EVENTS_V5,
    0,
    W4_DEBUG_EVENTS,
    0,
    W6_FLAGS,
    0,
    bindingWord(options.bindings),
    0,
  ];
  const common = [0x10001, 0x1, 0x2a, shape.c, shape.c, 0x10001, 0x1, 0x5000a021, 0x2041, 0x10001, 0x1, 0x4, 0x0, 0x33, 0x0, 0x0];
  const source = [
    0x33881, 0x33880, 0x0, g.rowStride, g.planeStride, g.batchStride, g.batchStride, 0x0,
    g.rowStride, g.planeStride, g.batchStride, g.batchStride, 0x0, 0x0, 0x1002031, 0x2030,
    late ? 0x100 : 0x0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  ];
  const l2 = [0x0, 0x1500172, 0x0, 0x10, 0x420, 0x400, 0x400, 0x440, 0x10, 0x420, 0x400, 0x400, 0x50017a, 0x860, 0, 0, 0, 0];
  const pe = [0x80004, 0x3c000000, 0x3c000000, 0x3f800000];
  const ne = late ? [0x80, 0x100000, 0, 0, 0] : [0, 0, 0, 0, 0];
  const destination = [0x40000c1, 0x0, g.rowStride, g.planeStride, g.batchStride, g.batchStride, 0x1302031];
  return {
    header,
    packets: [
      ...kernelDmaPackets(layout),
      { address: blockAddress('Common'), values: common },
      { address: blockAddress('TileDMASrc'), values: source },
      { address: blockAddress('L2'), values: l2 },
      { address: blockAddress('PE'), values: pe },
      { address: blockAddress('NE'), values: ne },
      { address: blockAddress('TileDMADst'), values: destination },
    ],
  };
}

const compilerVersions: Readonly<Record<HwxLayout, string>> = { v5: '5.4.1', v7: '7.6.4', v9: '9.509.0' };
const espressoVersions: Readonly<Record<HwxLayout, string | undefined>> = { v5: undefined, v7: '3304.7.2.4.1', v9: '3520.15.1.14.2' };

/** A short flag list in the shape compilers print (no machine paths). */
const defaultCompilerFlags: readonly string[] = [
  '-t h13',
  '--fdram-allocator=ffreuse',
  '--fl2-cache-mode=resident',
  '--fsignature=ident',
  '--Wl-undefined=fvmlib',
  '-i net.plist',
  '-o model.hwx',
];

export const mulShape: TensorShape = { n: 1, c: 64, h: 1, w: 1 };

/** Bytes of the mul kernel section: one tile of zeros (the multiply takes no weights). */
const MUL_KERNEL_SIZE = 0x4000;

/**
 * `mul`: image * image2 -> probs, shape [1, 64, 1, 1]. Compiler v5 binds the output at slot 4 and
 * the inputs at 5 and 6; v7 and v9 bind the inputs at 4 and 5 and the output at 6.
 */
export function describeMul(layout: HwxLayout, shape: TensorShape = mulShape): HwxDescription {
  const v5 = layout === 'v5';
  const slots = v5 ? { image: 5, image2: 6, probs: 4 } : { image: 4, image2: 5, probs: 6 };
  return {
    layout,
    cpuSubtype: 4,
    compilerVersion: compilerVersions[layout],
    espressoVersion: espressoVersions[layout],
    compilerFlags: defaultCompilerFlags,
    networkName: 'net',
    tensors: [
      { kind: 'input', name: 'image', shape, slot: slots.image },
      { kind: 'input', name: 'image2', shape, slot: slots.image2 },
      { kind: 'output', name: 'probs', shape, slot: slots.probs },
    ],
    intermediate: undefined,
    tasks: linkTasks([mulTask({ layout, shape, bindings: { read0: slots.image, read1: slots.image2, write: slots.probs } })]),
    kernel: { size: MUL_KERNEL_SIZE, fill: 'zeros' },
    debugInfo: undefined,
    aliasStabs: [],
    sourceModelNote: v5,
  };
}

/** Bytes of debug info in the v9 debug preset (one segment). */
const DEBUG_INFO_SIZE = 0x1000;

/** v9 mul built with debug info: `__DEBUG,__debug_info` before `__TEXT` and a `probs/src` alias stab. */
export function describeMulDebugProbs(): HwxDescription {
  const base = describeMul('v9');
  return {
    ...base,
    debugInfo: { size: DEBUG_INFO_SIZE, fill: 'pattern' },
    aliasStabs: [{ name: 'probs/src', shape: mulShape }],
  };
}

/** Two chained mul tasks: the second multiplies the first one's output by image2 again. */
export function describeTwoTask(layout: HwxLayout = 'v9'): HwxDescription {
  const base = describeMul(layout);
  const [image, image2, probs] = base.tensors;
  if (!image || !image2 || !probs) throw new Error('internal: mul preset has three tensors');
  const tasks = [
    mulTask({ layout, shape: mulShape, index: 0, bindings: { read0: image.slot, read1: image2.slot, write: probs.slot } }),
    mulTask({ layout, shape: mulShape, index: 1, bindings: { read0: probs.slot, read1: image2.slot, write: probs.slot } }),
  ];
  return { ...base, tasks: linkTasks(tasks) };
}

/** Bytes of scratch space in the intermediate preset. */
const INTERMEDIATE_SIZE = 0x1000;

/** Two tasks through `__DATA,__bss`: image * image2 -> scratch, scratch * image2 -> probs. */
export function describeIntermediate(layout: HwxLayout = 'v5'): HwxDescription {
  const base = describeMul(layout);
  const [image, image2, probs] = base.tensors;
  if (!image || !image2 || !probs) throw new Error('internal: mul preset has three tensors');
  const tasks = [
    mulTask({ layout, shape: mulShape, index: 0, bindings: { read0: image.slot, read1: image2.slot, write: PROGRAM_SLOT_INTERMEDIATE } }),
    mulTask({ layout, shape: mulShape, index: 1, bindings: { read0: PROGRAM_SLOT_INTERMEDIATE, read1: image2.slot, write: probs.slot } }),
  ];
  return { ...base, intermediate: { size: INTERMEDIATE_SIZE }, tasks: linkTasks(tasks) };
}

/** libane's other intermediate slot (upstream names slot 2 `itm1`, slot 3 `itm0`). */
const SECOND_INTERMEDIATE_SLOT = 2;

/**
 * Three tasks through two scratch buffers, as a model like atan2 compiles: image * image2 -> itm0,
 * itm0 * image2 -> itm1, itm1 * image2 -> probs. anecc 1.0.9 refuses it (at most one intermediate).
 */
export function describeTwoIntermediates(layout: HwxLayout = 'v7'): HwxDescription {
  const base = describeMul(layout);
  const [image, image2, probs] = base.tensors;
  if (!image || !image2 || !probs) throw new Error('internal: mul preset has three tensors');
  const tasks = [
    mulTask({ layout, shape: mulShape, index: 0, bindings: { read0: image.slot, read1: image2.slot, write: PROGRAM_SLOT_INTERMEDIATE } }),
    mulTask({ layout, shape: mulShape, index: 1, bindings: { read0: PROGRAM_SLOT_INTERMEDIATE, read1: image2.slot, write: SECOND_INTERMEDIATE_SLOT } }),
    mulTask({ layout, shape: mulShape, index: 2, bindings: { read0: SECOND_INTERMEDIATE_SLOT, read1: image2.slot, write: probs.slot } }),
  ];
  return {
    ...base,
    intermediate: { size: INTERMEDIATE_SIZE },
    extraIntermediates: [{ size: INTERMEDIATE_SIZE, slot: SECOND_INTERMEDIATE_SLOT }],
    tasks: linkTasks(tasks),
  };
}

/** Smallest benchmark file describeLarge makes. */
export const minLargeFileSizeInBytes = 256 * 1024 * 1024;

/**
 * A v7 mul whose kernel is large enough that the file has at least `targetBytes` bytes (never less
 * than 256 MiB). The kernel holds the scan-safe pattern, so upstream converts it as a mul.
 */
export function describeLarge(targetBytes: number = minLargeFileSizeInBytes, layout: HwxLayout = 'v7'): HwxDescription {
  const base = describeMul(layout);
  const target = Math.max(targetBytes, minLargeFileSizeInBytes);
  // The kernel starts at the same place whatever its size, and the file ends at or after its end.
  const kernelOffset = planHwx({ ...base, kernel: { size: 0, fill: 'pattern' } }).text.constOffset;
  const kernelSize = alignUp(Math.max(target - kernelOffset, MUL_KERNEL_SIZE), KERNEL_ALIGNMENT_IN_BYTES);
  return { ...base, kernel: { size: kernelSize, fill: 'pattern' } };
}
