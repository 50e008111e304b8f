// Task descriptors: header words W0..W9, then packets `(count - 1) << 26 | address` + values.

import {
  COMPACT_TASK_FIRST_PACKET,
  COMPACT_TASK_SECOND_PACKET,
  COMPACT_TASK_SIZE_IN_BYTES,
  encodeW1NextSize,
  FULL_TASK_FIRST_PACKET,
  FULL_TASK_SIZE_IN_BYTES,
  PACKET_ADDRESS_MASK,
  PACKET_COUNT_SHIFT,
  TASK_ALIGNMENT_IN_BYTES,
  TASK_HEADER_SIZE_IN_BYTES,
  TASK_HEADER_W1,
  TASK_HEADER_W7,
  tokens,
} from '../hwx/index.js';
import { alignUp } from './geometry.js';
import type { HwxLayout, PacketDescription, TaskDescription } from './types.js';

export const TASK_HEADER_WORD_COUNT = TASK_HEADER_SIZE_IN_BYTES / 4;
/** A packet's count field has 6 bits. */
export const MAX_PACKET_VALUES = (1 << (32 - PACKET_COUNT_SHIFT));
const WORD = 4;

function packetHeader(packet: PacketDescription): number {
  return (((packet.values.length - 1) << PACKET_COUNT_SHIFT) | (packet.address & PACKET_ADDRESS_MASK)) >>> 0;
}

function fromHeader(header: number): PacketDescription {
  return { address: header & PACKET_ADDRESS_MASK, values: new Array<number>((header >>> PACKET_COUNT_SHIFT) + 1).fill(0) };
}

/** The KernelDMA packet(s) every task of a layout starts with (values left zero). */
export function leadingPackets(layout: HwxLayout): readonly PacketDescription[] {
  return layout === 'v9'
    ? [fromHeader(COMPACT_TASK_FIRST_PACKET), fromHeader(COMPACT_TASK_SECOND_PACKET)]
    : [fromHeader(FULL_TASK_FIRST_PACKET)];
}

export function taskSize(task: TaskDescription): number {
  const fixed = (task.header.length + (task.body?.length ?? 0)) * WORD;
  return task.packets.reduce((sum, p) => sum + WORD + p.values.length * WORD, fixed);
}

/** H14 tasks: 10 header words and 54 body words, sizeof(TD_V11) (AlexAltea/ane e397b69 td_v11.h). */
export const H14_TASK_SIZE_IN_BYTES = 0x100;
export const H14_HEADER_WORD_COUNT = 10;
/** H11 tasks: 7 header words before the first packet (the corpus's generations/matmul_h11.hwx). */
export const H11_HEADER_WORD_COUNT = 7;

export interface TaskPlacement {
  /** Byte offset of each task from the start of `__text`. */
  readonly offsets: readonly number[];
  /** `__text` size: up to the end of the last task. */
  readonly streamSize: number;
}

export function placeTasks(tasks: readonly TaskDescription[]): TaskPlacement {
  const offsets: number[] = [];
  let end = 0;
  for (const task of tasks) {
    const at = offsets.length === 0 ? 0 : alignUp(end, TASK_ALIGNMENT_IN_BYTES);
    offsets.push(at);
    end = at + taskSize(task);
  }
  return { offsets, streamSize: end };
}

/** Puts a validated task (its header has TASK_HEADER's word count) at `offset`; returns its end. */
export function putTask(bytes: Uint8Array, offset: number, task: TaskDescription): number {
  let at = offset;
  for (const word of [...task.header, ...(task.body ?? [])]) at = tokens.PACKET_VALUE.put(bytes, at, word);
  for (const packet of task.packets) {
    at = tokens.PACKET_HEADER.put(bytes, at, packetHeader(packet));
    for (const value of packet.values) at = tokens.PACKET_VALUE.put(bytes, at, value);
  }
  return at;
}

/** Every task of a layout has this size (the reader and the driver take it from the first packet). */
export function layoutTaskSize(layout: HwxLayout): number {
  return layout === 'v9' ? COMPACT_TASK_SIZE_IN_BYTES : FULL_TASK_SIZE_IN_BYTES;
}

/**
 * The W1 and W7 a task needs so that the chain reaches `next` (undefined for the last task): W1
 * gives the next task's size, W7 its offset from `__text`.
 */
export function chainWords(w1: number, nextOffset: number | undefined, next: TaskDescription | undefined): { w1: number; w7: number } {
  if (next === undefined || nextOffset === undefined) return { w1: encodeW1NextSize(w1, 0), w7: 0 };
  return { w1: encodeW1NextSize(w1, taskSize(next)), w7: nextOffset };
}

/** Returns the tasks with W1 and W7 set so that each points at the next one, as the compiler does. */
export function linkTasks(tasks: readonly TaskDescription[]): readonly TaskDescription[] {
  const { offsets } = placeTasks(tasks);
  return tasks.map((task, i) => {
    const { w1, w7 } = chainWords(task.header[TASK_HEADER_W1] ?? 0, offsets[i + 1], tasks[i + 1]);
    return { ...task, header: task.header.map((word, k) => (k === TASK_HEADER_W1 ? w1 : k === TASK_HEADER_W7 ? w7 : word)) };
  });
}
