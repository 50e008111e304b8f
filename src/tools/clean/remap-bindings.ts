// Rewriting the slot fields of W8 (r0, r1, w) and W9 (kernel slots k0..k3). The layouts are
// defined once, in the H13 generation profile (src/hwx/generations/h13.ts); this module only says
// which bindings remap moves: every enabled read, write and kernel binding, never TBase.

import { TASK_HEADER_W8, decodeBindings, decodeW8, encodeW8Slot, fieldMax, h13, w8SlotMax, withField } from '../../hwx/index.js';
import type { SlotBindings, W8SlotField } from '../../hwx/index.js';

type EnableField = 'rbase0Enabled' | 'rbase1Enabled' | 'wbaseEnabled';

/** The slot fields that carry an enable bit, and that remap rewrites. */
const enabledSlotFields: readonly (readonly [W8SlotField, EnableField])[] = [
  ['rbase0', 'rbase0Enabled'],
  ['rbase1', 'rbase1Enabled'],
  ['wbase', 'wbaseEnabled'],
];

/** The bindings remap moves: reads, writes and kernels (TBase is refused earlier, never moved). */
const movedBindings = h13.bindings.filter((b) => b.role !== 'tile');

/** Largest slot number every rewritten field can hold (a slot may land in any of them). */
export const maxBindableSlot = Math.min(...enabledSlotFields.map(([field]) => w8SlotMax(field)), ...movedBindings.map((b) => fieldMax(b.slot)));

/** W8 with each enabled slot field moved through `map` (slots not in the map stay). */
export function rebind(word: number, map: ReadonlyMap<number, number>): number {
  const decoded: SlotBindings = decodeW8(word);
  let out = word >>> 0;
  for (const [field, enable] of enabledSlotFields) {
    if (!decoded[enable]) continue;
    const to = map.get(decoded[field]);
    if (to === undefined) continue;
    out = encodeW8Slot(out, field, to);
  }
  return out;
}

/** Header word `index` (8 or 9) with each enabled binding it holds moved through `map`. */
export function rebindWord(header: readonly number[], index: number, map: ReadonlyMap<number, number>): number {
  if (index === TASK_HEADER_W8) return rebind(header[index] ?? 0, map);
  let out = (header[index] ?? 0) >>> 0;
  for (const def of movedBindings) {
    if (def.word !== index) continue;
    const binding = decodeBindings(h13, header).find((b) => b.label === def.label);
    if (binding === undefined || !binding.enabled) continue;
    const to = map.get(binding.slot);
    if (to !== undefined) out = withField(out, def.slot, to);
  }
  return out;
}

/** Header words that hold bindings remap moves (W8, W9). */
export const bindingWords: readonly number[] = [...new Set(movedBindings.map((b) => b.word))].sort((a, b) => a - b);
