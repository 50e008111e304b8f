// Which registers `clean` zeroes, and when. A task "uses no kernel" when none of its coefficient
// DMA channels is enabled: no CoeffDMAConfig word (CoeffDMAConfig0..15 and the four unnamed ones
// after CoeffBfrSize15) has bit 0 set. Kernel tasks in the corpus (conv, gemm, sigmoid) write 0x81
// there; elementwise ones write 0x80 (v4, v7, v9) or 0 (v5). In a task that uses no kernel the
// coefficient configs, buffer sizes and NE KernelCfg/MACCfg carry no meaning, so clean sets them to
// 0, which is what compiler v5.4.1 writes. Registers are found by address, so the full (0x274) and
// compact (0x1f8) layouts are handled alike.

import {
  COEFF_DMA_ENABLE_BIT,
  KERNEL_DMA_TAIL_CONFIG_ADDRESS,
  KERNEL_DMA_TAIL_GROUP_COUNT,
  KERNEL_DMA_TAIL_SIZE_ADDRESS,
  h13Registers,
  tokens,
} from '../../hwx/index.js';
import type { RegisterWrite, Task } from '../../hwx/index.js';

const COEFF_CONFIG_PREFIX = 'CoeffDMAConfig';
const COEFF_SIZE_PREFIX = 'CoeffBfrSize';
const NE_KERNEL_REGISTERS: readonly string[] = ['KernelCfg', 'MACCfg'];

function tail(first: number): number[] {
  return Array.from({ length: KERNEL_DMA_TAIL_GROUP_COUNT }, (_, i) => first + i * tokens.U32_LE.len);
}

function named(block: string, test: (name: string) => boolean): number[] {
  return h13Registers.filter((r) => r.block === block && test(r.name)).map((r) => r.address);
}

/** Addresses whose bit 0 enables a coefficient DMA channel. */
const coefficientConfigAddresses: ReadonlySet<number> = new Set([
  ...named('KernelDMA', (n) => n.startsWith(COEFF_CONFIG_PREFIX)),
  ...tail(KERNEL_DMA_TAIL_CONFIG_ADDRESS),
]);

/** Addresses clean sets to 0 in tasks that use no kernel. */
const cleanableAddresses: ReadonlySet<number> = new Set([
  ...coefficientConfigAddresses,
  ...named('KernelDMA', (n) => n.startsWith(COEFF_SIZE_PREFIX)),
  ...tail(KERNEL_DMA_TAIL_SIZE_ADDRESS),
  ...named('NE', (n) => NE_KERNEL_REGISTERS.includes(n)),
]);

/** True when some coefficient DMA channel of the task is enabled. */
export function usesKernel(task: Task): boolean {
  return task.writes.some((w) => coefficientConfigAddresses.has(w.address) && (w.value & COEFF_DMA_ENABLE_BIT) !== 0);
}

/** The nonzero writes clean would zero in this task (none when the task uses a kernel). */
export function cleanableWrites(task: Task): readonly RegisterWrite[] {
  if (usesKernel(task)) return [];
  return task.writes.filter((w) => w.value !== 0 && cleanableAddresses.has(w.address));
}
