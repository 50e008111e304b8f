import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readHwx, readTaskStream, safeReadHwx } from '../../src/hwx/index.js';
import { assertTypedFailure, withWord } from '../helpers/hwx-assert.js';
import { corpusFiles, corpusSkipReason, readCorpusFile } from '../helpers/corpus.js';

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
