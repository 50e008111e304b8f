// The fixed, seeded stream of differential inputs: case `i` of seed `s` is always the same plan, so
// a live run, the recorded oracle and a reproduction all talk about the same input by number.

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { ConvertRequest } from '../../src/anec/index.js';
import { convertRequestOf, inputPlanArb, materializeInput, type InputPlan } from '../arbitraries/hwx-inputs.js';

/** The default seed of `make oracle` and `make differential` (the Makefile passes it too). */
export const defaultSeed = 20261125;

/** fast-check seed of case `index`: a 32-bit mix, so neighbouring cases share no random stream. */
export function caseSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) | 0;
}

/** The plan of case `index`. */
export function planAt(seed: number, index: number, arbitrary: fc.Arbitrary<InputPlan> = inputPlanArb): InputPlan {
  const [plan] = fc.sample(arbitrary, { seed: caseSeed(seed, index), numRuns: 1 });
  if (plan === undefined) throw new Error(`internal: no plan for case ${index}`);
  return plan;
}

/** A plan with its bytes, or why it has none. */
export type MaterializedCase =
  | { readonly ok: true; readonly index: number; readonly plan: InputPlan; readonly bytes: Uint8Array; readonly digest: string }
  | { readonly ok: false; readonly index: number; readonly plan: InputPlan; readonly reason: 'corpus-absent' };

/** Characters of sha256 hex kept per digest: 64 bits tell inputs and outcomes apart and keep the oracle small. */
export const DIGEST_HEX_LENGTH = 16;

/** sha256 of what both engines see: the request (name, flags, file name) and the file bytes. */
export function inputDigest(plan: InputPlan, bytes: Uint8Array): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(plan.request));
  hash.update('\0');
  hash.update(bytes);
  return hash.digest('hex').slice(0, DIGEST_HEX_LENGTH);
}

export function materializeCase(index: number, plan: InputPlan): MaterializedCase {
  const bytes = materializeInput(plan);
  if (bytes === undefined) return { ok: false, index, plan, reason: 'corpus-absent' };
  return { ok: true, index, plan, bytes, digest: inputDigest(plan, bytes) };
}

export function caseAt(seed: number, index: number): MaterializedCase {
  return materializeCase(index, planAt(seed, index));
}

/** The request of a case whose file sits at `filePath`. */
export function requestAt(plan: InputPlan, filePath: string): ConvertRequest {
  return convertRequestOf(plan, filePath);
}
