// H13 register lookups and the W1/W8 decoders, kept for the tools that work on .anec payloads
// (which are H13). The facts live in the H13 profile (generations/h13.ts); this module only
// derives the older flat API from it.

import {
  H13_BINDINGS,
  H13_BLOCKS,
  H13_HEADER,
  H13_REGISTERS,
  blockAt,
  fieldMax,
  fieldValue,
  h13,
  registerDefAt,
  withField,
} from './generations/index.js';
import type { BitField } from './generations/index.js';

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
export const registerBlocks: readonly BlockBase[] = H13_BLOCKS as readonly BlockBase[];

export const h13Registers: readonly RegisterName[] = H13_REGISTERS.map((r) => ({ block: r.block as RegisterBlock, name: r.name, address: r.address }));

/** The register at a byte address, if it has a name. */
export function registerAt(address: number): RegisterName | undefined {
  const def = registerDefAt(h13, address);
  return def === undefined ? undefined : { block: def.block as RegisterBlock, name: def.name, address: def.address };
}

/** `KernelCfg` or `0xc820`. */
export function registerName(address: number): string {
  return registerAt(address)?.name ?? `0x${address.toString(16)}`;
}

/** The block an address falls in (the nearest base at or below it). */
export function registerBlockOf(address: number): RegisterBlock | undefined {
  return blockAt(h13, address) as RegisterBlock | undefined;
}

export const TASK_HEADER_W1 = 1;
export const TASK_HEADER_W7 = 7;
/** Index of W8, the buffer-slot bindings, among the task header words. */
export const TASK_HEADER_W8 = 8;

/** A bit field of header word `index`, as the H13 profile defines it. */
function headerField(index: number, name: string): BitField {
  const field = H13_HEADER.find((w) => w.index === index)?.fields.find((f) => f.name === name);
  if (field === undefined) throw new Error(`H13 profile has no field ${name} in W${index}`);
  return field;
}

function bindingField(label: string, part: 'slot' | 'enable'): BitField {
  const def = H13_BINDINGS.find((b) => b.label === label);
  if (def === undefined) throw new Error(`H13 profile has no binding ${label}`);
  return def[part];
}

/** W8 bit fields: slot numbers, their enable bits, TBase and ENE (td_v7.h: ENE is 3 bits). */
export const W8_FIELDS = {
  rbase0: bindingField('r0', 'slot'),
  rbe0: bindingField('r0', 'enable'),
  rbase1: bindingField('r1', 'slot'),
  rbe1: bindingField('r1', 'enable'),
  wbase: bindingField('w', 'slot'),
  wbe: bindingField('w', 'enable'),
  tbase: bindingField('t', 'slot'),
  tbe: bindingField('t', 'enable'),
  ene: headerField(TASK_HEADER_W8, 'ene'),
} as const;

/** The W8 fields that hold a buffer-slot number. */
export type W8SlotField = 'rbase0' | 'rbase1' | 'wbase' | 'tbase';

/** Largest slot number a W8 slot field can hold. */
export function w8SlotMax(name: W8SlotField): number {
  return fieldMax(W8_FIELDS[name]);
}

function encodeSlot(word: number, field: BitField, label: string, slot: number): number {
  if (!Number.isInteger(slot) || slot < 0 || slot > fieldMax(field)) {
    throw new RangeError(`${label}: expected a slot in 0..${fieldMax(field)}, got ${slot}`);
  }
  return withField(word, field, slot);
}

/** W8 with one slot field set to `slot`, every other bit kept. Throws RangeError when the slot does not fit. */
export function encodeW8Slot(word: number, name: W8SlotField, slot: number): number {
  return encodeSlot(word, W8_FIELDS[name], `W8 ${name}`, slot);
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
  const rbase0 = fieldValue(word, W8_FIELDS.rbase0);
  const rbase1 = fieldValue(word, W8_FIELDS.rbase1);
  const wbase = fieldValue(word, W8_FIELDS.wbase);
  const rbase0Enabled = fieldValue(word, W8_FIELDS.rbe0) === 1;
  const rbase1Enabled = fieldValue(word, W8_FIELDS.rbe1) === 1;
  const wbaseEnabled = fieldValue(word, W8_FIELDS.wbe) === 1;
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
    tbase: fieldValue(word, W8_FIELDS.tbase),
    ene: fieldValue(word, W8_FIELDS.ene),
    reads,
    writes: wbaseEnabled ? [wbase] : [],
  };
}

export interface TaskSizing {
  readonly exeCycles: number;
  /** Size of the next task in bytes, 0 when W1 does not give one (last task). */
  readonly nextTaskSize: number;
}

/** W1 bit fields: the task's cycle count and the next task's size in words minus one. */
const EXE_CYCLES = headerField(TASK_HEADER_W1, 'exe_cycles');
const NEXT_SIZE = headerField(TASK_HEADER_W1, 'next_size');
// The size field counts 32-bit words.
const WORD_BYTES = 4;

/** W1: the next task's size is given as its word count minus one (0x9c for 0x274 bytes). */
export function decodeW1(word: number): TaskSizing {
  const marker = fieldValue(word, NEXT_SIZE);
  return { exeCycles: fieldValue(word, EXE_CYCLES), nextTaskSize: marker === 0 ? 0 : (marker + 1) * WORD_BYTES };
}

/**
 * W1 with its next-size field saying `nextTaskSize` bytes (0: no next task), its other bits kept:
 * what decodeW1 reads back. Unchecked, as the writer's validation reports a size out of range.
 */
export function encodeW1NextSize(word: number, nextTaskSize: number): number {
  const kept = (word & ~((fieldMax(NEXT_SIZE) << NEXT_SIZE.shift) >>> 0)) >>> 0;
  return nextTaskSize === 0 ? kept : (kept | ((nextTaskSize / WORD_BYTES - 1) << NEXT_SIZE.shift)) >>> 0;
}
