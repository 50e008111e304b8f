// The `patched` profile: upstream, except what patches/ changes, as docs/patches.md states it:
//   - patch 0001 (step 8): with more tensor stabs than I/O buffers, alias stabs (a '/' in the name)
//     are dropped;
//   - patches 0002 and 0003 (steps 1 to 7): only where upstream's word scan fails, the layout comes
//     from the load commands, with td_size from the program descriptor and tasks matched on their
//     KernelDMA packet address inside __text.
// Everything else is upstream's (core.ts), so every file upstream converts gives upstream's bytes.
import { KERNEL_DMA_ADDRESS, PACKET_ADDRESS_MASK, TILE_SIZE_IN_BYTES } from '../hwx/index.js';
import { checkKernelSize, checkTaskCount, checkTaskSize, collectBuffers, taskStart, tilesOf, type LocatedLayout, type ProfileRules } from './core.js';
import { check, PythonException } from './errors.js';
import { readLoadLayout, type LoadLayout } from './patched-layout.js';
import { pyRoundUp } from './python-semantics.js';
import { upstreamRules } from './upstream.js';
import { maskedOccurrences } from './words.js';

/** Patch 0001: with more stabs than I/O buffers, drop those whose name (before ":t") has a '/'. */
const dropSurplusAliases = (runs: string[], ioCount: number): string[] =>
  runs.length > ioCount ? runs.filter((run) => !run.slice(0, run.indexOf(':t')).includes('/')) : runs;

/** L1 to L7 of docs/patches.md: upstream's checks on what the load commands say. */
function loadCommandLayout(words: Uint32Array, fileLength: number, m: LoadLayout): LocatedLayout {
  // L1
  const tskSize = m.text.size;
  const tdSize = (m.tdWords + 1) * 4;
  checkTaskSize(tskSize, tdSize);
  check(BigInt(m.text.offset) + tskSize <= BigInt(fileLength), { code: 'text_outside_file' });
  // L2
  const alignedTsk = pyRoundUp(tskSize, 16n);
  check(m.kernel.addr === m.text.addr + alignedTsk, { code: 'kernel_address' });
  const krnSize = m.kernel.size;
  checkKernelSize(krnSize);
  check(BigInt(m.kernel.offset) + krnSize <= BigInt(fileLength), { code: 'kernel_outside_file' });
  // L3: both sizes are now bounded by the file length.
  const size = Number(alignedTsk + krnSize);
  check(tdSize * 2 < TILE_SIZE_IN_BYTES, { code: 'task_size_large', tdSize });
  // L4
  check(m.tdAddress === m.text.addr, { code: 'td_address' });
  checkTaskCount(m.tdCount);
  const layout = { tskSize: Number(tskSize), krnSize: Number(krnSize), size, tdSize, tdCount: m.tdCount };
  // L5 and step 6
  const buffers = collectBuffers(m.buffers.map((s) => ({ buffer: `segment ${s.name}`, size: s.size, ident: s.ident })));
  const tiles = tilesOf(buffers);
  // L7: task headers, matched on their KernelDMA packet address, only inside __text.
  const start = Math.ceil(m.text.offset / 4);
  const end = Math.ceil((m.text.offset + layout.tskSize) / 4);
  const tasks = maskedOccurrences(words, PACKET_ADDRESS_MASK, KERNEL_DMA_ADDRESS, start, end);
  return { layout, buffers, tiles, tskStart: taskStart(tasks, layout, 'in __text') };
}

/** Patch 0002: the word scan, and the load commands only when the scan fails. */
function scanThenLoadCommands(bytes: Uint8Array, words: Uint32Array): LocatedLayout {
  try {
    return upstreamRules.locate(bytes, words);
  } catch (scanFailure) {
    const m = scanFailure instanceof PythonException ? readLoadLayout(bytes) : undefined;
    if (m === undefined) throw scanFailure;
    return loadCommandLayout(words, bytes.length, m);
  }
}

/** Upstream, except: the layout from the load commands where the scan fails, alias stabs dropped. */
export const patchedRules: ProfileRules = {
  locate: scanThenLoadCommands,
  keepStabs: dropSurplusAliases,
};
