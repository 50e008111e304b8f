// The .anec header as one token, built from the field table in format.ts: `get` and `put` walk
// the same list, so reading and writing cannot drift apart.
import { ANEC_HEADER_SIZE_IN_BYTES } from './constants.js';
import { PythonException } from './errors.js';
import { ANEC_FIELDS, ANEC_FIELDS_END_IN_BYTES, fieldValues, type AnecField } from './format.js';
import type { AnecHeader } from './types.js';

const U32_MAX = 0xffffffff;
const U64_MAX = (1n << 64n) - 1n;

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

function checkValue(f: AnecField, i: number, value: number | bigint): void {
  const name = f.count === 1 ? f.cName : `${f.cName}[${i}]`;
  if (typeof value === 'bigint') {
    if (f.element.len !== 8 || value < 0n || value > U64_MAX) throw new AnecHeaderRangeError(name, value, 'u64');
  } else if (f.element.len !== 4 || !Number.isInteger(value) || value < 0 || value > U32_MAX) {
    throw new AnecHeaderRangeError(name, value, 'u32');
  }
}

export const ANEC_HEADER = {
  len: ANEC_HEADER_SIZE_IN_BYTES,

  /** Decodes the header fields; the bytes must hold at least the packed fields. */
  get(bytes: Uint8Array, offset = 0): AnecHeader {
    if (bytes.length < offset + ANEC_FIELDS_END_IN_BYTES) {
      throw new RangeError(`an .anec header needs ${ANEC_FIELDS_END_IN_BYTES} bytes, got ${bytes.length - offset}`);
    }
    const out: Record<string, unknown> = {};
    for (const f of ANEC_FIELDS) out[f.key] = f.token.get(bytes, offset + f.offset);
    return out as unknown as AnecHeader;
  },

  /**
   * Encodes the header into `bytes` at `offset`, zero-padded to 0x1000 bytes, and returns the
   * offset after it. Every value is range-checked first, so a failure writes nothing.
   */
  put(bytes: Uint8Array, offset: number, header: AnecHeader): number {
    for (const f of ANEC_FIELDS) {
      const values = fieldValues(header, f);
      // Only a caller's bug can get a count wrong: the converter always builds 32 and 192 values.
      if (values.length !== f.count) throw new AnecHeaderRangeError(`${f.cName}.length`, values.length, 'count');
      values.forEach((v, i) => checkValue(f, i, v));
    }
    bytes.fill(0, offset, offset + ANEC_HEADER_SIZE_IN_BYTES);
    for (const f of ANEC_FIELDS) (f.token as AnecField<string, unknown>['token']).put(bytes, offset + f.offset, header[f.key]);
    return offset + ANEC_HEADER_SIZE_IN_BYTES;
  },
} as const;

/** The padded header bytes; throws AnecHeaderRangeError when a value does not fit its field. */
export function encodeAnecHeader(header: AnecHeader): Uint8Array {
  const bytes = new Uint8Array(ANEC_HEADER_SIZE_IN_BYTES);
  ANEC_HEADER.put(bytes, 0, header);
  return bytes;
}

/** Reads a header; the caller checks that at least ANEC_FIELDS_END_IN_BYTES are there. */
export function decodeAnecHeader(bytes: Uint8Array): AnecHeader {
  return ANEC_HEADER.get(bytes, 0);
}
