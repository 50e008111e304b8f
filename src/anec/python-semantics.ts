// The few Python behaviours upstream's result depends on, reproduced exactly: `int()` on text,
// `(x + (y - 1)) & -y` on unbounded integers, and os.path's basename/splitext.
import { raise } from './errors.js';

/** CPython's default `sys.get_int_max_str_digits()` (3.11+): longer decimal strings raise ValueError. */
export const PYTHON_INT_MAX_STR_DIGITS = 4300;

// Whitespace int() strips: str.isspace() characters that can occur in ASCII text.
const PY_SPACE = new Set([' ', '\t', '\n', '\r', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e', '\x1f']);
const DECIMAL = /^[+-]?[0-9](?:_?[0-9])*$/;

/** Python's `int(text)` for ASCII text, base 10. Raises a ValueError failure. */
export function pyInt(text: string, what: string): bigint {
  let start = 0;
  let end = text.length;
  while (start < end && PY_SPACE.has(text[start]!)) start++;
  while (end > start && PY_SPACE.has(text[end - 1]!)) end--;
  const core = text.slice(start, end);
  if (!DECIMAL.test(core)) {
    raise({ code: 'bad_integer', what, text });
  }
  const digits = core.replace(/[+_-]/g, '');
  if (digits.length > PYTHON_INT_MAX_STR_DIGITS) {
    raise({ code: 'integer_too_long', what, digits: digits.length, limit: PYTHON_INT_MAX_STR_DIGITS });
  }
  const value = BigInt(digits);
  return core.startsWith('-') ? -value : value;
}

/** Python's `'0x%x' % n`: a negative number prints as 0x-..., which bigint's toString(16) matches. */
export function hex(n: number | bigint): string {
  return `0x${n.toString(16)}`;
}

/** Python's `(x + (y - 1)) & (-y)` for a power-of-two y, on unbounded integers. */
export function pyRoundUp(x: bigint, y: bigint): bigint {
  return (x + (y - 1n)) & -y;
}

/** The same for values known to stay within the safe integer range. */
export function roundUp(x: number, y: number): number {
  return Math.ceil(x / y) * y;
}

export function roundDown(x: number, y: number): number {
  return x - (x % y);
}

/** `os.path.basename` on POSIX. */
export function pyBasename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `os.path.splitext` on POSIX: [root, ext]; leading dots of the base name never start an extension. */
export function pySplitext(path: string): [string, string] {
  const sep = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot > sep) {
    let i = sep + 1;
    while (i < dot && path[i] === '.') i++;
    if (i < dot) return [path.slice(0, dot), path.slice(dot)];
  }
  return [path, ''];
}
