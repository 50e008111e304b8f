import fc from 'fast-check';
import { ANEC_FIELDS, isU64Field, type AnecHeader } from '../../src/anec/index.js';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

/** Any header the format can hold, field by field from the .anec field table. */
export const anecHeaderArb = fc.record(
  Object.fromEntries(
    ANEC_FIELDS.map((f) => {
      const value: fc.Arbitrary<number | bigint> = isU64Field(f) ? u64 : u32;
      return [f.key, f.count === 1 ? value : fc.array(value, { minLength: f.count, maxLength: f.count })];
    }),
  ),
) as unknown as fc.Arbitrary<AnecHeader>;
