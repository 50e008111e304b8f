import { describe, expect, it } from 'vitest';
import { ANEC_HEADER_SIZE_IN_BYTES } from '../../../src/anec/index.js';
import { readHwx } from '../../../src/hwx/index.js';
import { cleanPayload, fixAnec, inspectBytes } from '../../../src/tools/index.js';
import { describeMul, describeTwoTask, hwxLayouts, writeHwx } from '../../../src/writer/index.js';
import { corpusSkipReason, readCorpusFile } from '../../../support/corpus.js';
import { anecFile, convertUpstream, differingWords } from '../helpers.js';

const skip = corpusSkipReason();
if (skip) console.log(skip);

const W2 = 0x8;
const W8 = 0x20;
/** TileDMASrc 0x13840 in the mul task: 0x100 from compiler v7 on, 0 in v5; clean leaves it. */
const TILE_DMA_SRC_0x13840 = 0x1ac;

describe.skipIf(skip !== undefined)('clean and remap on the corpus', () => {
  it('should leave mul_macos14 differing from mul.ane only in W2, W8 and 0x13840 after --clean', () => {
    // Arrange
    const anec = convertUpstream('mul_macos14.hwx', readCorpusFile('mul_macos14.hwx'));
    // Act
    const fixed = fixAnec(anec, { clean: true, remapSlots: false });
    // Assert
    expect(differingWords(anecFile(fixed.anec), readCorpusFile('mul.ane'), ANEC_HEADER_SIZE_IN_BYTES)).toEqual([W2, W8, TILE_DMA_SRC_0x13840]);
  });

  it('should leave only W2 and 0x13840 after --clean --remap-slots, with or without the HWX file', () => {
    // Arrange
    const source = readCorpusFile('mul_macos14.hwx');
    const anec = convertUpstream('mul_macos14.hwx', source);
    for (const fixed of [fixAnec(anec, { clean: true, remapSlots: true, source }), fixAnec(anec, { clean: true, remapSlots: true })]) {
      // Assert
      expect(differingWords(anecFile(fixed.anec), readCorpusFile('mul.ane'), ANEC_HEADER_SIZE_IN_BYTES)).toEqual([W2, TILE_DMA_SRC_0x13840]);
    }
  });

  it('should clean the golden mul_macos14.ane the same way as a fresh conversion', () => {
    // Arrange
    const file = readCorpusFile('mul_macos14.ane');
    const anec = { header: file.subarray(0, ANEC_HEADER_SIZE_IN_BYTES), payload: file.subarray(ANEC_HEADER_SIZE_IN_BYTES) };
    // Act
    const fixed = fixAnec(anec, { clean: true, remapSlots: false });
    // Assert
    expect(differingWords(anecFile(fixed.anec), readCorpusFile('mul.ane'), ANEC_HEADER_SIZE_IN_BYTES)).toEqual([W2, W8, TILE_DMA_SRC_0x13840]);
    expect(fixed.changes).toHaveLength(42);
  });

  it('should clean the compact 0x1f8 task of mul_macos26_m4.ane', () => {
    // Arrange
    const file = readCorpusFile('mul_macos26_m4.ane');
    const payload = file.subarray(ANEC_HEADER_SIZE_IN_BYTES);
    // Act
    const { payload: cleaned, changes } = cleanPayload(payload, { taskStreamSize: 0x1f8 });
    // Assert
    expect(changes.map((c) => c.register ?? c.address.toString(16))).toEqual(expect.arrayContaining(['KernelCfg', 'MACCfg', 'CoeffDMAConfig0', '1f8e8']));
    const after = new Uint8Array([...file.subarray(0, ANEC_HEADER_SIZE_IN_BYTES), ...cleaned]);
    expect(inspectBytes('cleaned.anec', after).warnings.map((w) => w.code)).not.toContain('spurious_kdma');
  });

  it('should change nothing in tasks that use a kernel', () => {
    for (const name of ['tinygrad/conv.ane', 'tinygrad/gemm.ane', 'tinygrad/sigmoid.ane', 'mul.ane']) {
      const file = readCorpusFile(name);
      expect(cleanPayload(file.subarray(ANEC_HEADER_SIZE_IN_BYTES)).changes, name).toEqual([]);
    }
  });

  it('should not change the input payload', () => {
    const file = readCorpusFile('mul_macos14.ane');
    const before = new Uint8Array(file);
    cleanPayload(file.subarray(ANEC_HEADER_SIZE_IN_BYTES));
    expect(file).toEqual(before);
  });
});

describe('clean on writer-built files', () => {
  // Six cases only (3 layouts x 1 or 2 tasks): a loop, not a property.
  for (const layout of hwxLayouts) {
    for (const twoTasks of [false, true]) {
      it(`should change nothing more when run twice (${layout}, ${twoTasks ? 'two tasks' : 'one task'})`, () => {
        // Arrange
        const bytes = writeHwx(twoTasks ? describeTwoTask(layout) : describeMul(layout));
        const text = readHwx(bytes).sections.find((s) => s.role === 'code')!;
        const payload = bytes.subarray(text.dataOffset);
        // Act
        const once = cleanPayload(payload, { taskStreamSize: text.dataSize });
        const twice = cleanPayload(once.payload, { taskStreamSize: text.dataSize });
        // Assert
        expect(twice.changes).toEqual([]);
        expect(twice.payload).toEqual(once.payload);
        expect(once.changes.length > 0).toBe(layout !== 'v5');
        expect(new Set(once.changes.map((c) => c.task)).size).toBe(layout === 'v5' ? 0 : twoTasks ? 2 : 1);
      });
    }
  }
});
