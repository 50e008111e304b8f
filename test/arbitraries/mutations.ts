import fc from 'fast-check';

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
        bytes = new Uint8Array([...bytes, ...m.bytes]);
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
