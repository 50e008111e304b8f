// The .anec header as one token: `get` and `put` share the field list, so reading and writing
// cannot drift apart.
import { SLOT_COUNT } from '../hwx/index.js';
import { ANEC_HEADER_SIZE_IN_BYTES, NCHW_VALUE_COUNT } from './constants.js';
import { PythonException } from './errors.js';
import type { AnecHeader } from './types.js';

const U32_MAX = 0xffffffff;
const U64_MAX = (1n << 64n) - 1n;

/** Packed size of the header fields before padding (u64, 2 x u32, 2 x u64, 2 x u32, u32[32], u64[192]). */
export const ANEC_HEADER_FIELDS_SIZE_IN_BYTES = 8 + 4 + 4 + 8 + 8 + 4 + 4 + SLOT_COUNT * 4 + NCHW_VALUE_COUNT * 8;

/** A header value that does not fit its field; upstream's `construct` raises FormatFieldError here. */
export class AnecHeaderRangeError extends PythonException {
  override readonly name = 'AnecHeaderRangeError';
  constructor(
    readonly field: string,
    readonly value: bigint | number,
    readonly width: 'u32' | 'u64' | 'count',
  ) {
    super({ code: 'header_value_out_of_range', field, value, width });
  }
}

function checkU32(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > U32_MAX) throw new AnecHeaderRangeError(field, value, 'u32');
  return value;
}

function checkU64(field: string, value: bigint): bigint {
  if (value < 0n || value > U64_MAX) throw new AnecHeaderRangeError(field, value, 'u64');
  return value;
}

export const ANEC_HEADER = {
  len: ANEC_HEADER_SIZE_IN_BYTES,

  /** Decodes the header fields; the bytes must hold at least the packed fields. */
  get(bytes: Uint8Array, offset = 0): AnecHeader {
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset, ANEC_HEADER_FIELDS_SIZE_IN_BYTES);
    let p = 0;
    const u32 = (): number => {
      const v = view.getUint32(p, true);
      p += 4;
      return v;
    };
    const u64 = (): bigint => {
      const v = view.getBigUint64(p, true);
      p += 8;
      return v;
    };
    const size = u64();
    const tdSize = u32();
    const tdCount = u32();
    const tskSize = u64();
    const krnSize = u64();
    const srcCount = u32();
    const dstCount = u32();
    const tiles = Array.from({ length: SLOT_COUNT }, u32);
    const nchw = Array.from({ length: NCHW_VALUE_COUNT }, u64);
    return { size, tdSize, tdCount, tskSize, krnSize, srcCount, dstCount, tiles, nchw };
  },

  /**
   * Encodes the header into `bytes` at `offset` and returns the offset after the padded header.
   * Every value is range-checked first, so a failure writes nothing.
   */
  put(bytes: Uint8Array, offset: number, header: AnecHeader): number {
    // Only a caller's bug can get these wrong: the converter always builds 32 and 192 values.
    if (header.tiles.length !== SLOT_COUNT) throw new AnecHeaderRangeError('tiles.length', header.tiles.length, 'count');
    if (header.nchw.length !== NCHW_VALUE_COUNT) throw new AnecHeaderRangeError('nchw.length', header.nchw.length, 'count');
    const u64s: readonly [string, bigint][] = [
      ['size', header.size],
      ['tsk_size', header.tskSize],
      ['krn_size', header.krnSize],
    ];
    for (const [field, value] of u64s) checkU64(field, value);
    checkU32('td_size', header.tdSize);
    checkU32('td_count', header.tdCount);
    checkU32('src_count', header.srcCount);
    checkU32('dst_count', header.dstCount);
    header.tiles.forEach((v, i) => checkU32(`tiles[${i}]`, v));
    header.nchw.forEach((v, i) => checkU64(`nchw[${i}]`, v));

    bytes.fill(0, offset, offset + ANEC_HEADER_SIZE_IN_BYTES);
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset, ANEC_HEADER_FIELDS_SIZE_IN_BYTES);
    let p = 0;
    const u32 = (v: number): void => {
      view.setUint32(p, v, true);
      p += 4;
    };
    const u64 = (v: bigint): void => {
      view.setBigUint64(p, v, true);
      p += 8;
    };
    u64(header.size);
    u32(header.tdSize);
    u32(header.tdCount);
    u64(header.tskSize);
    u64(header.krnSize);
    u32(header.srcCount);
    u32(header.dstCount);
    header.tiles.forEach(u32);
    header.nchw.forEach(u64);
    return offset + ANEC_HEADER_SIZE_IN_BYTES;
  },
} as const;

/** The padded header bytes; throws AnecHeaderRangeError when a value does not fit its field. */
export function encodeAnecHeader(header: AnecHeader): Uint8Array {
  const bytes = new Uint8Array(ANEC_HEADER_SIZE_IN_BYTES);
  ANEC_HEADER.put(bytes, 0, header);
  return bytes;
}

/** Reads a header; the caller checks that at least ANEC_HEADER_FIELDS_SIZE_IN_BYTES are there. */
export function decodeAnecHeader(bytes: Uint8Array): AnecHeader {
  return ANEC_HEADER.get(bytes, 0);
}
