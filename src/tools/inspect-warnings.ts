// The warnings inspect adds to the reader's: the slot order libane assumes, and the KernelDMA/NE
// pattern of elementwise tasks. Both only make sense for the H13 task encoding.

import { registerAt, registerBlockOf } from '../hwx/index.js';
import type { Task } from '../hwx/index.js';
import { cleanableWrites, taskSlots } from './clean/index.js';
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
    const b = taskSlots(task);
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

/** The kernel registers a task that uses no kernel sets, as runs in address order; undefined when none. */
export function spuriousKdmaRuns(task: Task): { readonly count: number; readonly text: string } | undefined {
  const writes = [...cleanableWrites(task)].sort((a, b) => a.address - b.address);
  if (writes.length === 0) return undefined;
  const entries = writes.map((w) => ({
    block: registerBlockOf(w.address) ?? null,
    register: registerAt(w.address)?.name ?? null,
    address: w.address,
    value: w.value,
  }));
  return { count: writes.length, text: registerRuns(entries).map(formatRun).join(', ') };
}

/** `spurious_kdma` for each task that uses no kernel but sets kernel registers. */
export function spuriousKdmaWarnings(tasks: readonly Task[]): InspectWarning[] {
  const out: InspectWarning[] = [];
  for (const task of tasks) {
    const runs = spuriousKdmaRuns(task);
    if (runs === undefined) continue;
    out.push({
      code: 'spurious_kdma',
      message:
        `task ${task.index} uses no kernel (no CoeffDMAConfig enable bit set) but sets ${runs.count} KernelDMA/NE kernel registers: ${runs.text}; ` +
        'compiler v5 writes 0 there; `anecc clean` or `--clean` zeroes them',
    });
  }
  return out;
}
