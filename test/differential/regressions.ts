// Inputs on which the engines once disagreed (found by the differential job), pinned as
// fast-check examples of the properties and as fixed cases. Each names the seed and case that
// found it; the plan is stored whole so it does not depend on the generators staying the same.

import type { Profile } from '../../src/anec/index.js';
import type { InputPlan } from '../arbitraries/hwx-inputs.js';

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
