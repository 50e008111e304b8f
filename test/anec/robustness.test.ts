import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profiles, runNativeEngine, upstreamExceptionTypes, upstreamType, type EngineOutcome } from '../../src/anec/index.js';
import { mutate, mutationArb } from '../../support/arbitraries/mutations.js';
import { corpusFiles, corpusSkipReason } from '../../support/corpus.js';
import { convertRequest } from '../../support/requests.js';

const request = convertRequest('mutant.hwx');


function assertOutcome(outcome: EngineOutcome): void {
  if (outcome.ok) {
    expect(outcome.anec?.header.length).toBe(0x1000);
  } else {
    expect(upstreamExceptionTypes).toContain(outcome.error?.type);
    // The failure keeps its code, and the code names the type.
    expect(upstreamType[outcome.error!.code!]).toBe(outcome.error?.type);
    expect(outcome.error?.message).not.toMatch(/\n/);
    expect(outcome.anec).toBeUndefined();
  }
}

describe('native engine robustness', () => {
  it('should answer random bytes with an outcome, never a throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.constantFrom(...profiles), (bytes, profile) => {
        assertOutcome(runNativeEngine(bytes, request, profile));
      }),
    );
  });

  const skip = corpusSkipReason();
  it.skipIf(skip !== undefined)('should answer mutated corpus files with an outcome, never a throw', () => {
    const inputs = corpusFiles()
      .filter((f) => !f.name.includes('gemm'))
      .map((f) => new Uint8Array(readFileSync(f.path)));
    fc.assert(
      fc.property(fc.constantFrom(...inputs), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), fc.constantFrom(...profiles), (input, mutations, profile) => {
        assertOutcome(runNativeEngine(mutate(input, mutations), request, profile));
      }),
    );
  });
});
