// LC_SYMTAB: nlist entries and their strings.

import { boundCount, boundSize, maxSymbolCount, readCString, readToken, toSafeNumber } from './bounds.js';
import { NLIST_64 } from './tokens.js';
import type { SymbolEntry, SymtabCommand } from './types.js';

export function readSymbols(bytes: Uint8Array, symtab: SymtabCommand): SymbolEntry[] {
  const path = ['symtab'];
  boundCount(symtab.nsyms, maxSymbolCount, 'nsyms', symtab.offset, path);
  boundSize(symtab.symoff + symtab.nsyms * NLIST_64.len, bytes.length, 'symoff + nsyms * 16', symtab.offset, path);
  boundSize(symtab.stroff + symtab.strsize, bytes.length, 'stroff + strsize', symtab.offset, path);
  const stringsEnd = symtab.stroff + symtab.strsize;
  const symbols: SymbolEntry[] = [];
  for (let i = 0; i < symtab.nsyms; i += 1) {
    const at = symtab.symoff + i * NLIST_64.len;
    const n = readToken(bytes, NLIST_64, at, path);
    const name = n.strx < symtab.strsize ? (readCString(bytes, symtab.stroff + n.strx, stringsEnd) ?? '') : '';
    symbols.push({
      kind: 'symbol',
      offset: at,
      size: NLIST_64.len,
      name,
      type: n.type,
      sect: n.sect,
      desc: n.desc,
      value: toSafeNumber(n.value, 'n_value', at, path),
    });
  }
  return symbols;
}
