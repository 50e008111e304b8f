// EXPERIMENTAL, not verified on hardware. libane (and upstream anecc's header) bind the outputs at
// slots 4.. and the inputs after them; compiler v7 and later bind the inputs first. Remapping
// rewrites each task's W8 so the task reads and writes the slots the .anec header describes.
//
// The mapping comes from the HWX file when there is one (tensor names and program slots: exact),
// else from the tasks of the .anec (slots a task writes are outputs, slots read before any task
// writes them are inputs; within a role the relative slot order is kept, the same buffer order
// upstream assumes when it pairs buffers with stabs). Anything that leaves room for doubt is
// refused with a SlotRemapError.

import { FIRST_IO_SLOT, NCHW_FIELD_COUNT, slotName, type AnecHeader } from '../../anec/index.js';
import { AneccError, PROGRAM_SLOT_FIRST_IO, decodeBindings, decodeW8, h13, readSlots, readTaskStream, TASK_HEADER_W8, tokens, writeSlots } from '../../hwx/index.js';
import type { HwxFile, Task } from '../../hwx/index.js';
import type { BindingChange, SlotMove } from './types.js';
import { slotRemapMessage, type SlotRemapFailure, type SlotRemapReason } from '../messages.js';
import { bindingWords, maxBindableSlot, rebindWord } from './remap-bindings.js';

/** Slots a task reads (r0, r1 and kernel bindings k0..k3) and writes, from the H13 profile. */
export function taskSlots(task: Task): { reads: number[]; writes: number[] } {
  const bindings = decodeBindings(h13, task.header);
  return { reads: readSlots(bindings), writes: writeSlots(bindings) };
}

export class SlotRemapError extends AneccError<'ambiguous_slots'> {
  override readonly name = 'SlotRemapError';
  readonly reason: SlotRemapReason;
  /** The facts the message is worded from. */
  readonly failure: SlotRemapFailure;

  constructor(failure: SlotRemapFailure) {
    super('ambiguous_slots', slotRemapMessage(failure));
    this.reason = failure.reason;
    this.failure = failure;
  }
}

export interface SlotMapping {
  readonly moves: readonly SlotMove[];
  /** Where the roles came from: the HWX file's tensors or the .anec tasks' bindings. */
  readonly source: 'hwx' | 'tasks';
  /** True when several slots share a role and their order was kept rather than known. */
  readonly assumedOrder: boolean;
}

interface BoundTensor {
  readonly slot: number;
  readonly role: 'input' | 'output';
  readonly name: string | undefined;
  readonly shape: readonly number[] | undefined;
}


function checkTbase(tasks: readonly Task[]): void {
  for (const task of tasks) {
    const tbase = decodeW8(task.header[TASK_HEADER_W8] ?? 0).tbase;
    if (tbase >= PROGRAM_SLOT_FIRST_IO) {
      throw new SlotRemapError({ reason: 'tbase_in_use', task: task.index, slot: tbase });
    }
  }
}

/** Outputs first at 4.., inputs after them, each role in the given order. */
function layout(outputs: readonly BoundTensor[], inputs: readonly BoundTensor[]): SlotMove[] {
  const moves: SlotMove[] = [];
  const push = (t: BoundTensor, to: number): void => {
    if (to > maxBindableSlot) throw new SlotRemapError({ reason: 'slot_out_of_range', slot: to });
    moves.push({ from: t.slot, to, role: t.role, name: t.name });
  };
  outputs.forEach((t, i) => push(t, FIRST_IO_SLOT + i));
  inputs.forEach((t, i) => push(t, FIRST_IO_SLOT + outputs.length + i));
  return moves;
}

function checkCounts(outputs: number, inputs: number, header: AnecHeader | undefined): void {
  if (header === undefined) return;
  if (outputs !== header.dstCount || inputs !== header.srcCount) {
    throw new SlotRemapError({ reason: 'count_mismatch', outputs, inputs, dstCount: header.dstCount, srcCount: header.srcCount });
  }
}

function headerShape(header: AnecHeader, slot: number): number[] {
  return header.nchw.slice(slot * NCHW_FIELD_COUNT, slot * NCHW_FIELD_COUNT + 4).map(Number);
}

function checkTaskSlots(tasks: readonly Task[], known: ReadonlySet<number>): void {
  for (const task of tasks) {
    const b = taskSlots(task);
    for (const slot of [...b.reads, ...b.writes]) {
      if (slot >= PROGRAM_SLOT_FIRST_IO && !known.has(slot)) {
        throw new SlotRemapError({ reason: 'unknown_slot', task: task.index, slot });
      }
    }
  }
}

/** The mapping from an HWX file's tensors: outputs then inputs, each in the file's stab order. */
export function slotMappingFromHwx(file: HwxFile, header?: AnecHeader): SlotMapping {
  const tasks = file.taskStream?.tasks ?? [];
  checkTbase(tasks);
  const bound: BoundTensor[] = [];
  const seen = new Set<number>();
  const stabOrder = (t: HwxFile['tensors'][number]): number => (t.stab === undefined ? Number.MAX_SAFE_INTEGER : file.stabs.indexOf(t.stab));
  const io = file.tensors
    .filter((t) => t.role === 'input' || t.role === 'output')
    .map((t, i) => ({ t, i }))
    .sort((x, y) => stabOrder(x.t) - stabOrder(y.t) || x.i - y.i)
    .map(({ t }) => t);
  for (const t of io) {
    const name = t.name ?? 'a tensor without a name';
    if (t.slot === undefined || t.slot < PROGRAM_SLOT_FIRST_IO) {
      throw new SlotRemapError({ reason: 'unbound_tensor', role: t.role, name, sharedSlot: undefined });
    }
    if (seen.has(t.slot)) throw new SlotRemapError({ reason: 'unbound_tensor', role: t.role, name, sharedSlot: t.slot });
    seen.add(t.slot);
    bound.push({ slot: t.slot, role: t.role as 'input' | 'output', name: t.name, shape: t.shape });
  }
  checkTaskSlots(tasks, seen);
  const outputs = bound.filter((t) => t.role === 'output');
  const inputs = bound.filter((t) => t.role === 'input');
  checkCounts(outputs.length, inputs.length, header);
  const moves = layout(outputs, inputs);
  if (header !== undefined) {
    for (const move of moves) {
      const tensor = bound.find((t) => t.slot === move.from);
      const want = headerShape(header, move.to);
      if (tensor?.shape !== undefined && tensor.shape.some((v, i) => v !== want[i])) {
        throw new SlotRemapError({ reason: 'shape_mismatch', role: move.role, name: move.name, shape: tensor.shape, slot: move.to, header: want });
      }
    }
  }
  return { moves, source: 'hwx', assumedOrder: false };
}

/** The mapping from the tasks alone (an .anec file): roles from what the tasks read and write. */
export function slotMappingFromTasks(tasks: readonly Task[], header?: AnecHeader): SlotMapping {
  checkTbase(tasks);
  const written = new Set<number>();
  const readFirst = new Set<number>();
  for (const task of tasks) {
    const b = taskSlots(task);
    for (const slot of b.reads) if (slot >= PROGRAM_SLOT_FIRST_IO && !written.has(slot)) readFirst.add(slot);
    for (const slot of b.writes) if (slot >= PROGRAM_SLOT_FIRST_IO) written.add(slot);
  }
  for (const slot of readFirst) {
    if (written.has(slot)) {
      throw new SlotRemapError({ reason: 'role_conflict', slot });
    }
  }
  const bySlot = (a: number, b: number): number => a - b;
  const outputs = [...written].sort(bySlot).map((slot): BoundTensor => ({ slot, role: 'output', name: undefined, shape: undefined }));
  const inputs = [...readFirst].sort(bySlot).map((slot): BoundTensor => ({ slot, role: 'input', name: undefined, shape: undefined }));
  checkCounts(outputs.length, inputs.length, header);
  // Without an HWX file the only names are the header's (dst0, src1, ...), given by the new slot.
  const moves = layout(outputs, inputs).map((m) => (header === undefined ? m : { ...m, name: slotName(m.to, header.dstCount) }));
  return { moves, source: 'tasks', assumedOrder: outputs.length > 1 || inputs.length > 1 };
}

export interface RemapResult {
  /** A new array; the input payload is never changed. */
  readonly payload: Uint8Array;
  readonly changes: readonly BindingChange[];
  readonly mapping: SlotMapping;
}

export interface RemapInfo {
  /** The .anec header the payload goes with. */
  readonly header: AnecHeader;
  /** The HWX file the payload was converted from, when there is one: its tensors give the exact mapping. */
  readonly hwx?: HwxFile;
  /** Bytes of task stream at the start of the payload; default: the whole payload. */
  readonly taskStreamSize?: number;
}

/**
 * Works on a copy of an .anec payload (task stream at offset 0). Throws SlotRemapError when the
 * mapping is ambiguous. Without `hwx`, remapping a remapped payload changes nothing more; with it,
 * the mapping describes the file as compiled, so apply it once, to the payload converted from it.
 */
export function remapSlots(payload: Uint8Array, info: RemapInfo): RemapResult {
  const copy = new Uint8Array(payload);
  const size = Math.min(info.taskStreamSize ?? copy.length, copy.length);
  const stream = readTaskStream(copy, 0, size, { path: ['payload'] });
  const mapping =
    info.hwx !== undefined ? slotMappingFromHwx(info.hwx, info.header) : slotMappingFromTasks(stream.tasks, info.header);
  const map = new Map(mapping.moves.map((m) => [m.from, m.to]));
  const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  const changes: BindingChange[] = [];
  for (const task of stream.tasks) {
    const slots = taskSlots(task);
    const touched = new Set([...slots.reads, ...slots.writes]);
    // W8 (reads, write) and W9 (kernel slots): a task that reads an input as its kernel moves too.
    for (const index of bindingWords) {
      const before = task.header[index] ?? 0;
      const after = rebindWord(task.header, index, map);
      if (after === before) continue;
      const offset = task.offset + index * tokens.U32_LE.len;
      view.setUint32(offset, after, true);
      changes.push({ kind: 'bindings', task: task.index, word: index, offset, before, after, moves: mapping.moves.filter((m) => m.from !== m.to && touched.has(m.from)) });
    }
  }
  return { payload: copy, changes, mapping };
}
