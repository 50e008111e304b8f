// LC_SYMTAB: nlist entries and their strings.

import {
  boundCount,
  boundSize,
  cStringBytes,
  decodeUtf8,
  maxNameBytesPerStringByte,
  maxSymbolCount,
  readToken,
  toSafeNumber,
} from './bounds.js';
import type { IssuePath } from './issues.js';
import { NLIST_64 } from './tokens.js';
import type { SymbolEntry, SymtabCommand } from './types.js';

/**
 * Names by string-table index. Many symbols may share one index, so each is decoded once; and the
 * bytes decoded over all indexes are bounded by the table's size, whatever the entries point at.
 */
function nameReader(bytes: Uint8Array, symtab: SymtabCommand, path: IssuePath): (strx: number) => string {
  const stringsEnd = symtab.stroff + symtab.strsize;
  const limit = maxNameBytesPerStringByte * symtab.strsize;
  const names = new Map<number, string>();
  let decodedBytes = 0;
  return (strx) => {
    if (strx >= symtab.strsize) return '';
    const known = names.get(strx);
    if (known !== undefined) return known;
    const raw = cStringBytes(bytes, symtab.stroff + strx, stringsEnd);
    decodedBytes += raw?.length ?? 0;
    boundCount(decodedBytes, limit, 'symbol name bytes', symtab.offset, path);
    const name = raw === undefined ? '' : decodeUtf8(raw);
    names.set(strx, name);
    return name;
  };
}

export function readSymbols(bytes: Uint8Array, symtab: SymtabCommand): SymbolEntry[] {
  const path = ['symtab'];
  boundCount(symtab.nsyms, maxSymbolCount, 'nsyms', symtab.offset, path);
  boundSize(symtab.symoff + symtab.nsyms * NLIST_64.len, bytes.length, 'symoff + nsyms * 16', symtab.offset, path);
  boundSize(symtab.stroff + symtab.strsize, bytes.length, 'stroff + strsize', symtab.offset, path);
  const nameAt = nameReader(bytes, symtab, path);
  const symbols: SymbolEntry[] = [];
  for (let i = 0; i < symtab.nsyms; i += 1) {
    const at = symtab.symoff + i * NLIST_64.len;
    const n = readToken(bytes, NLIST_64, at, path);
    symbols.push({
      kind: 'symbol',
      offset: at,
      size: NLIST_64.len,
      name: nameAt(n.strx),
      type: n.type,
      sect: n.sect,
      desc: n.desc,
      value: toSafeNumber(n.value, 'n_value', at, path),
    });
  }
  return symbols;
}
