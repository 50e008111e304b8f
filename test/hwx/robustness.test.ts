import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HwxFormatError, maxTaskCount, readHwx, readTaskStream, safeReadHwx, tokens } from '../../src/hwx/index.js';
import type { HwxFile } from '../../src/hwx/index.js';
import { assertTypedFailure, withWord } from '../helpers/hwx-assert.js';
import { corpusFiles, corpusSkipReason, readCorpusFile } from '../../support/corpus.js';
import { BUFFER_BASE_ADDRESS, chainedTasksFile, decodeWork, manySectionsFile, manySymbolsFile, scanWork } from './large-inputs.js';

// Words a mutation should try: the values the readers branch on, and sizes that overflow.
const interestingWord = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 0x8, 0x19, 0x40, 0x9c, 0x7d, 0x28, 0x274, 0x1f8, 0x300),
  fc.constantFrom(0x30000000, 0xf401f800, 0x4401f800, 0xbeefface, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffff0),
  fc.integer({ min: 0, max: 0xffffffff }),
);

describe('reading arbitrary bytes', () => {
  it('should return a model or a typed failure for random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        // Act / Assert
        assertTypedFailure(readHwx, bytes);
      }),
    );
  });

  it('should return a model or a typed failure for random bytes behind a valid magic', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 4096 }), fc.nat({ max: 64 }), (tail, ncmds) => {
        // Arrange
        const bytes = new Uint8Array(tail);
        const view = new DataView(bytes.buffer);
        view.setUint32(0, 0xbeefface, true);
        view.setUint32(16, ncmds, true);
        view.setUint32(20, Math.max(0, bytes.length - 32), true);
        // Act / Assert
        assertTypedFailure(readHwx, bytes);
      }),
    );
  });

  it('should decode any byte range as a task stream without throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.integer({ min: -8, max: 5000 }), fc.integer({ min: -8, max: 5000 }), (bytes, offset, size) => {
        // Act
        const stream = readTaskStream(bytes, offset, size);
        // Assert: every task and write lies inside the bytes
        for (const task of stream.tasks) {
          expect(task.offset + task.size).toBeLessThanOrEqual(bytes.length);
          for (const w of task.writes) expect(w.offset + 4).toBeLessThanOrEqual(bytes.length);
        }
      }),
    );
  });
});

/** The model, or a test failure naming the issues (the inputs below are all sound files). */
function modelOf(bytes: Uint8Array): HwxFile {
  const result = safeReadHwx(bytes);
  if (!result.ok) throw new Error(`expected a model, got ${JSON.stringify(result.issues)}`);
  return result.file;
}

// Counts that are large for the file's size: the reader's work must follow the bytes, not the
// counts. Work is measured (writes decoded, bytes decoded, elements scanned), not timed.
describe('reading large counts in few bytes', () => {
  const WORD = tokens.U32_LE.len;
  const fillWord = fc.oneof(fc.constantFrom(0, 0xf401f800, 0x4401f800, 0x0009c000, 0xfc000000), fc.integer({ min: 0, max: 0xffffffff }));

  it('should decode chained tasks in at most one write per word of __text', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0x28, max: 0x8000 }),
        fc.integer({ min: 0x28, max: 0x400 }),
        fillWord,
        (textSize, step, fill) => {
          // Arrange
          const bytes = chainedTasksFile({ textSize, step, fill });
          // Act
          assertTypedFailure(readHwx, bytes);
          const tasks = modelOf(bytes).taskStream?.tasks ?? [];
          // Assert: tasks are disjoint, so writes and packets are bounded by the bytes
          const writes = tasks.reduce((n, t) => n + t.writes.length, 0);
          const packets = tasks.reduce((n, t) => n + t.packets.length, 0);
          expect(writes).toBeLessThanOrEqual(textSize / WORD);
          expect(packets).toBeLessThanOrEqual(textSize / (2 * WORD));
          for (const [a, b] of tasks.slice(1).map((t, i) => [tasks[i]!, t] as const)) {
            expect(a.offset + a.size).toBeLessThanOrEqual(b.offset);
          }
        },
      ),
    );
  });

  it('should decode a 64 KiB chain of empty tasks in one pass', () => {
    // Arrange: the reviewer's case, an all-zero task every 0x28 bytes (once 11 s and 2.4 GB)
    const textSize = 0x10000;
    const bytes = chainedTasksFile({ textSize, step: 0x28, fill: 0 });
    // Act
    const stream = modelOf(bytes).taskStream;
    // Assert
    expect(stream?.tasks.length).toBe(Math.floor(textSize / 0x28));
    expect(stream?.tasks.reduce((n, t) => n + t.writes.length, 0)).toBeLessThanOrEqual(textSize / WORD);
    expect(stream?.warnings).toEqual([]);
  });

  it('should stop a chain at the task limit without decoding past the bytes', () => {
    // Arrange: more header-sized tasks than the limit
    const textSize = (maxTaskCount + 2) * 0x28;
    const bytes = chainedTasksFile({ textSize, step: 0x28, fill: 0 });
    // Act
    const file = modelOf(bytes);
    // Assert
    expect(file.taskStream?.tasks.length).toBe(maxTaskCount);
    expect(file.warnings.map((w) => w.code === 'bad_task' && w.reason)).toEqual(['too_many_tasks']);
  });

  it('should decode each symbol name at most twice per string-table byte', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 0, max: 4096 }),
        fc.constantFrom('shared' as const, 'overlapping' as const),
        (count, nameLength, naming) => {
          // Arrange
          const bytes = manySymbolsFile({ count, nameLength, naming });
          const strsize = nameLength + 2;
          // Act
          const { result, work } = decodeWork(() => safeReadHwx(bytes));
          // Assert: shared names are decoded once; overlapping ones stop at the budget, as a warning
          expect(work).toBeLessThanOrEqual(2 * strsize);
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          if (result.file.symbols.length === 0) {
            expect(result.file.warnings.map((w) => w.code === 'too_many' && w.field)).toContain('symbol name bytes');
          } else {
            expect(result.file.symbols).toHaveLength(count);
            if (naming === 'shared') expect(new Set(result.file.symbols.map((x) => x.name))).toEqual(new Set(['A'.repeat(nameLength)]));
          }
        },
      ),
    );
  });

  it('should read 60,000 symbols sharing a 4000-byte name by decoding it once', () => {
    // Arrange: the reviewer's case (968 KB, once 364 MB of strings)
    const bytes = manySymbolsFile({ count: 60_000, nameLength: 4000, naming: 'shared' });
    // Act
    const { result, work } = decodeWork(() => modelOf(bytes));
    // Assert
    expect(work).toBe(4000);
    expect(result.symbols).toHaveLength(60_000);
  });

  it('should read 200,000 symbols without overflowing the stack', () => {
    // Arrange: more entries than a spread call can take
    const bytes = manySymbolsFile({ count: 200_000, nameLength: 1, naming: 'shared' });
    // Act / Assert
    assertTypedFailure(readHwx, bytes);
    expect(modelOf(bytes).symbols).toHaveLength(200_000);
  });

  it('should join many buffer sections and symbols with work proportional to the file', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 250 }), fc.integer({ min: 0, max: 4000 }), (segments, sectionsPerSegment, symbols) => {
        // Arrange
        const bytes = manySectionsFile({ segments, sectionsPerSegment, symbols });
        // Act
        const { result, work } = scanWork(() => modelOf(bytes));
        // Assert
        expect(work).toBeLessThanOrEqual(bytes.length);
        const sections = segments * sectionsPerSegment;
        expect(result.tensors).toHaveLength(sections);
        const named = result.tensors.filter((t) => t.name !== undefined).length;
        expect(named).toBe(Math.min(sections, Math.ceil(symbols / 2)));
        expect(result.tensors[0]?.name).toBe(symbols > 0 ? 'b0' : undefined);
      }),
    );
  });

  it('should join 20,000 buffer sections against 100,000 symbols without a scan per section', () => {
    // Arrange: the reviewer's case (80 segments of 250 sections, 3.2 MB; once 10 s)
    const bytes = manySectionsFile({ segments: 80, sectionsPerSegment: 250, symbols: 100_000 });
    // Act
    const { result, work } = scanWork(() => modelOf(bytes));
    // Assert
    expect(work).toBeLessThanOrEqual(bytes.length / 16);
    expect(result.tensors).toHaveLength(20_000);
    expect(result.tensors[1]?.addr).toBe(BUFFER_BASE_ADDRESS + 0x4000);
    expect(result.tensors[1]?.name).toBe('b2');
  });
});

describe('reader bugs', () => {
  it('should report an unexpected error as a typed internal issue', () => {
    // Arrange: not bytes at all, so the reader fails in a way no file can make it
    const notBytes = null as unknown as Uint8Array;
    // Act
    const result = safeReadHwx(notBytes);
    // Assert
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.code)).toEqual(['internal']);
    expect(() => readHwx(notBytes)).toThrow(HwxFormatError);
    expect(() => readHwx(notBytes)).toThrow(/a bug, not a property of the file/);
  });

  it('should report an unexpected error in a task stream as a typed warning', () => {
    const stream = readTaskStream(null as unknown as Uint8Array, 0, 0x274);
    expect(stream.tasks).toEqual([]);
    expect(stream.warnings.map((w) => w.code)).toEqual(['internal']);
  });
});

const skip = corpusSkipReason();
if (skip !== undefined) console.warn(skip);

describe.skipIf(skip !== undefined)('reading damaged corpus files', () => {
  const files = corpusFiles().map((f) => ({ name: f.name, bytes: readCorpusFile(f.name) }));
  const fileArb = fc.constantFrom(...(files.length > 0 ? files : [{ name: 'none', bytes: new Uint8Array() }]));

  it('should read every truncation as a model or a typed failure', () => {
    fc.assert(
      fc.property(fileArb, fc.double({ min: 0, max: 1, noNaN: true }), ({ bytes }, fraction) => {
        // Arrange
        const cut = bytes.slice(0, Math.floor(bytes.length * fraction));
        // Act / Assert
        assertTypedFailure(readHwx, cut);
      }),
    );
  });

  it('should fail with truncated or out_of_bounds for every cut inside the load commands', () => {
    fc.assert(
      fc.property(fileArb, fc.nat({ max: 0x3fff }), ({ bytes }, length) => {
        // Arrange
        const header = safeReadHwx(bytes);
        if (!header.ok) throw new Error('corpus file does not read');
        const commandsEnd = 32 + header.file.header.sizeofcmds;
        const cut = bytes.slice(0, length % commandsEnd);
        // Act
        const result = safeReadHwx(cut);
        // Assert
        expect(result.ok).toBe(false);
        if (!result.ok) expect(['truncated', 'out_of_bounds']).toContain(result.issues[0]?.code);
      }),
    );
  });

  it('should read a file with words overwritten as a model or a typed failure', () => {
    fc.assert(
      fc.property(
        fileArb,
        fc.array(fc.tuple(fc.nat({ max: 0x1100 }), interestingWord), { minLength: 1, maxLength: 8 }),
        ({ bytes }, writes) => {
          // Arrange: mostly the header, load commands and first task (the first 0x4400 bytes)
          let mutated = bytes;
          for (const [index, value] of writes) mutated = withWord(mutated, index, value);
          // Act / Assert
          assertTypedFailure(readHwx, mutated);
        },
      ),
    );
  });

  it('should read a file with words overwritten anywhere as a model or a typed failure', () => {
    fc.assert(
      fc.property(fileArb, fc.nat(), interestingWord, ({ bytes }, index, value) => {
        assertTypedFailure(readHwx, withWord(bytes, index, value));
      }),
    );
  });
});
