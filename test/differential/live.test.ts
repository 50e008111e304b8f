// The engines compared live, case by case, when upstream anecc is importable (PYTHON_BIN and
// ANECC_UPSTREAM_SRC, or `pip install anecc==1.0.9`): for both profiles, native and Python either
// both convert with the same bytes, -p text and log lines, or both fail with the same exception.
// The long batched run is `make differential`; this keeps the property in the ordinary suite.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profiles, type Profile } from '../../src/anec/index.js';
import { openPythonEngine, pythonEngineAvailability, type PythonEngine } from '../../src/bridge/index.js';
import { generatedPlanArb, inputPlanArb, type InputPlan } from '../../support/arbitraries/hwx-inputs.js';
import { corpusSkipReason } from '../../support/corpus.js';
import { compareOne } from '../../support/differential/live.js';
import { regressions } from './regressions.js';

const availability = await pythonEngineAvailability();
const skip = availability.available ? undefined : `upstream anecc not available, live differential properties skipped: ${availability.message}`;
if (skip !== undefined) console.log(skip);
const corpusMissing = corpusSkipReason();
const planArb: fc.Arbitrary<InputPlan> = corpusMissing === undefined ? inputPlanArb : generatedPlanArb;

describe.skipIf(skip !== undefined)('native engine against upstream anecc (live)', () => {
  let engine: PythonEngine;
  let workDir: string;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'anecc-live-test-'));
    engine = await openPythonEngine();
  });

  afterAll(async () => {
    await engine?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  for (const profile of profiles) {
    it(`should agree with upstream on generated and mutated inputs (${profile})`, async () => {
      const examples = regressions.filter((r) => r.profile === profile && (corpusMissing === undefined || r.plan.base.kind !== 'corpus'));
      await fc.assert(
        fc.asyncProperty(planArb, async (plan) => {
          // Act
          const disagreement = await compareOne(engine, plan, profile as Profile, workDir);
          // Assert
          expect(disagreement).toBeUndefined();
        }),
        { examples: examples.map((r): [InputPlan] => [r.plan]) },
      );
    });
  }
});
