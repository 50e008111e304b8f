import { describe, expect, it } from 'vitest';
import { ANEC_HEADER, ANEC_HEADER_SIZE_IN_BYTES } from '../../../src/anec/index.js';
import { decodeW8, readHwx } from '../../../src/hwx/index.js';
import { remapSlots, slotMappingFromHwx, slotMappingFromTasks, SlotRemapError } from '../../../src/tools/index.js';
import { describeMul, linkTasks, mulShape, mulTask, writeHwx } from '../../../src/writer/index.js';
import { corpusSkipReason, readCorpusFile } from '../../../support/corpus.js';

const skip = corpusSkipReason();
if (skip) console.log(skip);

function reasonOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof SlotRemapError) return error.reason;
    throw error;
  }
}

describe.skipIf(skip !== undefined)('slot mappings of the corpus', () => {
  it('should map mul_macos14 outputs first, then inputs in stab order', () => {
    const mapping = slotMappingFromHwx(readHwx(readCorpusFile('mul_macos14.hwx')));
    expect(mapping.moves).toEqual([
      { from: 6, to: 4, role: 'output', name: 'probs' },
      { from: 4, to: 5, role: 'input', name: 'image' },
      { from: 5, to: 6, role: 'input', name: 'image2' },
    ]);
    expect(mapping.assumedOrder).toBe(false);
  });

  it('should find nothing to move in files already in libane order', () => {
    for (const name of ['mul.hwx', 'tinygrad/concat.hwx', 'tinygrad/sum.hwx', 'tinygrad/conv.hwx']) {
      const moves = slotMappingFromHwx(readHwx(readCorpusFile(name))).moves;
      expect(moves.filter((m) => m.from !== m.to), name).toEqual([]);
    }
  });

  it('should rewrite only W8 of mul_macos26_m4.ane, and nothing more the second time', () => {
    // Arrange
    const file = readCorpusFile('mul_macos26_m4.ane');
    const header = ANEC_HEADER.get(file, 0);
    const payload = file.subarray(ANEC_HEADER_SIZE_IN_BYTES);
    // Act
    const once = remapSlots(payload, { header });
    const twice = remapSlots(once.payload, { header });
    // Assert
    expect(once.changes).toHaveLength(1);
    const change = once.changes[0]!;
    expect(decodeW8(change.after).reads).toEqual([5, 6]);
    expect(decodeW8(change.after).writes).toEqual([4]);
    expect(twice.changes).toEqual([]);
  });
});

describe('refusing ambiguous mappings', () => {
  const shape = mulShape;

  it('should refuse a slot read before any task writes it and written later', () => {
    // Arrange: the task reads slot 6 and writes it in place
    const d = describeMul('v7');
    const tasks = linkTasks([mulTask({ layout: 'v7', shape, bindings: { read0: 6, read1: 5, write: 6 } })]);
    const file = readHwx(writeHwx({ ...d, tasks }));
    // Act / Assert
    expect(reasonOf(() => slotMappingFromTasks(file.taskStream!.tasks))).toBe('role_conflict');
  });

  it('should refuse when the bound slots do not match the header counts', () => {
    // Arrange
    const file = readHwx(writeHwx(describeMul('v7')));
    const header = ANEC_HEADER.get(new Uint8Array(ANEC_HEADER_SIZE_IN_BYTES), 0);
    // Act / Assert
    expect(reasonOf(() => slotMappingFromTasks(file.taskStream!.tasks, { ...header, srcCount: 2, dstCount: 2 }))).toBe('count_mismatch');
    expect(reasonOf(() => slotMappingFromHwx(file, { ...header, srcCount: 1, dstCount: 1 }))).toBe('count_mismatch');
  });

  it('should refuse a task bound to a slot no tensor is at', () => {
    const d = describeMul('v9');
    const tasks = linkTasks([mulTask({ layout: 'v9', shape, bindings: { read0: 4, read1: 9, write: 6 } })]);
    const file = readHwx(writeHwx({ ...d, tasks }));
    expect(reasonOf(() => slotMappingFromHwx(file))).toBe('unknown_slot');
  });

  it('should carry a code and a one-line message', () => {
    const error = new SlotRemapError({ reason: 'role_conflict', slot: 6 });
    expect(error.code).toBe('ambiguous_slots');
    expect(error.reason).toBe('role_conflict');
    expect(error.message).toBe('cannot remap slots: slot 6 is read before any task writes it and written later, so its role is unknown');
  });
});
