// A compared value as text, by the format its field declares (never guessed from its path).
import { hex } from '../../anec/index.js';
import type { DiffFile, DiffValue, ValueFormat } from '../../tools/index.js';

const ABSENT = '(absent)';
/** Digits of a region's digest shown: enough to tell regions apart at a glance. */
const DIGEST_DIGITS = 8;

export function formatValue(value: DiffValue, format: ValueFormat): string {
  if (value === null) return ABSENT;
  if (Array.isArray(value)) return `[${value.map((v) => (v === null ? '?' : String(v))).join(', ')}]`;
  // Zero reads the same in both bases: `0`, as people write it (KernelCfg 0 / 0x80).
  if (typeof value === 'number') return format === 'hex' && value !== 0 ? hex(value) : String(value);
  if (format === 'digest') return value.replace(/^sha256:/, '').slice(0, DIGEST_DIGITS);
  return value === '' ? '(none)' : value;
}

/** `v5.4.1` from `zin_ane_compiler v5.4.1`; the whole name when it has no version. */
export function compilerVersion(file: DiffFile): string {
  if (file.compiler === null) return file.kind === 'anec' ? '.anec' : 'unknown compiler';
  return /\bv\d[\w.]*/.exec(file.compiler)?.[0] ?? file.compiler;
}

/** A, B, C ... Z, then AA, AB ... */
export function columnLetter(i: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return i < letters.length ? letters[i]! : `${columnLetter(Math.floor(i / letters.length) - 1)}${letters[i % letters.length]}`;
}

/** Words of `text` in lines of at most `width` characters; a word longer than that is cut. */
export function wrap(text: string, width: number, indent = ''): string[] {
  if (text.length <= width) return [text];
  const lead = /^\s*/.exec(text)![0];
  const lines: string[] = [];
  // The first line has the whole width; continuation lines start after the indent.
  const room = (): number => Math.max(8, lines.length === 0 ? width : width - indent.length);
  let line = lead;
  for (let word of text.split(/\s+/).filter((w) => w !== '')) {
    while (word.length > room()) {
      if (line.trim() !== '') lines.push(line);
      const cut = room();
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
      line = '';
    }
    if (line.trim() === '') line += word;
    else if (line.length + 1 + word.length <= room()) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line.trim() !== '') lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : `${indent}${l}`));
}

/** Text cut to `width` columns, an ellipsis marking the cut. */
export function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}
