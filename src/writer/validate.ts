// Checks a description before anything is laid out, so the writer never emits a file whose
// derived numbers overflow their fields. Every problem is collected, not just the first.

import { PACKET_ADDRESS_MASK, PROGRAM_SLOT_FIRST_IO, PROGRAM_SLOT_INTERMEDIATE, PROGRAM_SLOT_KERNEL, SLOT_COUNT, TILE_SIZE_IN_BYTES, KERNEL_ALIGNMENT_IN_BYTES } from '../hwx/index.js';
import { tensorGeometry } from './geometry.js';
import { TASK_HEADER_W1, TASK_HEADER_W7 } from '../hwx/index.js';
import {
  chainWords,
  H11_HEADER_WORD_COUNT,
  H14_HEADER_WORD_COUNT,
  H14_TASK_SIZE_IN_BYTES,
  layoutTaskSize,
  leadingPackets,
  MAX_PACKET_VALUES,
  placeTasks,
  TASK_HEADER_WORD_COUNT,
  taskSize,
} from './tasks.js';
import type { HwxDescription, TensorShape, WriterIssue } from './types.js';
import { hwxLayouts, writerGenerations } from './types.js';

/** Largest dimension accepted: keeps every stride and size well inside a u32. */
const maxDimension = 0xffff;
/** Upstream refuses buffers of 0x10000 tiles or more. */
const maxBufferSizeInBytes = (0x10000 - 1) * TILE_SIZE_IN_BYTES;
const maxKernelSizeInBytes = 0x40000000;
const maxDebugInfoSizeInBytes = 0x4000000;
const maxTaskCount = 0x1000;
const maxPacketsPerTask = 256;
const maxNameLength = 64;
const maxCompilerFlags = 256;

/** Names start with a letter or `_` so that no name byte sequence can form a scanned word. */
const namePattern = /^[A-Za-z_][A-Za-z0-9_@./-]*$/;
const versionPattern = /^[0-9A-Za-z.-]+$/;
/** Flags are single printable lines without `:` (a line ending in `:5` after `:t` would look like a stab). */
const flagPattern = /^[\x20-\x39\x3b-\x7e]+$/;

type Path = readonly (string | number)[];

function isU32(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

export function validateDescription(d: HwxDescription): readonly WriterIssue[] {
  const issues: WriterIssue[] = [];
  const add = (code: WriterIssue['code'], path: Path, detail: string): void => {
    issues.push({ code, path, detail });
  };
  const integer = (value: number, min: number, max: number, path: Path): boolean => {
    if (!Number.isInteger(value)) {
      add('not_an_integer', path, `expected an integer, got ${value}`);
      return false;
    }
    if (value < min || value > max) {
      add('out_of_range', path, `expected ${min}..${max}, got ${value}`);
      return false;
    }
    return true;
  };
  const name = (value: string, path: Path): void => {
    if (value.length > maxNameLength || !namePattern.test(value)) {
      add('bad_name', path, `expected up to ${maxNameLength} of [A-Za-z0-9_@./-] starting with a letter or _, got ${JSON.stringify(value)}`);
    }
  };
  const shape = (s: TensorShape, path: Path): number => {
    const ok = (['n', 'c', 'h', 'w'] as const).every((dim) => integer(s[dim], 1, maxDimension, [...path, dim]));
    if (!ok) return 0;
    const size = tensorGeometry(s).bufferSize;
    if (size > maxBufferSizeInBytes) add('too_large', path, `buffer of ${size} bytes, limit ${maxBufferSizeInBytes}`);
    return size;
  };

  if (!hwxLayouts.includes(d.layout)) add('out_of_range', ['layout'], `expected one of ${hwxLayouts.join(', ')}, got ${String(d.layout)}`);
  if (!isU32(d.cpuSubtype)) add('out_of_range', ['cpuSubtype'], `expected a u32, got ${d.cpuSubtype}`);
  if (!versionPattern.test(d.compilerVersion)) add('bad_name', ['compilerVersion'], `expected [0-9A-Za-z.-]+, got ${JSON.stringify(d.compilerVersion)}`);
  if (d.espressoVersion !== undefined && !versionPattern.test(d.espressoVersion)) add('bad_name', ['espressoVersion'], `expected [0-9A-Za-z.-]+, got ${JSON.stringify(d.espressoVersion)}`);
  if (d.compilerFlags.length > maxCompilerFlags) add('bad_count', ['compilerFlags'], `at most ${maxCompilerFlags} flags, got ${d.compilerFlags.length}`);
  d.compilerFlags.forEach((flag, i) => {
    if (!flagPattern.test(flag)) add('bad_name', ['compilerFlags', i], `expected printable text without ':', got ${JSON.stringify(flag)}`);
  });
  name(d.networkName, ['networkName']);

  const inputs = d.tensors.filter((t) => t.kind === 'input').length;
  const outputs = d.tensors.length - inputs;
  if (inputs < 1 || outputs < 1) add('bad_count', ['tensors'], `expected at least one input and one output, got ${inputs} and ${outputs}`);
  const ioSlots = SLOT_COUNT - PROGRAM_SLOT_FIRST_IO;
  if (d.tensors.length > ioSlots) add('bad_count', ['tensors'], `at most ${ioSlots} tensors, got ${d.tensors.length}`);
  const slots = new Set<number>();
  d.tensors.forEach((t, i) => {
    if (t.kind !== 'input' && t.kind !== 'output') add('out_of_range', ['tensors', i, 'kind'], `expected input or output, got ${String(t.kind)}`);
    name(t.name, ['tensors', i, 'name']);
    shape(t.shape, ['tensors', i, 'shape']);
    if (integer(t.slot, PROGRAM_SLOT_FIRST_IO, SLOT_COUNT - 1, ['tensors', i, 'slot'])) {
      if (slots.has(t.slot)) add('duplicate_slot', ['tensors', i, 'slot'], `slot ${t.slot} is already bound`);
      slots.add(t.slot);
    }
  });
  d.aliasStabs.forEach((a, i) => {
    name(a.name, ['aliasStabs', i, 'name']);
    shape(a.shape, ['aliasStabs', i, 'shape']);
  });
  if (d.aliasStabs.length > ioSlots) add('bad_count', ['aliasStabs'], `at most ${ioSlots} alias stabs, got ${d.aliasStabs.length}`);

  if (d.intermediate !== undefined) integer(d.intermediate.size, 1, maxBufferSizeInBytes, ['intermediate', 'size']);
  if (d.intermediate !== undefined) slots.add(PROGRAM_SLOT_INTERMEDIATE);
  (d.extraIntermediates ?? []).forEach((x, i) => {
    integer(x.size, 1, maxBufferSizeInBytes, ['extraIntermediates', i, 'size']);
    if (integer(x.slot, PROGRAM_SLOT_KERNEL + 1, SLOT_COUNT - 1, ['extraIntermediates', i, 'slot'])) {
      if (slots.has(x.slot)) add('duplicate_slot', ['extraIntermediates', i, 'slot'], `slot ${x.slot} is already bound`);
      slots.add(x.slot);
    }
  });
  if ((d.extraIntermediates ?? []).length > 0 && d.intermediate === undefined) {
    add('bad_count', ['extraIntermediates'], 'extra intermediate buffers need the first one (`intermediate`)');
  }
  if (integer(d.kernel.size, 0, maxKernelSizeInBytes, ['kernel', 'size'])) {
    if (d.kernel.size % KERNEL_ALIGNMENT_IN_BYTES !== 0) add('not_aligned', ['kernel', 'size'], `expected a multiple of ${KERNEL_ALIGNMENT_IN_BYTES}, got ${d.kernel.size}`);
  }
  if (d.debugInfo !== undefined) {
    if (d.layout !== 'v9') add('not_in_layout', ['debugInfo'], `__DEBUG exists in layout v9 only, got layout ${d.layout}`);
    integer(d.debugInfo.size, 1, maxDebugInfoSizeInBytes, ['debugInfo', 'size']);
  }

  if (d.tasks.length < 1 || d.tasks.length > maxTaskCount) add('bad_count', ['tasks'], `expected 1..${maxTaskCount} tasks, got ${d.tasks.length}`);
  const generation = d.generation;
  if (generation !== undefined && !writerGenerations.includes(generation)) {
    add('out_of_range', ['generation'], `expected one of ${writerGenerations.join(', ')} or none (H13), got ${String(generation)}`);
  }
  // H13 tasks open with the layout's KernelDMA packets, have its size and chain through W1/W7;
  // H11 tasks are packets after a 7-word header; H14 tasks are 0x100 bytes of fixed words.
  const h13 = generation === undefined;
  const leading = h13 && hwxLayouts.includes(d.layout) ? leadingPackets(d.layout) : [];
  const expectedSize = generation === 'H14' ? H14_TASK_SIZE_IN_BYTES : h13 && hwxLayouts.includes(d.layout) ? layoutTaskSize(d.layout) : undefined;
  const headerWords = generation === 'H11' ? H11_HEADER_WORD_COUNT : generation === 'H14' ? H14_HEADER_WORD_COUNT : TASK_HEADER_WORD_COUNT;
  const { offsets } = placeTasks(d.tasks);
  d.tasks.forEach((task, i) => {
    if (expectedSize !== undefined && taskSize(task) !== expectedSize) {
      add('bad_task_size', ['tasks', i], `${generation ?? `layout ${d.layout}`} tasks are ${expectedSize} bytes, got ${taskSize(task)}`);
    }
    if (h13) {
      const chain = chainWords(task.header[TASK_HEADER_W1] ?? 0, offsets[i + 1], d.tasks[i + 1]);
      if (task.header[TASK_HEADER_W1] !== chain.w1 || task.header[TASK_HEADER_W7] !== chain.w7) {
        add('bad_chain', ['tasks', i, 'header'], `W1/W7 must point at the next task (W1 0x${chain.w1.toString(16)}, W7 0x${chain.w7.toString(16)}); linkTasks() sets them`);
      }
    }
    if (task.header.length !== headerWords) add('bad_count', ['tasks', i, 'header'], `expected ${headerWords} words, got ${task.header.length}`);
    task.header.forEach((w, k) => {
      if (!isU32(w)) add('out_of_range', ['tasks', i, 'header', k], `expected a u32, got ${w}`);
    });
    if (task.body !== undefined && generation !== 'H14') add('not_in_layout', ['tasks', i, 'body'], 'fixed task words exist in H14 tasks only');
    if (generation === 'H14' && task.packets.length > 0) add('not_in_layout', ['tasks', i, 'packets'], 'H14 tasks have fixed words, not packets');
    (task.body ?? []).forEach((w, k) => {
      if (!isU32(w)) add('out_of_range', ['tasks', i, 'body', k], `expected a u32, got ${w}`);
    });
    if (task.packets.length > maxPacketsPerTask) add('bad_count', ['tasks', i, 'packets'], `at most ${maxPacketsPerTask} packets, got ${task.packets.length}`);
    task.packets.forEach((p, k) => {
      const path = ['tasks', i, 'packets', k];
      integer(p.address, 0, PACKET_ADDRESS_MASK, [...path, 'address']);
      if (p.values.length < 1 || p.values.length > MAX_PACKET_VALUES) add('bad_count', [...path, 'values'], `expected 1..${MAX_PACKET_VALUES} values, got ${p.values.length}`);
      p.values.forEach((v, j) => {
        if (!isU32(v)) add('out_of_range', [...path, 'values', j], `expected a u32, got ${v}`);
      });
    });
    leading.forEach((expected, k) => {
      const got = task.packets[k];
      if (got === undefined || got.address !== expected.address || got.values.length !== expected.values.length) {
        add('bad_first_packet', ['tasks', i, 'packets', k], `layout ${d.layout} tasks start with ${expected.values.length} words at 0x${expected.address.toString(16)}`);
      }
    });
  });
  return issues;
}
