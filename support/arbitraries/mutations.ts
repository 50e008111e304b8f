import fc from 'fast-check';
import { ANE_BASE_ADDRESS, TILE_SIZE_IN_BYTES, maxLoadCommandCount, tokens } from '../../src/hwx/index.js';

const { LOAD_COMMAND, MACH_HEADER_64 } = tokens;

/** Words upstream's scanner looks for: mutating towards them reaches its decision points. */
export const interestingWords = [
  0x30000000, 0x9c, 0x7d, 0xf401f800, 0x4401f800, 0x2c01f8c8, 0x274, 0x1f8, 0x4000, 0x30004000, 0x30008000, 1, 2, 3, 4, 6, 0, 0xffffffff,
] as const;

export type Mutation =
  | { readonly kind: 'word'; readonly at: number; readonly value: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'append'; readonly bytes: Uint8Array }
  | { readonly kind: 'bytes'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly kind: 'swap'; readonly a: number; readonly b: number };

/** One mutation; positions are fractions of the file so they apply to any size. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('word' as const),
    at: fc.nat(),
    value: fc.oneof(fc.constantFrom(...interestingWords), fc.integer({ min: 0, max: 0xffffffff })),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({
    kind: fc.constant('bytes' as const),
    at: fc.nat(),
    bytes: fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 8 }),
      fc.constantFrom(...['/', ' ', '\t', '_', '-', '+', '\r', '\n', ':', ';', '\xff', '\xc3'].map((s) => new Uint8Array(Buffer.from(s, 'latin1')))),
    ),
  }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
);

/** Applies mutations to a copy; the input is never changed. */
export function mutate(input: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = new Uint8Array(input);
  for (const m of mutations) {
    const words = Math.floor(bytes.length / 4);
    switch (m.kind) {
      case 'word':
        if (words > 0) new DataView(bytes.buffer).setUint32((m.at % words) * 4, m.value, true);
        break;
      case 'truncate':
        bytes = bytes.slice(0, m.at % (bytes.length + 1));
        break;
      case 'append':
        bytes = new Uint8Array(Buffer.concat([bytes, m.bytes]));
        break;
      case 'bytes':
        if (bytes.length > 0) bytes.set(m.bytes.subarray(0, bytes.length - (m.at % bytes.length)), m.at % bytes.length);
        break;
      case 'swap':
        if (words > 0) {
          const view = new DataView(bytes.buffer);
          const a = (m.a % words) * 4;
          const b = (m.b % words) * 4;
          const x = view.getUint32(a, true);
          view.setUint32(a, view.getUint32(b, true), true);
          view.setUint32(b, x, true);
        }
        break;
    }
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Deep mutations: aimed at the places upstream's converter decides something (the words its scans
// look for and the words it reads next to them, the stab text, the segment order), so that a
// small number of cases reaches every branch of docs/upstream-anecc.md.

/** Where upstream reads, in words, relative to a word its scans found. */
const SIZE_WORD_AFTER_ADDRESS = 2;
const IDENT_WORDS_AFTER_ADDRESS = [8, 9, 10, 11] as const;
const COUNT_WORD_AFTER_MARKER = 1;
const BASE_WORD_BEFORE_MARKER = 2;
/** Words at or above this and below the next 16 MiB are taken for ANE addresses. */
const ADDRESS_WINDOW_IN_BYTES = 0x1000000;

const magicWords = new Set<number>([0x9c, 0x7d, 0xf401f800, 0x4401f800, 0x2c01f8c8, 0x274, 0x1f8]);

function isAddressLike(word: number): boolean {
  return word >= ANE_BASE_ADDRESS && word < ANE_BASE_ADDRESS + ADDRESS_WINDOW_IN_BYTES;
}

/** Indices of the words upstream's scanner finds or reads next to what it finds, in file order. */
export function interestingWordIndices(bytes: Uint8Array): number[] {
  const words = Math.floor(bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, words * 4);
  const picked = new Set<number>();
  for (let i = 0; i < words; i++) {
    const w = view.getUint32(i * 4, true);
    if (isAddressLike(w)) {
      picked.add(i);
      for (const k of [SIZE_WORD_AFTER_ADDRESS, ...IDENT_WORDS_AFTER_ADDRESS]) if (i + k < words) picked.add(i + k);
    } else if (magicWords.has(w)) {
      picked.add(i);
      if (w === 0x9c || w === 0x7d) {
        if (i + COUNT_WORD_AFTER_MARKER < words) picked.add(i + COUNT_WORD_AFTER_MARKER);
        if (i >= BASE_WORD_BEFORE_MARKER) picked.add(i - BASE_WORD_BEFORE_MARKER);
      }
    }
  }
  return [...picked].sort((a, b) => a - b);
}

/** The new value of a targeted word: a constant, the old value moved a little, or another interesting word. */
export type TargetValue =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'delta'; readonly delta: number }
  | { readonly kind: 'copy'; readonly pick: number };

/** Edits of one tensor stab (the `k`-th run that looks like one). */
export type StabEdit =
  /** Replace the name (the text before `:t`). */
  | { readonly op: 'name'; readonly name: string }
  /** Rewrite the `pick`-th decimal number of the stab in another spelling or value. */
  | { readonly op: 'number'; readonly pick: number; readonly form: NumberForm }
  /** Insert raw bytes at a position given as a fraction (of 0x10000) of the stab's length. */
  | { readonly op: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  /** Put a NUL at this character index: the run is cut there (below 50 characters when small). */
  | { readonly op: 'cut'; readonly at: number }
  | { readonly op: 'duplicate' }
  | { readonly op: 'delete' };

export const numberForms = [
  'underscore', 'plus', 'minus', 'space-pad', 'tab-pad', 'newline-pad', 'leading-zero', 'increment', 'decrement',
  'double', 'zero', 'huge', 'double-underscore', 'trailing-underscore', 'empty',
] as const;
export type NumberForm = (typeof numberForms)[number];

export type DeepMutation =
  | { readonly kind: 'basic'; readonly mutation: Mutation }
  | { readonly kind: 'targeted-word'; readonly pick: number; readonly value: TargetValue }
  | { readonly kind: 'stab'; readonly stab: number; readonly edit: StabEdit }
  /** Cut the file at a fraction (of 0x10000) of its length, rounded down to a word or not. */
  | { readonly kind: 'truncate-at'; readonly fraction: number; readonly aligned: boolean }
  | { readonly kind: 'swap-pages'; readonly pageSize: number; readonly a: number; readonly b: number }
  | { readonly kind: 'swap-commands'; readonly a: number; readonly b: number };

const FRACTION_ONE = 0x10000;
const fractionArb = fc.integer({ min: 0, max: FRACTION_ONE - 1 });

const wordDeltas = [1, -1, 4, -4, 16, -16, 0x274 - 0x1f8, 0x1f8 - 0x274, TILE_SIZE_IN_BYTES, -TILE_SIZE_IN_BYTES, 2 * TILE_SIZE_IN_BYTES] as const;

export const targetValueArb: fc.Arbitrary<TargetValue> = fc.oneof(
  fc.record({ kind: fc.constant('constant' as const), value: fc.constantFrom(...interestingWords) }),
  fc.record({ kind: fc.constant('delta' as const), delta: fc.constantFrom(...wordDeltas) }),
  fc.record({ kind: fc.constant('copy' as const), pick: fc.nat() }),
);

const latin1Bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

/** Byte strings that change how upstream's text pass sees a stab. */
export const stabInsertions: readonly Uint8Array[] = [
  '\r', '\n', '\r\n', '\n\r', '\x0b', '\x0c', '\t', ' ', ':', ';', '/', '_', '=s', ':5', '\x00', '\x7f',
  '\xff', '\xc3', '\xc3\xa9', '\xe2\x80', '\xe2\x80\xa8', '\xed\xa0\x80', '\xc0\xaf', '\xf0\x9f\x98', '\xf0\x9f\x98\x80', '\x80',
].map(latin1Bytes);

const stabNameArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('probs/src', 'a/b', '/', 'has space', 'tab\there', ' lead', 'ctx_in', 'x_ctx_y', 'ctx', '', 'image', 'a:tb', 'n;1'),
  fc.stringMatching(/^[A-Za-z0-9_/ \t:;=.@-]{0,12}$/),
);

export const stabEditArb: fc.Arbitrary<StabEdit> = fc.oneof(
  fc.record({ op: fc.constant('name' as const), name: stabNameArb }),
  { arbitrary: fc.record({ op: fc.constant('number' as const), pick: fc.nat(), form: fc.constantFrom(...numberForms) }), weight: 3 },
  fc.record({ op: fc.constant('insert' as const), at: fractionArb, bytes: fc.constantFrom(...stabInsertions) }),
  fc.record({ op: fc.constant('cut' as const), at: fc.integer({ min: 0, max: 80 }) }),
  fc.record({ op: fc.constant('duplicate' as const) }),
  fc.record({ op: fc.constant('delete' as const) }),
);

export const deepMutationArb: fc.Arbitrary<DeepMutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('basic' as const), mutation: mutationArb }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('targeted-word' as const), pick: fc.nat(), value: targetValueArb }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('stab' as const), stab: fc.nat(), edit: stabEditArb }), weight: 4 },
  fc.record({ kind: fc.constant('truncate-at' as const), fraction: fractionArb, aligned: fc.boolean() }),
  fc.record({ kind: fc.constant('swap-pages' as const), pageSize: fc.constantFrom(0x1000, 0x4000), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('swap-commands' as const), a: fc.nat(), b: fc.nat() }),
);

const PRINTABLE_BYTE = new Uint8Array(256);
for (let b = 0x20; b < 0x7f; b++) PRINTABLE_BYTE[b] = 1;
for (const b of [0x09, 0x0a, 0x0b, 0x0c, 0x0d]) PRINTABLE_BYTE[b] = 1;
/** Runs shorter than this cannot hold a tensor stab the writer or a compiler makes. */
const MIN_STAB_LOCATE_LENGTH = 16;
const STAB_TYPE_MARK = Buffer.from(':t', 'latin1');
const STAB_END_MARK = Buffer.from(':5', 'latin1');

/** [start, end) of every printable ASCII run that contains `:t` and ends in `:5`, in file order. */
export function locateStabs(bytes: Uint8Array): (readonly [number, number])[] {
  const found: (readonly [number, number])[] = [];
  let start = -1;
  for (let i = 0; i <= bytes.length; i++) {
    const printable = i < bytes.length && PRINTABLE_BYTE[bytes[i]!] === 1;
    if (printable) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && i - start >= MIN_STAB_LOCATE_LENGTH) {
      const run = bytes.subarray(start, i);
      if (Buffer.from(run).includes(STAB_TYPE_MARK) && Buffer.from(run.subarray(run.length - 2)).equals(STAB_END_MARK)) found.push([start, i]);
    }
    start = -1;
  }
  return found;
}

function zeroRunAt(bytes: Uint8Array, from: number, length: number): number {
  let run = 0;
  for (let i = Math.max(0, from); i < bytes.length; i++) {
    run = bytes[i] === 0 ? run + 1 : 0;
    if (run === length) return i - length + 1;
  }
  return -1;
}

/**
 * Replaces bytes[at, at + remove) with `insert` and keeps the file length: growth is taken out of
 * the first run of zeros after `anchor` (keeping one zero as a terminator), shrinkage is made up
 * with zeros at `anchor`. Offsets of everything before `at` stay where they were.
 */
export function spliceKeepingLength(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array, anchor: number): Uint8Array {
  const edited = Buffer.concat([bytes.subarray(0, at), insert, bytes.subarray(at + remove)]);
  const grow = insert.length - remove;
  const newAnchor = Math.min(Math.max(anchor + grow, at + insert.length), edited.length);
  if (grow > 0) {
    const zeros = zeroRunAt(edited, newAnchor, grow + 1);
    const cut = zeros < 0 ? edited.length - grow : zeros + 1;
    return new Uint8Array(Buffer.concat([edited.subarray(0, cut), edited.subarray(cut + grow)]));
  }
  if (grow < 0) return new Uint8Array(Buffer.concat([edited.subarray(0, newAnchor), new Uint8Array(-grow), edited.subarray(newAnchor)]));
  return new Uint8Array(edited);
}

function respell(digits: string, form: NumberForm): string {
  const n = BigInt(digits);
  switch (form) {
    case 'underscore':
      return digits.length > 1 ? `${digits[0]}_${digits.slice(1)}` : `0_${digits}`;
    case 'plus':
      return `+${digits}`;
    case 'minus':
      return `-${digits}`;
    case 'space-pad':
      return ` ${digits} `;
    case 'tab-pad':
      return `\t${digits}`;
    case 'newline-pad':
      return `\n${digits}`;
    case 'leading-zero':
      return `0${digits}`;
    case 'increment':
      return String(n + 1n);
    case 'decrement':
      return String(n > 0n ? n - 1n : 0n);
    case 'double':
      return String(n * 2n);
    case 'zero':
      return '0';
    case 'huge':
      return `${digits}00000000000000000000`;
    case 'double-underscore':
      return `${digits[0]}__${digits.slice(1) || '0'}`;
    case 'trailing-underscore':
      return `${digits}_`;
    case 'empty':
      return '';
  }
}

const NAME_END = ':t';

function editStab(bytes: Uint8Array, start: number, end: number, edit: StabEdit): Uint8Array {
  const text = Buffer.from(bytes.subarray(start, end)).toString('latin1');
  // The stab's NUL terminator (or the file end) is where length changes are absorbed.
  const anchor = end;
  switch (edit.op) {
    case 'name': {
      const nameEnd = text.indexOf(NAME_END);
      return spliceKeepingLength(bytes, start, nameEnd, latin1Bytes(edit.name), anchor);
    }
    case 'number': {
      const numbers = [...text.matchAll(/\d+/g)];
      if (numbers.length === 0) return bytes;
      const m = numbers[edit.pick % numbers.length]!;
      return spliceKeepingLength(bytes, start + m.index, m[0].length, latin1Bytes(respell(m[0], edit.form)), anchor);
    }
    case 'insert': {
      const at = start + Math.floor((edit.at * (end - start + 1)) / FRACTION_ONE);
      return spliceKeepingLength(bytes, at, 0, edit.bytes, anchor);
    }
    case 'cut': {
      const copy = new Uint8Array(bytes);
      if (start + edit.at < end) copy[start + edit.at] = 0;
      return copy;
    }
    case 'duplicate':
      return spliceKeepingLength(bytes, end, 0, Buffer.concat([new Uint8Array(1), bytes.subarray(start, end)]), end);
    case 'delete':
      return spliceKeepingLength(bytes, start, end - start, new Uint8Array(0), start);
  }
}

function swapCommands(bytes: Uint8Array, a: number, b: number): Uint8Array {
  if (bytes.length < MACH_HEADER_64.len) return bytes;
  const header = MACH_HEADER_64.get(bytes, 0);
  const spans: (readonly [number, number])[] = [];
  let at = MACH_HEADER_64.len;
  for (let i = 0; i < Math.min(header.ncmds, maxLoadCommandCount); i++) {
    if (at + LOAD_COMMAND.len > bytes.length) break;
    const { cmdsize } = LOAD_COMMAND.get(bytes, at);
    if (cmdsize < LOAD_COMMAND.len || at + cmdsize > bytes.length) break;
    spans.push([at, at + cmdsize]);
    at += cmdsize;
  }
  if (spans.length < 2) return bytes;
  let i = a % spans.length;
  let j = b % spans.length;
  if (i === j) j = (j + 1) % spans.length;
  if (i > j) [i, j] = [j, i];
  const [s0, e0] = spans[i]!;
  const [s1, e1] = spans[j]!;
  const out = Buffer.concat([bytes.subarray(0, s0), bytes.subarray(s1, e1), bytes.subarray(e0, s1), bytes.subarray(s0, e0), bytes.subarray(e1)]);
  return new Uint8Array(out);
}

function swapPages(bytes: Uint8Array, pageSize: number, a: number, b: number): Uint8Array {
  const pages = Math.floor(bytes.length / pageSize);
  if (pages < 2) return bytes;
  const i = a % pages;
  let j = b % pages;
  if (i === j) j = (j + 1) % pages;
  const out = new Uint8Array(bytes);
  out.set(bytes.subarray(j * pageSize, (j + 1) * pageSize), i * pageSize);
  out.set(bytes.subarray(i * pageSize, (i + 1) * pageSize), j * pageSize);
  return out;
}

function targetWord(bytes: Uint8Array, pick: number, value: TargetValue): Uint8Array {
  const targets = interestingWordIndices(bytes);
  if (targets.length === 0) return bytes;
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  const at = targets[pick % targets.length]! * 4;
  const old = view.getUint32(at, true);
  let next: number;
  switch (value.kind) {
    case 'constant':
      next = value.value;
      break;
    case 'delta':
      next = (old + value.delta) >>> 0;
      break;
    case 'copy':
      next = view.getUint32(targets[value.pick % targets.length]! * 4, true);
      break;
  }
  view.setUint32(at, next, true);
  return out;
}

/** Applies one deep mutation to a copy; the input is never changed. */
export function applyDeepMutation(bytes: Uint8Array, m: DeepMutation): Uint8Array {
  switch (m.kind) {
    case 'basic':
      return mutate(bytes, [m.mutation]);
    case 'targeted-word':
      return targetWord(bytes, m.pick, m.value);
    case 'stab': {
      const stabs = locateStabs(bytes);
      const target = stabs[m.stab % Math.max(1, stabs.length)];
      return target === undefined ? bytes : editStab(bytes, target[0], target[1], m.edit);
    }
    case 'truncate-at': {
      let at = Math.floor((m.fraction * bytes.length) / FRACTION_ONE);
      if (m.aligned) at -= at % 4;
      return bytes.slice(0, at);
    }
    case 'swap-pages':
      return swapPages(bytes, m.pageSize, m.a, m.b);
    case 'swap-commands':
      return swapCommands(bytes, m.a, m.b);
  }
}

/** Applies deep mutations in order to a copy. */
export function applyDeepMutations(input: Uint8Array, mutations: readonly DeepMutation[]): Uint8Array {
  let bytes: Uint8Array = new Uint8Array(input);
  for (const m of mutations) bytes = applyDeepMutation(bytes, m);
  return bytes;
}
