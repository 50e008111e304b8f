// The task stream: consecutive task descriptors, each a header (W0..W9) then register-write
// packets. Works on any byte range, so it reads `__TEXT,__text` of an HWX file and the payload of
// an .anec file alike. It never throws: problems become warnings and decoding stops there.

import { PACKET_ADDRESS_MASK, PACKET_COUNT_SHIFT } from './constants.js';
import { fits, internalIssue, maxTaskCount } from './bounds.js';
import { h13 } from './generations/index.js';
import type { TaskLayout } from './generations/index.js';
import type { HwxIssue } from './issues.js';
import { decodeW1 } from './registers.js';
import { PACKET_HEADER, PACKET_VALUE } from './tokens.js';
import type { Packet, RegisterWrite, Task, TaskKind, TaskStream } from './types.js';

export interface TaskStreamOptions {
  /** Size of the first task when its first packet does not tell (from the program descriptor). */
  readonly firstTaskSize?: number;
  /** Path used in warnings. */
  readonly path?: readonly string[];
  /** How tasks are laid out (the generation's profile); H13's by default, as in every .anec file. */
  readonly layout?: TaskLayout;
}

const PATH = ['__TEXT', '__text'];
const WORD_BYTES = PACKET_VALUE.len;

/** The range clamped to the bytes that exist; a short range is reported once. */
function clampRange(bytes: Uint8Array, offset: number, size: number, path: readonly string[], warnings: HwxIssue[]): { start: number; end: number } {
  const start = Number.isSafeInteger(offset) && offset >= 0 ? Math.min(offset, bytes.length) : bytes.length;
  const wanted = Number.isSafeInteger(size) && size >= 0 ? size : 0;
  const end = Math.min(start + wanted, bytes.length);
  if (start + wanted > bytes.length) {
    warnings.push({ code: 'truncated', offset: start, path, needed: wanted, available: end - start });
  }
  return { start, end };
}

/** Task kind and size from the first packet header, which is the "TD magic". */
function kindOf(layout: TaskLayout, firstPacket: number | undefined): { kind: TaskKind; size: number | undefined } {
  const known = layout.knownSizes.find((k) => k.firstPacket !== undefined && k.firstPacket === firstPacket);
  return known === undefined ? { kind: 'unknown', size: undefined } : { kind: known.kind, size: known.sizeInBytes };
}

function readWords(bytes: Uint8Array, at: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i += 1) out.push(PACKET_VALUE.get(bytes, at + i * WORD_BYTES));
  return out;
}

/**
 * Decode the tasks in `bytes[offset, offset + size)`. Task 0 starts at `offset`; each next task is
 * at W7 (counted from `offset`) until W7 is 0. A task's size comes from its first packet, else from
 * the previous task's W1, else `firstTaskSize`, else it runs to the next task or the end of the
 * range; a task never runs past the start of the next one.
 */
export function readTaskStream(
  bytes: Uint8Array,
  offset: number,
  size: number,
  options: TaskStreamOptions = {},
): TaskStream {
  try {
    return decodeTaskStream(bytes, offset, size, options);
  } catch (error) {
    // Last resort: a decoder bug becomes a typed warning, keeping the promise never to throw.
    // Nothing here may touch `bytes` again: it may be what failed.
    const start = Number.isSafeInteger(offset) && offset >= 0 ? offset : 0;
    return { offset: start, size: 0, tasks: [], warnings: [internalIssue(error, options.path ?? PATH)] };
  }
}

function decodeTaskStream(bytes: Uint8Array, offset: number, size: number, options: TaskStreamOptions): TaskStream {
  const layout = options.layout ?? h13.layout;
  if (layout.encoding === 'dense') return decodeDenseTasks(bytes, offset, size, options, layout);
  if (layout.encoding !== 'packets') return decodeWordTasks(bytes, offset, size, options, layout);
  const path = options.path ?? PATH;
  const headerBytes = layout.headerSizeInBytes;
  const warnings: HwxIssue[] = [];
  const tasks: Task[] = [];
  const { start, end } = clampRange(bytes, offset, size, path, warnings);

  let at = start;
  let sizeHint = options.firstTaskSize;
  // Tasks never overlap (each ends where the next begins at the latest), so the writes of the
  // whole stream fit in its bytes; the budget makes that bound explicit whatever the fields say.
  const budget = { writes: Math.floor((end - start) / PACKET_VALUE.len) };
  for (let index = 0; ; index += 1) {
    if (index >= maxTaskCount) {
      warnings.push({ code: 'bad_task', offset: at, path, taskIndex: index, reason: 'too_many_tasks', value: maxTaskCount });
      break;
    }
    if (!fits(bytes, at, headerBytes) || at + headerBytes > end) {
      if (index === 0 && end > start) {
        warnings.push({ code: 'truncated', offset: at, path, needed: headerBytes, available: end - at });
      }
      break;
    }
    const header = readWords(bytes, at, headerBytes / WORD_BYTES);
    // Where the next task starts bounds this one, so it is decided before decoding.
    const next = layout.nextPointerWord === undefined ? 0 : (header[layout.nextPointerWord] ?? 0);
    const nextAt = start + next;
    // The pointer must move forward past this task's header, so the walk always ends.
    const nextValid = next !== 0 && nextAt >= at + headerBytes && nextAt < end;
    const limit = nextValid ? nextAt : end;

    const firstAt = at + headerBytes;
    const firstPacket = firstAt + PACKET_HEADER.len <= end ? PACKET_HEADER.get(bytes, firstAt) : undefined;
    const { kind, size: kindSize } = kindOf(layout, firstPacket);
    const knownSize = kindSize ?? (sizeHint !== undefined && sizeHint > 0 ? sizeHint : undefined);
    const declared = knownSize ?? limit - at;
    const taskEnd = Math.min(at + declared, limit);
    if (at + declared > end) {
      warnings.push({ code: 'truncated', offset: at, path: [...path, `task ${index}`], needed: declared, available: end - at });
    } else if (knownSize !== undefined && at + knownSize > limit) {
      warnings.push({ code: 'bad_task', offset: at, path, taskIndex: index, reason: 'overlap', value: next });
    }
    const { packets, writes } = decodePackets(bytes, firstAt, taskEnd, index, path, warnings, budget);
    tasks.push({
      kind: 'task',
      taskKind: kind,
      index,
      offset: at,
      size: taskEnd - at,
      header,
      firstPacket,
      packets,
      writes,
    });

    if (next === 0) break;
    if (!nextValid) {
      warnings.push({ code: 'bad_task', offset: at, path, taskIndex: index, reason: 'next_pointer', value: next });
      break;
    }
    const nextSize = layout.nextSizeWord === undefined ? 0 : decodeW1(header[layout.nextSizeWord] ?? 0).nextTaskSize;
    sizeHint = nextSize > 0 ? nextSize : undefined;
    at = nextAt;
  }
  return { offset: start, size: end - start, tasks, warnings };
}

/**
 * Fixed-layout and raw tasks: consecutive tasks of the profile's size (the program descriptor's,
 * else the whole range), each a header then words that sit at fixed offsets; every word after
 * the header becomes a write whose address is its byte offset in the task.
 */
function decodeWordTasks(bytes: Uint8Array, offset: number, size: number, options: TaskStreamOptions, layout: TaskLayout): TaskStream {
  const path = options.path ?? PATH;
  const warnings: HwxIssue[] = [];
  const tasks: Task[] = [];
  const { start, end } = clampRange(bytes, offset, size, path, warnings);
  const known = layout.encoding === 'fixed' ? layout.knownSizes[0]?.sizeInBytes : undefined;
  const hinted = options.firstTaskSize !== undefined && options.firstTaskSize > 0 ? options.firstTaskSize : undefined;
  const taskSize = Math.max(WORD_BYTES, known ?? hinted ?? end - start);
  const headerWords = layout.headerSizeInBytes / WORD_BYTES;
  for (let at = start, index = 0; at + WORD_BYTES <= end; at += taskSize, index += 1) {
    if (index >= maxTaskCount) {
      warnings.push({ code: 'bad_task', offset: at, path, taskIndex: index, reason: 'too_many_tasks', value: maxTaskCount });
      break;
    }
    const taskEnd = Math.min(at + taskSize, end);
    if (at + taskSize > end && layout.encoding === 'fixed') {
      warnings.push({ code: 'truncated', offset: at, path: [...path, `task ${index}`], needed: taskSize, available: end - at });
    }
    const words = Math.floor((taskEnd - at) / WORD_BYTES);
    const header = readWords(bytes, at, Math.min(headerWords, words));
    const writes: RegisterWrite[] = [];
    for (let i = header.length; i < words; i += 1) {
      const valueAt = at + i * WORD_BYTES;
      writes.push({ address: i * WORD_BYTES, value: PACKET_VALUE.get(bytes, valueAt), offset: valueAt });
    }
    tasks.push({ kind: 'task', taskKind: 'unknown', index, offset: at, size: taskEnd - at, header, firstPacket: undefined, packets: [], writes });
  }
  return { offset: start, size: end - start, tasks, warnings };
}

/** Dense packet headers (see TaskLayout 'dense'): word address, then a count or a mask. */
const DENSE_ADDRESS_MASK = 0x7fff;
const DENSE_FIELD_SHIFT = 15;
const DENSE_COUNT_MASK = 0x3f;
const DENSE_MASK_BITS = 16;
const DENSE_MASKED = 0x80000000;
const DENSE_TASK_SIZE_SHIFT = 16;
const DENSE_TASK_SIZE_MASK = 0x7ff;
/** A record whose size field is 0 is skipped 16 bytes at a time; tasks start on 16 bytes. */
const DENSE_SKIP_IN_BYTES = 16;

function decodeDenseTasks(bytes: Uint8Array, offset: number, size: number, options: TaskStreamOptions, layout: TaskLayout): TaskStream {
  const path = options.path ?? PATH;
  const warnings: HwxIssue[] = [];
  const tasks: Task[] = [];
  const { start, end } = clampRange(bytes, offset, size, path, warnings);
  const headerWords = layout.headerSizeInBytes / WORD_BYTES;
  const budget = { writes: Math.floor((end - start) / WORD_BYTES) };
  let at = start;
  while (at + WORD_BYTES <= end) {
    if (tasks.length >= maxTaskCount) {
      warnings.push({ code: 'bad_task', offset: at, path, taskIndex: tasks.length, reason: 'too_many_tasks', value: maxTaskCount });
      break;
    }
    const words = ((PACKET_VALUE.get(bytes, at) >>> DENSE_TASK_SIZE_SHIFT) & DENSE_TASK_SIZE_MASK);
    if (words === 0) {
      at += DENSE_SKIP_IN_BYTES;
      continue;
    }
    const index = tasks.length;
    const declared = words * WORD_BYTES;
    if (at + declared > end) {
      warnings.push({ code: 'truncated', offset: at, path: [...path, `task ${index}`], needed: declared, available: end - at });
    }
    const taskEnd = Math.min(at + declared, end);
    const header = readWords(bytes, at, Math.min(headerWords, Math.floor((taskEnd - at) / WORD_BYTES)));
    const packets: Packet[] = [];
    const writes: RegisterWrite[] = [];
    let p = at + header.length * WORD_BYTES;
    while (p + WORD_BYTES <= taskEnd) {
      const head = PACKET_VALUE.get(bytes, p);
      const base = head & DENSE_ADDRESS_MASK;
      const masked = (head & DENSE_MASKED) !== 0;
      // Word addresses each value goes to, in order.
      const targets: number[] = [base];
      if (masked) {
        const mask = (head >>> DENSE_FIELD_SHIFT) & 0xffff;
        for (let b = 0; b < DENSE_MASK_BITS; b += 1) if ((mask >>> b) & 1) targets.push(base + b + 1);
      } else {
        const count = ((head >>> DENSE_FIELD_SHIFT) & DENSE_COUNT_MASK) + 1;
        for (let i = 1; i < count; i += 1) targets.push(base + i);
      }
      const valuesAt = p + WORD_BYTES;
      const packetEnd = valuesAt + targets.length * WORD_BYTES;
      if (packetEnd > taskEnd) {
        warnings.push({ code: 'bad_task', offset: p, path, taskIndex: index, reason: 'packet_overrun', value: head });
        break;
      }
      if (targets.length > budget.writes) {
        warnings.push({ code: 'bad_task', offset: p, path, taskIndex: index, reason: 'too_many_writes', value: head });
        break;
      }
      budget.writes -= targets.length;
      const values = targets.map((_, i) => PACKET_VALUE.get(bytes, valuesAt + i * WORD_BYTES));
      targets.forEach((word, i) => writes.push({ address: word * WORD_BYTES, value: values[i] ?? 0, offset: valuesAt + i * WORD_BYTES }));
      packets.push({ kind: 'packet', offset: p, size: packetEnd - p, header: head, address: base * WORD_BYTES, count: targets.length, values });
      p = packetEnd;
    }
    tasks.push({ kind: 'task', taskKind: 'unknown', index, offset: at, size: taskEnd - at, header, firstPacket: undefined, packets, writes });
    at += Math.ceil(declared / DENSE_SKIP_IN_BYTES) * DENSE_SKIP_IN_BYTES;
  }
  return { offset: start, size: end - start, tasks, warnings };
}

function decodePackets(
  bytes: Uint8Array,
  from: number,
  end: number,
  taskIndex: number,
  path: readonly string[],
  warnings: HwxIssue[],
  budget: { writes: number },
): { packets: Packet[]; writes: RegisterWrite[] } {
  const packets: Packet[] = [];
  const writes: RegisterWrite[] = [];
  let at = from;
  while (at + PACKET_HEADER.len <= end) {
    const header = PACKET_HEADER.get(bytes, at);
    const count = (header >>> PACKET_COUNT_SHIFT) + 1;
    const address = header & PACKET_ADDRESS_MASK;
    const valuesAt = at + PACKET_HEADER.len;
    const packetEnd = valuesAt + count * PACKET_VALUE.len;
    if (packetEnd > end) {
      warnings.push({ code: 'bad_task', offset: at, path, taskIndex, reason: 'packet_overrun', value: header });
      break;
    }
    if (count > budget.writes) {
      warnings.push({ code: 'bad_task', offset: at, path, taskIndex, reason: 'too_many_writes', value: header });
      break;
    }
    budget.writes -= count;
    const values: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const valueAt = valuesAt + i * PACKET_VALUE.len;
      const value = PACKET_VALUE.get(bytes, valueAt);
      values.push(value);
      writes.push({ address: address + i * PACKET_VALUE.len, value, offset: valueAt });
    }
    packets.push({ kind: 'packet', offset: at, size: packetEnd - at, header, address, count, values });
    at = packetEnd;
  }
  return { packets, writes };
}
