import fc from 'fast-check';
import type { AnecHeader } from '../../src/anec/index.js';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

/** Any header the format can hold. */
export const anecHeaderArb: fc.Arbitrary<AnecHeader> = fc.record({
  size: u64,
  tdSize: u32,
  tdCount: u32,
  tskSize: u64,
  krnSize: u64,
  srcCount: u32,
  dstCount: u32,
  tiles: fc.array(u32, { minLength: 32, maxLength: 32 }),
  nchw: fc.array(u64, { minLength: 192, maxLength: 192 }),
});
