import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readHwx } from '../../src/hwx/index.js';
import {
  describeHwxFile,
  describeIntermediate,
  describeMul,
  describeMulDebugProbs,
  describeTwoTask,
  hwxLayouts,
  writeHwx,
} from '../../src/writer/index.js';
import { hwxDescriptionArb } from '../../support/arbitraries/hwx-description.js';

describe('writer/reader round trip', () => {
  it.each([
    ...hwxLayouts.map((l) => [`mul ${l}`, describeMul(l)] as const),
    ['mul v9 debug probs', describeMulDebugProbs()] as const,
    ['two-task v9', describeTwoTask('v9')] as const,
    ['two-task v5', describeTwoTask('v5')] as const,
    ['intermediate v5', describeIntermediate('v5')] as const,
    ['intermediate v9', describeIntermediate('v9')] as const,
  ])('should read back the description of preset %s', (_, description) => {
    const bytes = writeHwx(description);
    expect(describeHwxFile(readHwx(bytes), bytes)).toEqual(description);
  });

  it('should read back any valid description', () => {
    fc.assert(
      fc.property(hwxDescriptionArb, (description) => {
        // Arrange
        const bytes = writeHwx(description);
        // Act
        const file = readHwx(bytes);
        // Assert
        expect(file.warnings).toEqual([]);
        expect(describeHwxFile(file, bytes)).toEqual(description);
      }),
    );
  });
});
