// FNV-1a 64 against its published test vectors and against a BigInt reference on any bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a64Hex } from '../../src/lifecycle/fnv1a.js';

/** The definition, in BigInt: slow, obviously right. */
function reference(bytes: Uint8Array): string {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}

describe('fnv1a64Hex', () => {
  it('should give the published values (isthe.com/chongo/tech/comp/fnv, test vectors)', () => {
    expect(fnv1a64Hex('')).toBe('cbf29ce484222325');
    expect(fnv1a64Hex('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64Hex('foobar')).toBe('85944171f73967e8');
  });

  it('should agree with the definition on any bytes, and hash text as its UTF-8', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => fnv1a64Hex(bytes) === reference(bytes)));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => fnv1a64Hex(text) === reference(new TextEncoder().encode(text))));
  });
});
