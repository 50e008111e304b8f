// Where two engine outcomes differ, first difference only, named the way a person looks for it:
// status, exception type, header field, printed text, log line, or payload offset.
import { ANEC_FIELDS, ANEC_HEADER, fieldValues, type AnecBytes, type AnecHeader, type EngineOutcome } from '../anec/index.js';

export interface Disagreement {
  readonly kind: 'status' | 'error' | 'name' | 'header' | 'payload' | 'printed' | 'logs';
  /** Stable path of the first difference, e.g. `header.td_size`, `payload[0x20]`, `logs[2]`. */
  readonly where: string;
  readonly native: string;
  readonly python: string;
}

function headerDifference(a: AnecHeader, b: AnecHeader): Disagreement | undefined {
  for (const f of ANEC_FIELDS) {
    const x = fieldValues(a, f);
    const y = fieldValues(b, f);
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      if (x[i] !== y[i]) {
        const where = f.count > 1 ? `header.${f.cName}[${i}]` : `header.${f.cName}`;
        return { kind: 'header', where, native: String(x[i]), python: String(y[i]) };
      }
    }
  }
  return undefined;
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  // Compare 4 KiB blocks natively first: payloads can be hundreds of megabytes.
  const block = 4096;
  let i = 0;
  while (i + block <= n && Buffer.compare(a.subarray(i, i + block), b.subarray(i, i + block)) === 0) i += block;
  while (i < n && a[i] === b[i]) i++;
  return i < n || a.length !== b.length ? i : -1;
}

function bytesDifference(a: AnecBytes, b: AnecBytes): Disagreement | undefined {
  const h = firstDifference(a.header, b.header);
  if (h >= 0) {
    const header = headerDifference(ANEC_HEADER.get(a.header), ANEC_HEADER.get(b.header));
    return header ?? { kind: 'header', where: `header[0x${h.toString(16)}]`, native: String(a.header[h]), python: String(b.header[h]) };
  }
  const p = firstDifference(a.payload, b.payload);
  if (p < 0) return undefined;
  const at = `0x${(ANEC_HEADER.len + p).toString(16)}`;
  if (p >= a.payload.length || p >= b.payload.length) {
    return { kind: 'payload', where: `payload.length`, native: String(a.payload.length), python: String(b.payload.length) };
  }
  return { kind: 'payload', where: `payload[${at}]`, native: `0x${a.payload[p]!.toString(16)}`, python: `0x${b.payload[p]!.toString(16)}` };
}

/** The first way `native` and `python` differ, or undefined when they agree on everything shown. */
export function compareOutcomes(native: EngineOutcome, python: EngineOutcome): Disagreement | undefined {
  if (native.ok !== python.ok) {
    const say = (o: EngineOutcome): string => (o.ok ? 'converted' : `failed (${o.error?.type}: ${o.error?.message})`);
    return { kind: 'status', where: 'status', native: say(native), python: say(python) };
  }
  if (native.error?.type !== python.error?.type) {
    return { kind: 'error', where: 'error.type', native: String(native.error?.type), python: String(python.error?.type) };
  }
  // The name picks the default output file, so it must agree even when nothing prints it (only a
  // success writes a file, and the Python engine knows the name only then).
  if (native.ok && native.name !== python.name) return { kind: 'name', where: 'name', native: String(native.name), python: String(python.name) };
  if (native.header && python.header) {
    const d = headerDifference(native.header, python.header);
    if (d) return d;
  }
  if (native.anec && python.anec) {
    const d = bytesDifference(native.anec, python.anec);
    if (d) return d;
  } else if (native.anec !== python.anec) {
    return { kind: 'payload', where: 'anec', native: native.anec ? 'compiled' : 'none', python: python.anec ? 'compiled' : 'none' };
  }
  if (native.printed !== python.printed) {
    const a = native.printed.split('\n');
    const b = python.printed.split('\n');
    const i = a.findIndex((line, k) => line !== b[k]);
    const at = i < 0 ? a.length : i;
    return { kind: 'printed', where: `printed.line[${at + 1}]`, native: a[at] ?? '(end)', python: b[at] ?? '(end)' };
  }
  const n = Math.max(native.logs.length, python.logs.length);
  for (let i = 0; i < n; i++) {
    const a = native.logs[i];
    const b = python.logs[i];
    if (a?.level !== b?.level || a?.message !== b?.message) {
      const say = (r: typeof a): string => (r ? `${r.level}: ${r.message}` : '(none)');
      return { kind: 'logs', where: `logs[${i}]`, native: say(a), python: say(b) };
    }
  }
  return undefined;
}
