// The warnings inspect adds to the reader's: the slot order libane assumes, and the KernelDMA/NE
// pattern of elementwise tasks. Both only make sense for the H13 task encoding.

import { decodeBindings, h13, readSlots, registerAt, registerBlockOf, writeSlots } from '../hwx/index.js';
import type { Task } from '../hwx/index.js';
import { cleanableWrites } from './clean/index.js';
import { formatRun, registerRuns } from './register-runs.js';
import { SlotRemapError, type SlotMapping } from './clean/index.js';
import type { InspectWarning } from './inspect-report.js';

function label(move: { readonly role: string; readonly name: string | undefined }): string {
  return move.name === undefined ? `the ${move.role}` : `${move.role} ${move.name}`;
}

/** `libane_slot_order` when the tasks bind slots in another order than outputs 4.., inputs after. */
export function slotOrderWarnings(tasks: readonly Task[], mapping: () => SlotMapping): InspectWarning[] {
  if (tasks.length === 0) return [];
  let m: SlotMapping;
  try {
    m = mapping();
  } catch (error) {
    if (!(error instanceof SlotRemapError)) throw error;
    return [{ code: 'slot_mapping_unclear', message: `cannot tell which slot holds which tensor (${error.reason}): ${error.message}` }];
  }
  const moved = m.moves.filter((x) => x.from !== x.to);
  if (moved.length === 0) return [];
  const bySlot = new Map(m.moves.map((x) => [x.from, x]));
  // The first binding that libane would get wrong, to name it in the message.
  let first = '';
  for (const task of tasks) {
    // Kernel bindings (k0..k3) read a slot too: the H13 matmul reads input A as its kernel.
    const bindings = decodeBindings(h13, task.header);
    const b = { reads: readSlots(bindings), writes: writeSlots(bindings) };
    const wrongRead = b.reads.map((s) => bySlot.get(s)).find((x) => x !== undefined && x.from !== x.to);
    const wrongWrite = b.writes.map((s) => bySlot.get(s)).find((x) => x !== undefined && x.from !== x.to);
    const wrong = wrongRead ?? wrongWrite;
    if (wrong !== undefined) {
      first = `task ${task.index} ${wrongRead !== undefined ? 'reads' : 'writes'} ${label(wrong)} at slot ${wrong.from}`;
      break;
    }
  }
  const outputs = m.moves.filter((x) => x.role === 'output');
  const inputs = m.moves.filter((x) => x.role === 'input');
  const range = (xs: readonly { to: number }[]): string =>
    xs.length === 0 ? 'no slot' : xs.length === 1 ? `slot ${xs[0]!.to}` : `slots ${xs[0]!.to}..${xs[xs.length - 1]!.to}`;
  return [
    {
      code: 'libane_slot_order',
      message:
        `${first || 'the tasks bind the I/O slots in another order'}, but libane and anecc put the outputs at ${range(outputs)} ` +
        `and the inputs at ${range(inputs)}: on Linux the task would read a zero-filled output buffer ` +
        `and write into an input. Moves that would fix it: ${moved.map((x) => `${label(x)} ${x.from} -> ${x.to}`).join(', ')}` +
        `${m.assumedOrder ? ' (order within a role assumed)' : ''}; --remap-slots does this (experimental, not verified on hardware)`,
    },
  ];
}

/** `spurious_kdma` for each task that uses no kernel but sets kernel registers. */
export function spuriousKdmaWarnings(tasks: readonly Task[]): InspectWarning[] {
  const out: InspectWarning[] = [];
  for (const task of tasks) {
    const writes = [...cleanableWrites(task)].sort((a, b) => a.address - b.address);
    if (writes.length === 0) continue;
    const entries = writes.map((w) => ({
      block: registerBlockOf(w.address) ?? null,
      register: registerAt(w.address)?.name ?? null,
      address: w.address,
      value: w.value,
    }));
    const summary = registerRuns(entries).map(formatRun).join(', ');
    out.push({
      code: 'spurious_kdma',
      message:
        `task ${task.index} uses no kernel (no CoeffDMAConfig enable bit set) but sets ${writes.length} KernelDMA/NE kernel registers: ${summary}; ` +
        'compiler v5 writes 0 there; `anecc clean` or `--clean` zeroes them',
    });
  }
  return out;
}
