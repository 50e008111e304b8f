import { describe, expect, it } from 'vitest';
import { PythonException } from '../../src/anec/index.js';
import { pyInt, pyRoundUp, pySplitext } from '../../src/anec/python-semantics.js';

describe('Python semantics', () => {
  it('should parse integers as int() does', () => {
    expect(pyInt(' +1_0 ', 'x')).toBe(10n);
    expect(pyInt('\x0b-007\x0c', 'x')).toBe(-7n);
    expect(pyInt('9'.repeat(30), 'x')).toBe(BigInt('9'.repeat(30)));
    expect(pyInt('1_'.repeat(2200) + '1', 'x')).toBeTypeOf('bigint');
    for (const bad of ['', ' ', '+ 1', '1__0', '_1', '1_', '0x10', '1.0', '--1', '1 2']) {
      expect(() => pyInt(bad, 'x'), bad).toThrow(PythonException);
    }
    // CPython 3.11's default limit on decimal digits (underscores do not count).
    expect(pyInt('1'.repeat(4300), 'x')).toBeTypeOf('bigint');
    expect(() => pyInt('1'.repeat(4301), 'x')).toThrow(/4301 digits/);
    expect(() => pyInt('0'.repeat(4301), 'x')).toThrow(PythonException);
  });

  it('should round up with two-complement semantics on negatives', () => {
    expect(pyRoundUp(2n, 64n)).toBe(64n);
    expect(pyRoundUp(-2n, 64n)).toBe(0n);
    expect(pyRoundUp(-100n, 64n)).toBe(-64n);
  });

  it('should split extensions as os.path.splitext does', () => {
    expect(pySplitext('a/b.c.hwx')).toEqual(['a/b.c', '.hwx']);
    expect(pySplitext('.hwx')).toEqual(['.hwx', '']);
    expect(pySplitext('..a.b')).toEqual(['..a', '.b']);
    expect(pySplitext('a.')).toEqual(['a', '.']);
    expect(pySplitext('x.d/file')).toEqual(['x.d/file', '']);
  });
});
