// Upstream's `-p` output: the header as a C initializer for libane's `struct anec`. Both engines
// must print it identically, so the native engine renders it here rather than in the CLI.
import { SLOT_COUNT, TILE_SIZE_IN_BYTES } from '../hwx/index.js';
import { FIRST_IO_SLOT, NCHW_FIELD_COUNT } from './constants.js';
import { ANEC_FIELDS, type AnecScalarKey } from './format.js';
import { hex } from './python-semantics.js';
import type { AnecHeader } from './types.js';

/** Upstream's name for what a slot holds, as its struct comments show it. */
export function slotName(slot: number, dstCount: number): string {
  if (slot === 0) return 'cmd';
  if (slot === 1) return 'krn';
  if (slot === 2) return 'itm1';
  if (slot === 3) return 'itm0';
  return slot < FIRST_IO_SLOT + dstCount ? `dst${slot - FIRST_IO_SLOT}` : `src${slot - FIRST_IO_SLOT - dstCount}`;
}

/** Upstream's `-p` text: one line per scalar field, then the used tiles and nchw rows, in table order. */
export function renderAnecStruct(name: string, header: AnecHeader): string {
  const lines = ['', `static const struct anec anec_${name} = {`];
  for (const f of ANEC_FIELDS) {
    switch (f.print) {
      case 'hex':
      case 'decimal': {
        const value = header[f.key as AnecScalarKey];
        lines.push(`\t.${f.cName} = ${f.print === 'hex' ? hex(value) : String(value)},`);
        break;
      }
      case 'tiles':
        header.tiles.forEach((tiles, slot) => {
          if (tiles !== 0) {
            lines.push(`\t.${f.cName}[${slot}] = ${tiles}, /* ${slotName(slot, header.dstCount)} ${hex(tiles * TILE_SIZE_IN_BYTES)} */`);
          }
        });
        break;
      case 'nchw':
        for (let slot = 0; slot < SLOT_COUNT; slot++) {
          const [N, C, H, W, pS, rS] = header.nchw.slice(slot * NCHW_FIELD_COUNT, (slot + 1) * NCHW_FIELD_COUNT);
          if (N === undefined || N === 0n) continue;
          lines.push(`\t.${f.cName}[${slot}] = {${N}, ${C}, ${H}, ${W}, ${hex(pS ?? 0n)}, ${hex(rS ?? 0n)}}, /* ${slotName(slot, header.dstCount)} */`);
        }
        break;
    }
  }
  lines.push('};', '', '');
  return lines.join('\n');
}
