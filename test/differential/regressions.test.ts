// Fixed cases where the engines once disagreed: the native engine must give upstream's recorded
// verdict on each (the live and native properties also run them first, as fast-check examples).

import { describe, expect, it } from 'vitest';
import { runNativeEngine } from '../../src/anec/index.js';
import { convertRequestOf, describePlan, inputFileName, materializeInput } from '../../support/arbitraries/hwx-inputs.js';
import { corpusSkipReason } from '../../support/corpus.js';
import { verdictOf } from '../../support/differential/verdict.js';
import { aliasStabTakenForInput, regressions } from './regressions.js';

const corpusMissing = corpusSkipReason();

describe('differential regressions', () => {
  // The case list stays empty until the engines disagree; the alias-stab case below is fixed here
  // because it once split the two profiles rather than the engines.
  for (const plan of aliasStabTakenForInput) {
    it(`should convert an alias stab taken for an input alike with both profiles (${describePlan(plan)})`, () => {
      // Arrange
      const bytes = materializeInput(plan)!;
      const request = convertRequestOf(plan, `inputs/${inputFileName(plan)}`);
      // Act
      const upstream = runNativeEngine(bytes, request, 'upstream');
      const patched = runNativeEngine(bytes, request, 'patched');
      // Assert
      expect(upstream.error).toBeUndefined();
      expect(patched.error).toBeUndefined();
      expect(patched.printed).toBe(upstream.printed);
      expect(Buffer.from(patched.anec!.header).equals(Buffer.from(upstream.anec!.header))).toBe(true);
      expect(Buffer.from(patched.anec!.payload).equals(Buffer.from(upstream.anec!.payload))).toBe(true);
    });
  }

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
