// Properties of the native engine on the differential inputs that need no Python: it always
// answers with a typed outcome and in bounded time, and the patched profile converts everything
// the upstream profile converts, to the same bytes.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profiles, runNativeEngine, upstreamExceptionTypes, upstreamType } from '../../src/anec/index.js';
import { convertRequestOf, generatedPlanArb, inputFileName, inputPlanArb, materializeInput, type InputPlan } from '../../support/arbitraries/hwx-inputs.js';
import { corpusSkipReason } from '../../support/corpus.js';
import { aliasStabTakenForInput, regressionPlans } from './regressions.js';

/** Far above the few milliseconds a conversion of these small inputs takes: anything slower is a hang. */
const HANG_LIMIT_MS = 2000;

const corpusMissing = corpusSkipReason();
if (corpusMissing !== undefined) console.log(`differential native properties: generated inputs only (${corpusMissing})`);
const planArb: fc.Arbitrary<InputPlan> = corpusMissing === undefined ? inputPlanArb : generatedPlanArb;
const examples = regressionPlans.filter((p) => corpusMissing === undefined || p.base.kind !== 'corpus').map((p): [InputPlan] => [p]);

function bytesOf(plan: InputPlan): Uint8Array {
  const bytes = materializeInput(plan);
  if (bytes === undefined) throw new Error('internal: a plan that needs the corpus was generated without it');
  return bytes;
}

describe('native engine on differential inputs', () => {
  it('should answer every generated or mutated input with a typed outcome, without hanging', () => {
    fc.assert(
      fc.property(planArb, fc.constantFrom(...profiles), (plan, profile) => {
        // Arrange
        const bytes = bytesOf(plan);
        const request = convertRequestOf(plan, `inputs/${inputFileName(plan)}`);
        // Act
        const started = performance.now();
        const outcome = runNativeEngine(bytes, request, profile);
        const elapsed = performance.now() - started;
        // Assert
        expect(elapsed).toBeLessThan(HANG_LIMIT_MS);
        if (outcome.ok) expect(outcome.error).toBeUndefined();
        else {
          expect(upstreamExceptionTypes).toContain(outcome.error?.type);
          expect(upstreamType[outcome.error!.code!]).toBe(outcome.error?.type);
          expect(outcome.anec).toBeUndefined();
        }
      }),
      { examples: examples.map(([p]) => [p, 'upstream'] as [InputPlan, 'upstream']) },
    );
  });

  it('should convert with the patched profile everything the upstream profile converts, to the same bytes', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        // Arrange
        const bytes = bytesOf(plan);
        const request = { ...convertRequestOf(plan, `inputs/${inputFileName(plan)}`), compile: true };
        // Act
        const upstream = runNativeEngine(bytes, request, 'upstream');
        const patched = runNativeEngine(bytes, request, 'patched');
        // Assert
        if (!upstream.ok) return;
        expect(patched.error).toBeUndefined();
        expect(patched.printed).toBe(upstream.printed);
        expect(Buffer.from(patched.anec!.header).equals(Buffer.from(upstream.anec!.header))).toBe(true);
        expect(Buffer.from(patched.anec!.payload).equals(Buffer.from(upstream.anec!.payload))).toBe(true);
      }),
      { examples: [...aliasStabTakenForInput.map((p): [InputPlan] => [p]), ...examples] },
    );
  });
});
