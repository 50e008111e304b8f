// Kernel slot bindings k0..k3 of a task (header word W9), through the generation profiles
// (src/hwx/generations): .anec files and libane know H13 tasks only, so they are read with the
// H13 profile, as .anec files are.
import { anecProfile, decodeBindings } from '../../hwx/index.js';
import type { Task } from '../../hwx/index.js';

export interface KernelBinding {
  /** k0..k3 */
  readonly name: string;
  readonly slot: number;
}

/** The enabled kernel bindings of a task, k0 first. */
export function kernelBindings(task: Task): KernelBinding[] {
  return decodeBindings(anecProfile, task.header)
    .filter((b) => b.role === 'kernel' && b.enabled)
    .map((b) => ({ name: b.label, slot: b.slot }));
}

// The header word that holds k0..k3 (W9 in H13), as the profile defines it.
const kernelWordIndex = anecProfile.bindings.find((b) => b.role === 'kernel')?.word ?? 9;
export const KERNEL_BINDINGS_WORD = `W${kernelWordIndex}`;
export const kernelBindingsWord = (task: Task): number => task.header[kernelWordIndex] ?? 0;
