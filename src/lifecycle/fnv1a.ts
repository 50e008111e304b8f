// FNV-1a, 64 bits (Fowler, Noll, Vo; parameters from http://www.isthe.com/chongo/tech/comp/fnv/),
// for names and keys that only need to tell contents apart, never to resist someone who chooses
// them (the failure memory's key, a shortened temporary name). A conversion with the default
// engine computes one before the Python child can start, where loading node:crypto costs 5 ms.

/** The FNV-1a 64-bit hash of `data` (UTF-8 for text), as 16 lowercase hex digits. */
export function fnv1a64Hex(data: string | Uint8Array): string {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  // The 64-bit state as four 16-bit limbs, lowest first (the offset basis 0xcbf29ce484222325),
  // so that every product stays an exact integer.
  let v0 = 0x2325;
  let v1 = 0x8422;
  let v2 = 0x9ce4;
  let v3 = 0xcbf2;
  for (let i = 0; i < bytes.length; i++) {
    v0 ^= bytes[i]!;
    // Times the FNV prime 0x100000001b3 = 2^40 + 0x1b3, modulo 2^64: each limb times 0x1b3,
    // plus the two low limbs shifted up by 40 bits (two limbs and 8 bits).
    const a0 = v0;
    const a1 = v1;
    let c = a0 * 0x1b3;
    v0 = c & 0xffff;
    c = (c >>> 16) + a1 * 0x1b3;
    v1 = c & 0xffff;
    c = (c >>> 16) + v2 * 0x1b3 + (a0 << 8);
    v2 = c & 0xffff;
    c = (c >>> 16) + v3 * 0x1b3 + (a1 << 8);
    v3 = c & 0xffff;
  }
  return [v3, v2, v1, v0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
}
