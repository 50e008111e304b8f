// Tensor stabs: `NAME:tT=ar1;0;N;T=sSn:ar1;0;C;T=sSc:ar1;0;H;T=sSh:ar1;0;W;T=sSw:TYPE`.
// Each of the four fields gives a dimension (third `;` item, as upstream reads it) and the byte
// stride of that dimension (`s<stride>` before its letter).

import type { BadStabIssue } from './issues.js';
import type { Dims, Stab, SymbolEntry } from './types.js';

/** n_type of the global-symbol stabs that describe tensors. */
export const N_GSYM = 0x20;

const FIELD = /^(?:t\d+=)?ar\d+;(-?\d+);(\d+);\d+=s(\d+)([nchw])$/;
const LETTERS = ['n', 'c', 'h', 'w'] as const;

type StabParse = { readonly ok: true; readonly stab: Stab } | { readonly ok: false; readonly issue: BadStabIssue };

function num(text: string): number | undefined {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

function toDims([n = 0, c = 0, h = 0, w = 0]: readonly number[]): Dims {
  return { n, c, h, w };
}

/** Parse one symbol's string as a tensor stab. */
export function parseStab(symbol: SymbolEntry): StabParse {
  const text = symbol.name;
  const bad = (reason: BadStabIssue['reason']): StabParse => ({
    ok: false,
    issue: { code: 'bad_stab', offset: symbol.offset, path: ['symtab'], text, reason },
  });
  const parts = text.split(':');
  const fields = parts.slice(1, -1);
  const name = parts[0] ?? '';
  const elementType = num(parts[parts.length - 1] ?? '');
  if (parts.length !== 6 || fields.length !== LETTERS.length) return bad('fields');
  const dims: number[] = [];
  const strides: number[] = [];
  for (const [i, letter] of LETTERS.entries()) {
    const match = FIELD.exec(fields[i] ?? '');
    if (match === null || match[4] !== letter) return bad('fields');
    const dim = num(match[2] ?? '');
    const stride = num(match[3] ?? '');
    if (dim === undefined || stride === undefined) return bad('number');
    dims.push(dim);
    strides.push(stride);
  }
  if (elementType === undefined) return bad('number');
  return {
    ok: true,
    stab: {
      kind: 'stab',
      offset: symbol.offset,
      size: symbol.size,
      text,
      name,
      dims: toDims(dims),
      strides: toDims(strides),
      elementType,
      alias: name.includes('/'),
    },
  };
}

/** A symbol that claims to be a tensor stab (global symbol whose text has a type definition). */
export function isTensorStab(symbol: SymbolEntry): boolean {
  return symbol.type === N_GSYM && symbol.name.includes(':t');
}
