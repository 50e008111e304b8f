import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { printableRuns } from '../../src/anec/printable-runs.js';

// Upstream's own reading, run by the Python on this machine: text mode, errors ignored.
// One interpreter for many files: argv holds pairs of (file, minimum length).
const PYTHON_RUNS = `
import json, string, sys
def runs(path, minimum):
    with open(path, errors="ignore") as f:
        data = f.read()
    out, run = [], ""
    for c in data:
        if c in string.printable:
            run += c
            continue
        if len(run) >= minimum:
            out.append(run)
        run = ""
    if len(run) >= minimum:
        out.append(run)
    return out
args = sys.argv[1:]
print(json.dumps([runs(args[i], int(args[i + 1])) for i in range(0, len(args), 2)]))
`;

function python(): string | undefined {
  for (const bin of [process.env['PYTHON_BIN'], 'python3']) {
    if (!bin) continue;
    try {
      execFileSync(bin, ['-c', 'pass']);
      return bin;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

const pythonBin = python();
if (!pythonBin) console.warn('skipped: printable runs against Python (no python3 found)');

// Bytes biased towards what matters: printable text, CR/LF, stray and valid UTF-8 sequences.
const textByte = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 2, arbitrary: fc.constantFrom(0x0d, 0x0a, 0x09, 0x0b, 0x0c, 0x00) },
  { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
);
const chunk = fc.oneof(
  fc.uint8Array({ minLength: 0, maxLength: 8 }),
  fc.array(textByte, { maxLength: 80 }).map((a) => Uint8Array.from(a)),
  fc.string({ unit: 'binary', maxLength: 6 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
);
const bytesArb = fc.array(chunk, { maxLength: 30 }).map((parts) => new Uint8Array(Buffer.concat(parts)));

describe('printableRuns', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anecc-runs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should keep runs of at least the minimum length, joined across invalid bytes', () => {
    const bytes = new Uint8Array([...Buffer.from('abc'), 0xff, ...Buffer.from('def\r\nx'), 0x00, ...Buffer.from('ab')]);
    expect(printableRuns(bytes, 3)).toEqual(['abcdef\nx']);
    expect(printableRuns(new Uint8Array([0x61, 0xc3, 0xa9, 0x62]), 1)).toEqual(['a', 'b']);
  });

  it('should find runs across the 1 MiB windows it scans in, whole', () => {
    // Arrange: one run straddling the first window's end, one starting right after it.
    const bytes = new Uint8Array((1 << 20) + 4096);
    const long = (1 << 20) - 10;
    bytes.fill(0x61, 5, 5 + long + 20);
    bytes.fill(0x62, (1 << 20) + 100, (1 << 20) + 110);
    // Act
    const runs = printableRuns(bytes, 4);
    // Assert
    expect(runs.map((r) => [r[0], r.length])).toEqual([
      ['a', long + 20],
      ['b', 10],
    ]);
  });

  it.skipIf(!pythonBin)('should yield exactly what Python text mode yields', () => {
    // Arrange: a seeded sample, answered by one Python process (starting one per case is slow).
    const cases = fc.sample(fc.tuple(bytesArb, fc.integer({ min: 1, max: 12 })), { numRuns: 400, seed: 42 });
    const args = cases.flatMap(([bytes, minLength], i) => {
      const file = join(dir, `case-${i}.bin`);
      writeFileSync(file, bytes);
      return [file, String(minLength)];
    });
    // Act
    const want = JSON.parse(execFileSync(pythonBin!, ['-c', PYTHON_RUNS, ...args]).toString()) as string[][];
    // Assert
    cases.forEach(([bytes, minLength], i) => expect(printableRuns(bytes, minLength), `case ${i}`).toEqual(want[i]));
  });
});
