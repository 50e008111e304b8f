// Kernel slot bindings k0..k3 of an H13 task (header word W9): kbase0 bits 4:0 with enable bit 5,
// kbase1 10:6 / 11, kbase2 16:12 / 17, kbase3 22:18 / 23, as AlexAltea/ane (e397b69)
// src/libane/td_v7.h declares TDHeader_V7's W9 union. Checked on generations/matmul_h13.hwx
// (W9 = 0x24: k0 = slot 4, enabled). The generation profiles (src/hwx/generations) will carry
// this table; until they land here, check decodes it in this one place.
import type { Task } from '../../hwx/index.js';

const TASK_HEADER_W9 = 9;
const SLOT_BITS = 5;
const FIELD_STRIDE = 6;
const KERNEL_BINDING_COUNT = 4;

export interface KernelBinding {
  /** k0..k3 */
  readonly name: string;
  readonly slot: number;
}

/** The enabled kernel bindings of a task, k0 first. */
export function kernelBindings(task: Task): KernelBinding[] {
  const word = task.header[TASK_HEADER_W9] ?? 0;
  const out: KernelBinding[] = [];
  for (let k = 0; k < KERNEL_BINDING_COUNT; k++) {
    const shift = k * FIELD_STRIDE;
    const enabled = ((word >>> (shift + SLOT_BITS)) & 1) === 1;
    if (enabled) out.push({ name: `k${k}`, slot: (word >>> shift) & ((1 << SLOT_BITS) - 1) });
  }
  return out;
}

export const KERNEL_BINDINGS_WORD = `W${TASK_HEADER_W9}`;
export const kernelBindingsWord = (task: Task): number => task.header[TASK_HEADER_W9] ?? 0;
