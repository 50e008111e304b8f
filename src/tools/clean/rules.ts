// Which registers `clean` zeroes, and when. A task "uses no kernel" when none of its coefficient
// DMA channels is enabled: no CoeffDMAConfig word (CoeffDMAConfig0..15 and the four unnamed ones
// after CoeffBfrSize15) has bit 0 set. Kernel tasks in the corpus (conv, gemm, sigmoid) write 0x81
// there; elementwise ones write 0x80 (v4, v7, v9) or 0 (v5). In a task that uses no kernel the
// coefficient configs, buffer sizes and NE KernelCfg/MACCfg carry no meaning, so clean sets them to
// 0, which is what compiler v5.4.1 writes. Registers are found by address, so the full (0x274) and
// compact (0x1f8) layouts are handled alike.

import { H13_CLEAN_RULES as rules } from '../../hwx/index.js';
import type { RegisterWrite, Task } from '../../hwx/index.js';

// The H13 rules (src/hwx/generations/h13.ts): .anec payloads are H13 tasks.

/** Addresses whose bit 0 enables a coefficient DMA channel. */
const coefficientConfigAddresses: ReadonlySet<number> = new Set(rules.coefficientConfigs);

/** Addresses clean sets to 0 in tasks that use no kernel. */
const cleanableAddresses: ReadonlySet<number> = new Set(rules.cleanable);

/** True when some coefficient DMA channel of the task is enabled. */
export function usesKernel(task: Task): boolean {
  return task.writes.some((w) => coefficientConfigAddresses.has(w.address) && (w.value & rules.enableBit) !== 0);
}

/** The nonzero writes clean would zero in this task (none when the task uses a kernel). */
export function cleanableWrites(task: Task): readonly RegisterWrite[] {
  if (usesKernel(task)) return [];
  return task.writes.filter((w) => w.value !== 0 && cleanableAddresses.has(w.address));
}
