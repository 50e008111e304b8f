// The .anec header as one table: every field once, with its key in our model, its name in
// libane's `struct anec` (eiln/ane 0dcea99, libane/ane.h), its token and its byte offset. The
// codec (header.ts), upstream's `-p` text (struct-text.ts), the engine comparison, diff, inspect,
// the JSON schemas and the Python bridge's reply schema are all derived from this list;
// test/anec/format.test.ts holds py/anecc_bridge.py's field list against it.
import { SLOT_COUNT, tokens } from '../hwx/index.js';
import { NCHW_VALUE_COUNT } from './constants.js';

type Token<T> = tokens.Token<T>;

/** How upstream's `-p` prints a field: a scalar in hex or decimal, or one line per used slot. */
export type AnecFieldPrint = 'hex' | 'decimal' | 'tiles' | 'nchw';

export interface AnecField<K extends string = string, T = unknown> {
  /** Key in AnecHeader, the inspect JSON and the bridge's reply. */
  readonly key: K;
  /** Name in libane's `struct anec` and upstream's `-p` text. */
  readonly cName: string;
  /** Values of one element: u32 (number) or u64 (bigint). */
  readonly element: Token<number> | Token<bigint>;
  /** 1 for a scalar; the array length otherwise. */
  readonly count: number;
  readonly token: Token<T>;
  /** Byte offset from the start of the file. */
  readonly offset: number;
  readonly print: AnecFieldPrint;
}

function scalar<K extends string, T extends number | bigint>(key: K, cName: string, token: Token<T>, offset: number, print: AnecFieldPrint): AnecField<K, T> {
  return { key, cName, element: token as Token<number> | Token<bigint>, count: 1, token, offset, print };
}

function array<K extends string, T extends number | bigint>(key: K, cName: string, element: Token<T>, count: number, offset: number, print: AnecFieldPrint): AnecField<K, readonly T[]> {
  return { key, cName, element: element as Token<number> | Token<bigint>, count, token: tokens.arrayOf(element, count), offset, print };
}

const { U32_LE: u32, U64_LE: u64 } = tokens;

/**
 * The packed fields in file order (`u64 size; u32 td_size; u32 td_count; u64 tsk_size;
 * u64 krn_size; u32 src_count; u32 dst_count; u32 tiles[32]; u64 nchw[32][6]`), as anecc 1.0.9
 * packs them (eiln/anecc aa7b14f, anecc/__init__.py) and libane reads them.
 */
export const ANEC_FIELDS = [
  scalar('size', 'size', u64, 0x00, 'hex'),
  scalar('tdSize', 'td_size', u32, 0x08, 'hex'),
  scalar('tdCount', 'td_count', u32, 0x0c, 'hex'),
  scalar('tskSize', 'tsk_size', u64, 0x10, 'hex'),
  scalar('krnSize', 'krn_size', u64, 0x18, 'hex'),
  scalar('srcCount', 'src_count', u32, 0x20, 'decimal'),
  scalar('dstCount', 'dst_count', u32, 0x24, 'decimal'),
  /** Count of 0x4000-byte tiles per slot. */
  array('tiles', 'tiles', u32, SLOT_COUNT, 0x28, 'tiles'),
  /** 32 rows of {N, C, H, W, plane stride, row stride}, flattened. */
  array('nchw', 'nchw', u64, NCHW_VALUE_COUNT, 0xa8, 'nchw'),
] as const;

export type AnecFieldEntry = (typeof ANEC_FIELDS)[number];
export type AnecFieldKey = AnecFieldEntry['key'];

/** The header, field for field, as the table defines it. */
export type AnecHeaderFields = {
  readonly [F in AnecFieldEntry as F['key']]: F extends AnecField<string, infer T> ? T : never;
};

type KeysOf<T> = AnecFieldEntry extends infer F ? (F extends AnecField<infer K, T> ? K : never) : never;
export type AnecScalarKey = KeysOf<number> | KeysOf<bigint>;
/** u64 scalars: values a file can make too large for a JSON number. */
export type AnecU64ScalarKey = KeysOf<bigint>;

/** Scalar fields only (everything but the per-slot arrays), in file order. */
export const ANEC_SCALAR_FIELDS = ANEC_FIELDS.filter((f) => f.count === 1) as readonly AnecField<AnecScalarKey, number | bigint>[];

/** True for fields whose elements are u64 (bigint in the model). */
export const isU64Field = (f: AnecField): boolean => f.element.len === u64.len;

const last = ANEC_FIELDS[ANEC_FIELDS.length - 1]!;
/** Bytes the packed fields take: 0x6a8, below both payload offsets (0x800 and 0x1000). */
export const ANEC_FIELDS_END_IN_BYTES = last.offset + last.token.len;

/** A field's values as a list (a scalar is a list of one). */
export function fieldValues(header: AnecHeaderFields, f: AnecField): readonly (number | bigint)[] {
  const value = (header as unknown as Record<string, number | bigint | readonly (number | bigint)[]>)[f.key]!;
  return typeof value === 'object' ? value : [value];
}
