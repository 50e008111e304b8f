// Rewriting the slot fields of W8. The field masks are taken from decodeW8 itself (which bits land
// in which field), so the W8 layout stays defined in one place, src/hwx/registers.ts.

import { decodeW8 } from '../hwx/index.js';
import type { SlotBindings } from '../hwx/index.js';

type SlotField = 'rbase0' | 'rbase1' | 'wbase' | 'tbase';
type EnableField = 'rbase0Enabled' | 'rbase1Enabled' | 'wbaseEnabled';

const WORD_BITS = 32;

function maskOf(field: SlotField): number {
  let mask = 0;
  for (let bit = 0; bit < WORD_BITS; bit += 1) if (decodeW8((1 << bit) >>> 0)[field] !== 0) mask |= 1 << bit;
  return mask >>> 0;
}

function lowestBit(mask: number): number {
  return Math.clz32(mask & -mask) ^ (WORD_BITS - 1);
}

interface FieldLayout {
  readonly mask: number;
  readonly shift: number;
}

function layoutOf(field: SlotField): FieldLayout {
  const mask = maskOf(field);
  return { mask, shift: lowestBit(mask) };
}

/** The slot fields that carry an enable bit, and that remap rewrites. */
export const enabledSlotFields: readonly (readonly [SlotField, EnableField, FieldLayout])[] = [
  ['rbase0', 'rbase0Enabled', layoutOf('rbase0')],
  ['rbase1', 'rbase1Enabled', layoutOf('rbase1')],
  ['wbase', 'wbaseEnabled', layoutOf('wbase')],
];

/** Largest slot number a W8 field can hold. */
export const maxBindableSlot = (layoutOf('wbase').mask >>> layoutOf('wbase').shift) >>> 0;

/** W8 with each enabled slot field moved through `map` (slots not in the map stay). */
export function rebind(word: number, map: ReadonlyMap<number, number>): number {
  const decoded: SlotBindings = decodeW8(word);
  let out = word >>> 0;
  for (const [field, enable, layout] of enabledSlotFields) {
    if (!decoded[enable]) continue;
    const to = map.get(decoded[field]);
    if (to === undefined) continue;
    out = ((out & ~layout.mask) | ((to << layout.shift) & layout.mask)) >>> 0;
  }
  return out;
}
