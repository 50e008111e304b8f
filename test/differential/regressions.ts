// Inputs on which the engines once disagreed (found by the differential job), pinned as
// fast-check examples of the properties and as fixed cases. Each names the seed and case that
// found it; the plan is stored whole so it does not depend on the generators staying the same.

import type { Profile } from '../../src/anec/index.js';
import { describeMul, mulShape } from '../../src/writer/index.js';
import type { InputPlan } from '../../support/arbitraries/hwx-inputs.js';

export interface Regression {
  /** What differed, and where it was found (`seed 20261125 case 2`). */
  readonly title: string;
  readonly profile: Profile;
  /** Upstream's verdict on it (lib/verdict.ts), so the case is checked without Python too. */
  readonly expected: string;
  readonly plan: InputPlan;
}

export const regressions: readonly Regression[] = [];

export const regressionPlans: readonly InputPlan[] = regressions.map((r) => r.plan);

const plainRequest = { stem: 'model', extension: '.hwx', name: undefined, force: false, print: true, compile: true } as const;

/**
 * Inputs where an alias stab is taken for an I/O tensor, which both profiles must convert alike.
 * Found by native.test.ts, seed -1836429623: a v5 file whose only input stab was deleted, leaving
 * an alias stab named `_/src0` that upstream takes for the input, while the patched profile of the
 * time skipped every alias and then refused the file. Rebuilt here from a v7 mul: with the `image`
 * stab gone, the stabs are image2, probs and probs/src for three buffers. Patch 0001 drops aliases
 * only when there are more stabs than buffers, so here it keeps probs/src as upstream does and
 * both profiles convert the file to the same bytes.
 */
export const aliasStabTakenForInput: readonly InputPlan[] = [
  {
    base: { kind: 'generated', trimPadding: true, description: { ...describeMul('v7'), aliasStabs: [{ name: 'probs/src', shape: mulShape }] } },
    mutations: [{ kind: 'stab', stab: 0, edit: { op: 'delete' } }],
    request: plainRequest,
  },
];
