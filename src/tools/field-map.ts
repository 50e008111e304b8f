// Names of task-header words, their bit fields and registers for one ANE generation: the one place
// diff and the reports ask. Today only the H13 tables of src/hwx/registers.ts are known; when the
// generation profiles land (src/hwx/generations/), this function is the one edit that switches.

import { W8_FIELDS, registerAt, registerBlockOf, taskHeaderWords, type BitField } from '../hwx/index.js';

export interface NamedBitField extends BitField {
  readonly name: string;
}

export interface FieldMap {
  /** The generation these names belong to. */
  readonly generation: string;
  /** W0..W9: name and what the word holds. */
  readonly headerWords: readonly { readonly index: number; readonly name: string; readonly description: string }[];
  /** Bit fields of a header word, by word name (W8's slot bindings); [] when none are known. */
  readonly bitFields: (word: string) => readonly NamedBitField[];
  /** Register name at a byte address, undefined when it has none. */
  readonly registerName: (address: number) => string | undefined;
  /** Register block an address falls in, undefined when unknown. */
  readonly blockOf: (address: number) => string | undefined;
}

// W1 per registers.ts `decodeW1`: exe cycles in bits 15:0, next task size in words minus one in 24:16.
const W1_BITS: readonly NamedBitField[] = [
  { name: 'exe cycles', shift: 0, width: 16 },
  { name: 'next task words - 1', shift: 16, width: 9 },
];

const W8_BITS: readonly NamedBitField[] = Object.entries(W8_FIELDS).map(([name, f]) => ({ name, ...f }));

const h13: FieldMap = {
  generation: 'H13',
  headerWords: taskHeaderWords,
  bitFields: (word) => (word === 'W8' ? W8_BITS : word === 'W1' ? W1_BITS : []),
  registerName: (address) => registerAt(address)?.name,
  blockOf: (address) => registerBlockOf(address),
};

/** The names for a generation (null: an .anec file, which does not record one; read as H13). */
export function fieldMapFor(generation: string | null): FieldMap | undefined {
  return generation === null || generation === 'H13' ? h13 : undefined;
}

/** The value of a bit field in a word. */
export function bitFieldValue(word: number, f: BitField): number {
  return Math.floor(word / 2 ** f.shift) % 2 ** f.width;
}
