// `--clean` and `--remap-slots` on a whole .anec (header + payload): what `anecc clean` does to a
// file and what conversion does before writing. The header is never changed.

import { ANEC_HEADER, type AnecBytes } from '../../anec/index.js';
import { safeReadHwx } from '../../hwx/index.js';
import type { HwxFile } from '../../hwx/index.js';
import { cleanPayload } from './clean-payload.js';
import type { PayloadChange } from './types.js';
import { anecTaskStreamSize } from '../loaded-file.js';
import { remapSlots, type SlotMapping } from './remap-slots.js';

export interface AnecFixOptions {
  /** Zero KernelDMA/NE kernel registers of tasks that use no kernel. */
  readonly clean: boolean;
  /** EXPERIMENTAL: rebind W8 slots to outputs first, then inputs. */
  readonly remapSlots: boolean;
  /** The HWX bytes the .anec was converted from: gives the exact slot mapping. */
  readonly source?: Uint8Array;
  /** The same HWX file already read (check has it): used instead of reading `source` again. */
  readonly hwx?: HwxFile;
}

/** What `fixAnec` (`--clean`, `--remap-slots`) did: the fixed file and each change it made. */
export interface AnecFixResult {
  readonly anec: AnecBytes;
  readonly changes: readonly PayloadChange[];
  /** The slot mapping used, when remapping was asked. */
  readonly mapping: SlotMapping | undefined;
}

function sourceFile(source: Uint8Array | undefined): HwxFile | undefined {
  if (source === undefined) return undefined;
  const read = safeReadHwx(source);
  return read.ok ? read.file : undefined;
}

/**
 * Applies the asked fixes to a copy of the payload; throws SlotRemapError when remapping is
 * ambiguous. With neither option, returns the input unchanged.
 */
export function fixAnec(anec: AnecBytes, options: AnecFixOptions): AnecFixResult {
  if (!options.clean && !options.remapSlots) return { anec, changes: [], mapping: undefined };
  // Throws a RangeError naming the size when the header is short.
  const header = ANEC_HEADER.get(anec.header, 0);
  const taskStreamSize = anecTaskStreamSize(header, anec.payload.length);
  let payload = anec.payload;
  const changes: PayloadChange[] = [];
  let mapping: SlotMapping | undefined;
  if (options.remapSlots) {
    const hwx = options.hwx ?? sourceFile(options.source);
    const remapped = remapSlots(payload, { header, taskStreamSize, ...(hwx === undefined ? {} : { hwx }) });
    payload = remapped.payload;
    mapping = remapped.mapping;
    changes.push(...remapped.changes);
  }
  if (options.clean) {
    const cleaned = cleanPayload(payload, { taskStreamSize });
    payload = cleaned.payload;
    changes.push(...cleaned.changes);
  }
  return { anec: { header: anec.header, payload }, changes, mapping };
}
