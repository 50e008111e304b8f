// Rewriting the slot fields of W8 (r0, r1, w) and W9 (kernel slots k0..k3). The layouts are
// defined once, in the H13 generation profile (src/hwx/generations/h13.ts); this module only says
// which bindings remap moves: every enabled read, write and kernel binding, never TBase.

import { decodeBindings, fieldMax, h13, withField } from '../../hwx/index.js';

/** The bindings remap moves: reads, writes and kernels (TBase is refused earlier, never moved). */
const movedBindings = h13.bindings.filter((b) => b.role !== 'tile');

/** Largest slot number every rewritten field can hold (a slot may land in any of them). */
export const maxBindableSlot = Math.min(...movedBindings.map((b) => fieldMax(b.slot)));

/** Header word `index` (8 or 9) with each enabled binding it holds moved through `map`. */
export function rebindWord(header: readonly number[], index: number, map: ReadonlyMap<number, number>): number {
  let out = (header[index] ?? 0) >>> 0;
  const decoded = decodeBindings(h13, header);
  for (const def of movedBindings) {
    if (def.word !== index) continue;
    const binding = decoded.find((b) => b.label === def.label);
    if (binding === undefined || !binding.enabled) continue;
    const to = map.get(binding.slot);
    if (to !== undefined) out = withField(out, def.slot, to);
  }
  return out;
}

/** Header words that hold bindings remap moves (W8, W9). */
export const bindingWords: readonly number[] = [...new Set(movedBindings.map((b) => b.word))].sort((a, b) => a - b);
