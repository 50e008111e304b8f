// Tensor shapes as upstream reads them: from printable text runs that look like stab strings,
// with Python's string and integer rules, so odd text fails or succeeds exactly as upstream does.
import { check, raise } from './errors.js';
import { pyInt, pyRoundUp } from './python-semantics.js';

/** One tensor as upstream's `_anecc_get_nchw` returns it. Shapes are unbounded integers. */
export interface StabShape {
  readonly name: string;
  readonly N: bigint;
  readonly C: bigint;
  readonly H: bigint;
  readonly W: bigint;
  /** Plane stride. */
  readonly pS: bigint;
  /** Row stride. */
  readonly rS: bigint;
}

/**
 * `re.search(":t.*:5$", run)` without backtracking: Python's `$` also matches before a final
 * "\n", and `.` stops at newlines, so the match lies in the last line (ignoring one trailing "\n").
 */
export function looksLikeTensorStab(run: string): boolean {
  const matchesAtEnd = (end: number): boolean => {
    if (end < 4 || run.charCodeAt(end - 2) !== 0x3a || run.charCodeAt(end - 1) !== 0x35) return false;
    const lineStart = run.lastIndexOf('\n', end - 1) + 1;
    const t = run.indexOf(':t', lineStart);
    return t >= 0 && t + 2 <= end - 2;
  };
  return matchesAtEnd(run.length) || (run.endsWith('\n') && matchesAtEnd(run.length - 1));
}

function lastChar(field: string, what: string): string {
  if (field.length === 0) raise({ code: 'stab_field_empty', what });
  return field[field.length - 1]!;
}

function part(text: string, separator: string, index: number, what: string): string {
  const value = text.split(separator)[index];
  if (value === undefined) raise({ code: 'stab_field_short', what, separator, index });
  return value;
}

/** `int(field.split("=s", 1)[1][:-1])`: the stride a stab field declares. */
function declaredStride(field: string, what: string): bigint {
  const at = field.indexOf('=s');
  if (at < 0) raise({ code: 'stab_no_stride', what });
  return pyInt(field.slice(at + 2, -1), `${what} stride`);
}

const DIMENSIONS = ['n', 'c', 'h', 'w'] as const;

/** Parses every stab in order, as upstream does; the first bad one raises. */
export function parseStab(run: string): StabShape {
  const fields = run.split(':').slice(1, -1);
  check(fields.length === 4, { code: 'stab_field_count', found: fields.length });
  const [n, c, h, w] = fields as [string, string, string, string];
  DIMENSIONS.forEach((dimension, i) => {
    check(lastChar(fields[i]!, dimension.toUpperCase()) === dimension, { code: 'stab_field_order', field: i + 1, dimension });
  });
  const N = pyInt(part(n, ';', 2, 'N'), 'N');
  const C = pyInt(part(c, ';', 2, 'C'), 'C');
  const H = pyInt(part(h, ';', 2, 'H'), 'H');
  const W = pyInt(part(w, ';', 2, 'W'), 'W');
  const rS = pyRoundUp(W * 2n, 64n);
  const pS = pyRoundUp(rS * H, 64n);
  check(pS === declaredStride(c, 'C'), { code: 'stab_plane_stride', expected: pS });
  check(rS === declaredStride(h, 'H'), { code: 'stab_row_stride', expected: rS });
  return { name: run.slice(0, run.indexOf(':t')), N, C, H, W, pS, rS };
}
