// Rewriting the slot fields of W8. The W8 layout is defined once, in src/hwx/registers.ts; this
// module only says which fields remap moves.

import { decodeW8, encodeW8Slot, w8SlotMax } from '../../hwx/index.js';
import type { SlotBindings, W8SlotField } from '../../hwx/index.js';

type EnableField = 'rbase0Enabled' | 'rbase1Enabled' | 'wbaseEnabled';

/** The slot fields that carry an enable bit, and that remap rewrites. */
const enabledSlotFields: readonly (readonly [W8SlotField, EnableField])[] = [
  ['rbase0', 'rbase0Enabled'],
  ['rbase1', 'rbase1Enabled'],
  ['wbase', 'wbaseEnabled'],
];

/** Largest slot number every rewritten W8 field can hold (a slot may land in any of them). */
export const maxBindableSlot = Math.min(...enabledSlotFields.map(([field]) => w8SlotMax(field)));

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
