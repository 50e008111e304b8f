// The task stream: consecutive task descriptors, each a header (W0..W9) then register-write
// packets. Works on any byte range, so it reads `__TEXT,__text` of an HWX file and the payload of
// an .anec file alike. It never throws: problems become warnings and decoding stops there.

import {
  COMPACT_TASK_FIRST_PACKET,
  COMPACT_TASK_SIZE_IN_BYTES,
  FULL_TASK_FIRST_PACKET,
  FULL_TASK_SIZE_IN_BYTES,
  PACKET_ADDRESS_MASK,
  PACKET_COUNT_SHIFT,
  TASK_HEADER_SIZE_IN_BYTES,
} from './constants.js';
import { fits, internalIssue, maxTaskCount } from './bounds.js';
import type { HwxIssue } from './issues.js';
import { decodeW1, TASK_HEADER_W1, TASK_HEADER_W7 } from './registers.js';
import { PACKET_HEADER, PACKET_VALUE, TASK_HEADER } from './tokens.js';
import type { Packet, RegisterWrite, Task, TaskKind, TaskStream } from './types.js';

export interface TaskStreamOptions {
  /** Size of the first task when its first packet does not tell (from the program descriptor). */
  readonly firstTaskSize?: number;
  /** Path used in warnings. */
  readonly path?: readonly string[];
}

const PATH = ['__TEXT', '__text'];

/** Task kind and size from the first packet header, which is the "TD magic". */
function kindOf(firstPacket: number | undefined): { kind: TaskKind; size: number | undefined } {
  if (firstPacket === FULL_TASK_FIRST_PACKET) return { kind: 'full', size: FULL_TASK_SIZE_IN_BYTES };
  if (firstPacket === COMPACT_TASK_FIRST_PACKET) return { kind: 'compact', size: COMPACT_TASK_SIZE_IN_BYTES };
  return { kind: 'unknown', size: undefined };
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
  const path = options.path ?? PATH;
  const warnings: HwxIssue[] = [];
  const tasks: Task[] = [];
  // Clamp the range to the bytes that exist; a short range is reported once.
  const start = Number.isSafeInteger(offset) && offset >= 0 ? Math.min(offset, bytes.length) : bytes.length;
  const wanted = Number.isSafeInteger(size) && size >= 0 ? size : 0;
  const end = Math.min(start + wanted, bytes.length);
  if (start + wanted > bytes.length) {
    warnings.push({ code: 'truncated', offset: start, path, needed: wanted, available: end - start });
  }

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
    if (!fits(bytes, at, TASK_HEADER.len) || at + TASK_HEADER.len > end) {
      if (index === 0 && end > start) {
        warnings.push({ code: 'truncated', offset: at, path, needed: TASK_HEADER.len, available: end - at });
      }
      break;
    }
    const header = TASK_HEADER.get(bytes, at);
    // Where the next task starts bounds this one, so it is decided before decoding.
    const next = header[TASK_HEADER_W7] ?? 0;
    const nextAt = start + next;
    // The pointer must move forward past this task's header, so the walk always ends.
    const nextValid = next !== 0 && nextAt >= at + TASK_HEADER.len && nextAt < end;
    const limit = nextValid ? nextAt : end;

    const firstAt = at + TASK_HEADER_SIZE_IN_BYTES;
    const firstPacket = firstAt + PACKET_HEADER.len <= end ? PACKET_HEADER.get(bytes, firstAt) : undefined;
    const { kind, size: kindSize } = kindOf(firstPacket);
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
    const nextSize = decodeW1(header[TASK_HEADER_W1] ?? 0).nextTaskSize;
    sizeHint = nextSize > 0 ? nextSize : undefined;
    at = nextAt;
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
