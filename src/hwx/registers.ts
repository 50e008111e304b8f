// H13 register names by byte address, the task header word names and the W8 decoder. Names follow
// public register dumps of the M1 ANE; the block layouts were checked against the corpus packets
// (each packet of a 0x274 task starts at its block's first address). Unknown addresses have no
// entry here: renderers fall back to hex.

export type RegisterBlock = 'Common' | 'L2' | 'PE' | 'NE' | 'TileDMASrc' | 'TileDMADst' | 'KernelDMA';

export interface RegisterName {
  readonly block: RegisterBlock;
  readonly name: string;
  readonly address: number;
}

export interface BlockBase {
  readonly block: RegisterBlock;
  readonly address: number;
}

/** First byte address of each H13 register block. */
export const registerBlocks: readonly BlockBase[] = [
  { block: 'Common', address: 0x0000 },
  { block: 'L2', address: 0x4800 },
  { block: 'PE', address: 0x8800 },
  { block: 'NE', address: 0xc800 },
  { block: 'TileDMASrc', address: 0x13800 },
  { block: 'TileDMADst', address: 0x17800 },
  { block: 'KernelDMA', address: 0x1f800 },
];

const REGISTER_BYTES = 4;

/** Consecutive registers from a block's base; `undefined` marks an unnamed word. */
function run(block: RegisterBlock, names: readonly (string | undefined)[]): RegisterName[] {
  const base = registerBlocks.find((b) => b.block === block)?.address ?? 0;
  const out: RegisterName[] = [];
  names.forEach((name, i) => {
    if (name !== undefined) out.push({ block, name, address: base + i * REGISTER_BYTES });
  });
  return out;
}

function numbered(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}

const u = undefined;

export const h13Registers: readonly RegisterName[] = [
  ...run('Common', [
    'InDim', u, 'ChCfg', 'Cin', 'Cout', 'OutDim', u, 'ConvCfg',
    u, 'GroupConvCfg', 'TileCfg', u, u, 'Cfg', 'TaskInfo', 'DPE',
  ]),
  ...run('L2', [
    'L2Cfg', 'SourceCfg', 'SourceBase', 'SourceChannelStride', 'SourceRowStride',
    u, u, u, u, u, u, u,
    'ResultCfg', 'ResultBase', 'ConvResultChannelStride', 'ConvResultRowStride',
  ]),
  ...run('PE', ['PECfg', 'BiasScale', 'PreScale', 'FinalScale']),
  ...run('NE', ['KernelCfg', 'MACCfg', 'MatrixVectorBias', 'AccBias', 'PostScale']),
  ...run('TileDMASrc', [
    'SrcDMAConfig', u, 'SrcBaseAddr', 'SrcRowStride', 'SrcPlaneStride', 'SrcDepthStride', 'SrcGroupStride',
    u, u, u, u, u, u, u, 'SrcFmt', u, u, u, u, u,
    ...numbered('SrcPixelOffset', 4),
  ]),
  ...run('TileDMADst', [
    'DstDMAConfig', 'DstBaseAddr', 'DstRowStride', 'DstPlaneStride', 'DstDepthStride', 'DstGroupStride', 'DstFmt',
  ]),
  ...run('KernelDMA', [
    u, u,
    ...numbered('CoeffDMAConfig', 16),
    ...numbered('CoeffBaseAddr', 16),
    ...numbered('CoeffBfrSize', 16),
  ]),
];

const byAddress = new Map(h13Registers.map((r) => [r.address, r]));

/** The register at a byte address, if it has a name. */
export function registerAt(address: number): RegisterName | undefined {
  return byAddress.get(address);
}

/** `KernelCfg` or `0xc820`. */
export function registerName(address: number): string {
  return registerAt(address)?.name ?? `0x${address.toString(16)}`;
}

/** The block an address falls in (the nearest base at or below it). */
export function registerBlockOf(address: number): RegisterBlock | undefined {
  let found: BlockBase | undefined;
  for (const b of registerBlocks) if (b.address <= address && (found === undefined || b.address > found.address)) found = b;
  return found?.block;
}

export interface TaskHeaderWordName {
  readonly index: number;
  readonly name: string;
  readonly description: string;
}

export const TASK_HEADER_W1 = 1;
export const TASK_HEADER_W7 = 7;
/** Index of W8, the buffer-slot bindings, among the task header words. */
export const TASK_HEADER_W8 = 8;

/** Task header words W0..W9 (names from public dumps; W8 checked on the corpus). */
export const taskHeaderWords: readonly TaskHeaderWordName[] = [
  { index: 0, name: 'W0', description: 'task id (bits 15:0) and network id' },
  { index: TASK_HEADER_W1, name: 'W1', description: 'exe cycles (bits 15:0) and next task size in words minus one (bits 24:16)' },
  { index: 2, name: 'W2', description: 'log events' },
  { index: 3, name: 'W3', description: 'exceptions' },
  { index: 4, name: 'W4', description: 'debug log events' },
  { index: 5, name: 'W5', description: 'debug exceptions' },
  { index: 6, name: 'W6', description: 'flags' },
  { index: TASK_HEADER_W7, name: 'W7', description: 'next task pointer' },
  { index: TASK_HEADER_W8, name: 'W8', description: 'buffer-slot bindings' },
  { index: 9, name: 'W9', description: 'kernel slot bases' },
];

export interface BitField {
  readonly shift: number;
  readonly width: number;
}

const field = (shift: number, width: number): BitField => ({ shift, width });
const fieldMax = (f: BitField): number => (1 << f.width) - 1;
const bits = (word: number, f: BitField): number => (word >>> f.shift) & fieldMax(f);

/** W8 bit fields: slot numbers, their enable bits, TBase and ENE. */
export const W8_FIELDS = {
  rbase0: field(0, 5),
  rbe0: field(5, 1),
  rbase1: field(6, 5),
  rbe1: field(11, 1),
  wbase: field(12, 5),
  wbe: field(17, 1),
  tbase: field(18, 5),
  ene: field(24, 4),
} as const;

/** The W8 fields that hold a buffer-slot number. */
export type W8SlotField = 'rbase0' | 'rbase1' | 'wbase' | 'tbase';

/** Largest slot number a W8 slot field can hold. */
export function w8SlotMax(name: W8SlotField): number {
  return fieldMax(W8_FIELDS[name]);
}

/** W8 with one slot field set to `slot`, every other bit kept. Throws RangeError when the slot does not fit. */
export function encodeW8Slot(word: number, name: W8SlotField, slot: number): number {
  const f = W8_FIELDS[name];
  if (!Number.isInteger(slot) || slot < 0 || slot > fieldMax(f)) {
    throw new RangeError(`W8 ${name}: expected a slot in 0..${fieldMax(f)}, got ${slot}`);
  }
  const mask = (fieldMax(f) << f.shift) >>> 0;
  return ((word & ~mask) | (slot << f.shift)) >>> 0;
}

/** W8 decoded: which buffer slots the task reads and writes. */
export interface SlotBindings {
  readonly rbase0: number;
  readonly rbase0Enabled: boolean;
  readonly rbase1: number;
  readonly rbase1Enabled: boolean;
  readonly wbase: number;
  readonly wbaseEnabled: boolean;
  readonly tbase: number;
  readonly ene: number;
  /** Enabled read slots, in order. */
  readonly reads: readonly number[];
  /** Enabled write slots. */
  readonly writes: readonly number[];
}

export function decodeW8(word: number): SlotBindings {
  const rbase0 = bits(word, W8_FIELDS.rbase0);
  const rbase1 = bits(word, W8_FIELDS.rbase1);
  const wbase = bits(word, W8_FIELDS.wbase);
  const rbase0Enabled = bits(word, W8_FIELDS.rbe0) === 1;
  const rbase1Enabled = bits(word, W8_FIELDS.rbe1) === 1;
  const wbaseEnabled = bits(word, W8_FIELDS.wbe) === 1;
  const reads: number[] = [];
  if (rbase0Enabled) reads.push(rbase0);
  if (rbase1Enabled) reads.push(rbase1);
  return {
    rbase0,
    rbase0Enabled,
    rbase1,
    rbase1Enabled,
    wbase,
    wbaseEnabled,
    tbase: bits(word, W8_FIELDS.tbase),
    ene: bits(word, W8_FIELDS.ene),
    reads,
    writes: wbaseEnabled ? [wbase] : [],
  };
}

const W1_FIELDS = { exeCycles: field(0, 16), nextSizeMinusOne: field(16, 9) } as const;

export interface TaskSizing {
  readonly exeCycles: number;
  /** Size of the next task in bytes, 0 when W1 does not give one (last task). */
  readonly nextTaskSize: number;
}

/** W1: the next task's size is given as its word count minus one (0x9c for 0x274 bytes). */
export function decodeW1(word: number): TaskSizing {
  const marker = bits(word, W1_FIELDS.nextSizeMinusOne);
  return { exeCycles: bits(word, W1_FIELDS.exeCycles), nextTaskSize: marker === 0 ? 0 : (marker + 1) * REGISTER_BYTES };
}
