import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeAnecHeader, runNativeEngine, type EngineOutcome } from '../../src/anec/index.js';
import { readHwx } from '../../src/hwx/index.js';
import { describeMul, describeMulDebugProbs, describeTwoTask, writeHwx, type HwxDescription } from '../../src/writer/index.js';
import { corpusFiles, corpusSkipReason } from '../../support/corpus.js';
import { convertRequest } from '../../support/requests.js';

const fileBytes = (o: EngineOutcome): Buffer => Buffer.concat([o.anec!.header, o.anec!.payload]);

/** What the patched profile must give for a v9 file: the header libane needs and the file's own bytes. */
function expectV9Conversion(description: HwxDescription, taskCount: number): void {
  // Arrange
  const bytes = writeHwx(description);
  const file = readHwx(bytes);
  const text = file.sections.find((s) => s.segmentName === '__TEXT' && s.name === '__text')!;
  const kernel = file.sections.find((s) => s.segmentName === '__TEXT' && s.name === '__const')!;
  // Act
  const outcome = runNativeEngine(bytes, convertRequest('v9.hwx'), 'patched');
  // Assert
  expect(outcome.error).toBeUndefined();
  const header = decodeAnecHeader(outcome.anec!.header);
  const alignedText = Math.ceil(text.dataSize / 16) * 16;
  expect(header).toMatchObject({ tdSize: 0x1f8, tdCount: taskCount, srcCount: 2, dstCount: 1 });
  expect(header.tskSize).toBe(BigInt(text.dataSize));
  expect(header.krnSize).toBe(BigInt(kernel.dataSize));
  expect(header.size).toBe(BigInt(alignedText + kernel.dataSize));
  expect(header.tiles.slice(0, 8)).toEqual([Math.ceil((alignedText + kernel.dataSize) / 0x4000), 0, 0, 0, 1, 1, 1, 0]);
  expect(header.nchw.slice(4 * 6, 7 * 6)).toEqual([1n, 64n, 1n, 1n, 64n, 64n, 1n, 64n, 1n, 1n, 64n, 64n, 1n, 64n, 1n, 1n, 64n, 64n]);
  expect(Buffer.from(outcome.anec!.payload).equals(Buffer.from(bytes.subarray(text.dataOffset, kernel.dataOffset + kernel.dataSize)))).toBe(true);
  expect(kernel.dataOffset).toBe(text.dataOffset + alignedText);
}

describe('native patched profile', () => {
  it('should convert a v9 file with a probs/src alias stab and a __DEBUG segment', () => {
    expectV9Conversion(describeMulDebugProbs(), 1);
  });

  it('should convert v9 files with one and with two compact tasks', () => {
    expectV9Conversion(describeMul('v9'), 1);
    expectV9Conversion(describeTwoTask('v9'), 2);
  });

  it('should refuse the alias stab under the upstream profile, as upstream does, and drop it under patched', () => {
    // Arrange: a v7 file upstream converts, and the same file with a probs/src alias stab.
    const plain = describeMul('v7');
    const output = plain.tensors.find((t) => t.kind === 'output')!;
    const withAlias: HwxDescription = { ...plain, aliasStabs: [{ name: `${output.name}/src`, shape: output.shape }] };
    // Act
    const upstreamPlain = runNativeEngine(writeHwx(plain), convertRequest('v7.hwx'), 'upstream');
    const upstreamAlias = runNativeEngine(writeHwx(withAlias), convertRequest('v7.hwx'), 'upstream');
    const patchedAlias = runNativeEngine(writeHwx(withAlias), convertRequest('v7.hwx'), 'patched');
    // Assert: only the alias makes upstream fail, at step 9 (4 stabs for 3 buffers).
    expect(upstreamPlain.error).toBeUndefined();
    expect(upstreamAlias.error).toMatchObject({ type: 'AssertionError', code: 'stab_count_mismatch' });
    expect(patchedAlias.error).toBeUndefined();
    expect(fileBytes(patchedAlias).subarray(0, 0x1000).equals(fileBytes(upstreamPlain).subarray(0, 0x1000))).toBe(true);
  });

  const skip = corpusSkipReason();
  describe.skipIf(skip !== undefined)('on the real corpus', () => {
    it('should write mul_macos26_m4.ane for mul_macos26_m1.hwx', () => {
      const file = corpusFiles().find((f) => f.name === 'mul_macos26_m1.hwx')!;
      const golden = corpusFiles('.ane').find((f) => f.name === 'mul_macos26_m4.ane')!;
      const outcome = runNativeEngine(readFileSync(file.path), convertRequest(file.path), 'patched');
      expect(outcome.error).toBeUndefined();
      expect(fileBytes(outcome).equals(readFileSync(golden.path))).toBe(true);
    });

    it('should give upstream profile results on every file upstream converts', () => {
      for (const file of corpusFiles().filter((f) => f.golden !== undefined)) {
        const bytes = readFileSync(file.path);
        const patched = runNativeEngine(bytes, convertRequest(file.path), 'patched');
        const upstream = runNativeEngine(bytes, convertRequest(file.path), 'upstream');
        expect(fileBytes(patched).equals(fileBytes(upstream)), file.name).toBe(true);
        expect(patched.printed).toBe(upstream.printed);
        expect(patched.logs).toEqual(upstream.logs);
      }
    });
  });
});
