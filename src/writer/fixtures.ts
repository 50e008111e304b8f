// The fixtures in hwx/: one small file per layout and feature, rebuilt byte for byte by
// scripts/fixtures.ts and checked against the committed copies by the writer tests.

import { describeIntermediate, describeMul, describeMulDebugProbs, describeTwoTask } from './presets.js';
import type { HwxDescription } from './types.js';
import { writeHwx } from './write-hwx.js';

/** One of the sample files in hwx/: its name, what it shows, and how to build it. */
export interface Fixture {
  readonly file: string;
  readonly summary: string;
  readonly describe: () => HwxDescription;
  readonly build: () => Uint8Array;
}

function fixture(file: string, summary: string, describe: () => HwxDescription): Fixture {
  return { file, summary, describe, build: () => writeHwx(describe()) };
}

/** The sample files in hwx/, which `make fixtures` rebuilds byte for byte. */
export const fixtures: readonly Fixture[] = [
  fixture('mul-v5.hwx', 'mul as compiler v5.4.1 lays it out: __TEXT at 0x30000000, LC_LOADFVMLIB names, output at slot 4', () => describeMul('v5')),
  fixture('mul-v7.hwx', 'mul as compiler v7.6.4: command 0x40 names, inputs at slots 4-5, output at 6, non-zero KernelDMA/NE words', () => describeMul('v7')),
  fixture('mul-v9.hwx', 'mul as compiler v9.509.0: buffers first, __TEXT at 0x3000c000, compact 0x1f8 task (upstream: StopIteration)', () => describeMul('v9')),
  fixture('mul-v9-debug-probs.hwx', 'v9 mul with __DEBUG,__debug_info (__TEXT at 0x30010000) and a 4th stab probs/src', describeMulDebugProbs),
  fixture('two-task-v9.hwx', 'v9 mul with two chained compact tasks (W1/W7 link them)', () => describeTwoTask('v9')),
  fixture('intermediate-v5.hwx', 'v5 mul in two tasks through a __DATA,__bss intermediate buffer at slot 3', () => describeIntermediate('v5')),
];
