// Shared pieces of the tools tests: converting a corpus file in memory, and word-level comparison.
import { runNativeEngine, type AnecBytes } from '../../src/anec/index.js';
import { convertRequest } from '../../support/requests.js';

export function convertUpstream(path: string, bytes: Uint8Array): AnecBytes {
  const outcome = runNativeEngine(bytes, convertRequest(path, { print: false }), 'upstream');
  if (outcome.anec === undefined) throw new Error(`conversion of ${path} failed: ${outcome.error?.message ?? 'no output'}`);
  return outcome.anec;
}

/** Concatenates the parts of an .anec. */
export function anecFile(anec: AnecBytes): Uint8Array {
  const out = new Uint8Array(anec.header.length + anec.payload.length);
  out.set(anec.header, 0);
  out.set(anec.payload, anec.header.length);
  return out;
}

/** Byte offsets (relative to `base`) of the u32 words that differ. */
export function differingWords(a: Uint8Array, b: Uint8Array, base = 0): number[] {
  const out: number[] = [];
  const n = Math.max(a.length, b.length);
  const word = (x: Uint8Array, i: number): number | undefined =>
    i + 4 <= x.length ? new DataView(x.buffer, x.byteOffset, x.byteLength).getUint32(i, true) : undefined;
  for (let i = 0; i < n; i += 4) if (word(a, i) !== word(b, i)) out.push(i - base);
  return out;
}
