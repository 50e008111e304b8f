// Fixed cases where the engines once disagreed: the native engine must give upstream's recorded
// verdict on each (the live and native properties also run them first, as fast-check examples).

import { describe, expect, it } from 'vitest';
import { runNativeEngine } from '../../src/anec/index.js';
import { convertRequestOf, describePlan, inputFileName, materializeInput } from '../arbitraries/hwx-inputs.js';
import { corpusSkipReason } from '../helpers/corpus.js';
import { verdictOf } from './lib/verdict.js';
import { regressions } from './regressions.js';

const corpusMissing = corpusSkipReason();

describe('differential regressions', () => {
  it('should have a case list (empty until a disagreement is found)', () => {
    expect(Array.isArray(regressions)).toBe(true);
  });

  for (const r of regressions) {
    const skip = r.plan.base.kind === 'corpus' ? corpusMissing : undefined;
    if (skip !== undefined) console.log(`differential regression "${r.title}" skipped: ${skip}`);
    it.skipIf(skip !== undefined)(`should match upstream: ${r.title} (${r.profile}; ${describePlan(r.plan)})`, () => {
      // Arrange
      const bytes = materializeInput(r.plan)!;
      // Act
      const outcome = runNativeEngine(bytes, convertRequestOf(r.plan, `inputs/${inputFileName(r.plan)}`), r.profile);
      // Assert
      expect(verdictOf(outcome)).toBe(r.expected);
    });
  }
});
