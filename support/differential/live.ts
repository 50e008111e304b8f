// The live differential run: seeded inputs, batched through the Python engine (one round trip per
// batch and profile), compared with the native engine. The next batch is prepared while Python
// works on the current one, so the two cores both stay busy.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { runNativeEngine, type ConvertRequest, type EngineOutcome, type Profile } from '../../src/anec/index.js';
import type { PythonEngine } from '../../src/bridge/index.js';
import { compareOutcomes, type Disagreement } from '../../src/convert/index.js';
import { describePlan, inputFileName, inputPlanArb, type InputPlan } from '../arbitraries/hwx-inputs.js';
import { caseSeed, materializeCase, planAt, requestAt } from './cases.js';

export interface LiveDisagreement {
  readonly index: number;
  readonly profile: Profile;
  readonly plan: InputPlan;
  readonly summary: string;
  readonly disagreement: Disagreement;
}

export interface LiveSummary {
  /** Inputs generated (each is compared once per profile). */
  readonly inputs: number;
  /** Input-profile pairs compared. */
  readonly comparisons: number;
  readonly agreements: number;
  readonly disagreementsByKind: Readonly<Record<string, number>>;
  /** The first disagreements, in case order (at most `keepDisagreements`). */
  readonly disagreements: readonly LiveDisagreement[];
  readonly skippedWithoutCorpus: number;
  /** Python's status per profile: `ok` or the exception type, with counts (how far inputs got). */
  readonly outcomes: Readonly<Record<Profile, Readonly<Record<string, number>>>>;
  readonly seconds: number;
}

/** What the live run needs of a Python engine (a PythonEngine, or one in a worker process). */
export interface BatchConverter {
  convert(requests: readonly ConvertRequest[], profile: Profile): Promise<readonly EngineOutcome[]>;
}

export interface LiveOptions {
  readonly engine: BatchConverter;
  /** Engines dedicated to a profile; profiles on different engines are converted in parallel. */
  readonly engines?: Readonly<Partial<Record<Profile, BatchConverter>>>;
  readonly seed: number;
  /** Inputs to generate; each is compared in every profile. */
  readonly cases: number;
  /** First case number (to reproduce one case: `first: i, cases: 1`). */
  readonly first?: number;
  readonly profiles: readonly Profile[];
  /** Where inputs are written for Python to read. */
  readonly workDir: string;
  readonly batchSize?: number;
  readonly keepDisagreements?: number;
  readonly onProgress?: (done: number, total: number, summary: LiveSummary) => void;
  /** Sees every Python outcome (with the input's digest): `make oracle` records them. */
  readonly onOutcome?: (index: number, digest: string, profile: Profile, python: EngineOutcome) => void;
}

interface PreparedCase {
  readonly index: number;
  readonly plan: InputPlan;
  readonly request: ConvertRequest;
  readonly digest: string;
  readonly native: Readonly<Partial<Record<Profile, EngineOutcome>>>;
}

interface PreparedBatch {
  readonly cases: readonly PreparedCase[];
  readonly skipped: number;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
/** Cases prepared between two yields to the event loop (so Python's replies are read promptly). */
const PREPARE_CHUNK = 16;

/** Writes a case's input under `dir` and runs the native engine on it. */
function prepareCase(index: number, plan: InputPlan, dir: string, profiles: readonly Profile[]): PreparedCase | undefined {
  const input = materializeCase(index, plan);
  if (!input.ok) return undefined;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, inputFileName(plan));
  writeFileSync(file, input.bytes);
  const request = requestAt(plan, file);
  const native: Partial<Record<Profile, EngineOutcome>> = {};
  for (const profile of profiles) native[profile] = runNativeEngine(input.bytes, request, profile);
  return { index, plan, request, digest: input.digest, native };
}

async function prepareBatch(options: LiveOptions, from: number, to: number, slot: number): Promise<PreparedBatch> {
  const cases: PreparedCase[] = [];
  let skipped = 0;
  for (let index = from; index < to; index++) {
    if ((index - from) % PREPARE_CHUNK === PREPARE_CHUNK - 1) await tick();
    const prepared = prepareCase(index, planAt(options.seed, index), path.join(options.workDir, String(slot), String(index - from)), options.profiles);
    if (prepared === undefined) skipped++;
    else cases.push(prepared);
  }
  return { cases, skipped };
}

/** One batch in every profile: in parallel across engines, one call at a time on each engine. */
async function convertAll(options: LiveOptions, requests: readonly ConvertRequest[]): Promise<Partial<Record<Profile, readonly EngineOutcome[]>>> {
  const answers: Partial<Record<Profile, readonly EngineOutcome[]>> = {};
  const byEngine = new Map<BatchConverter, Profile[]>();
  for (const profile of options.profiles) {
    const engine = options.engines?.[profile] ?? options.engine;
    byEngine.set(engine, [...(byEngine.get(engine) ?? []), profile]);
  }
  await Promise.all(
    [...byEngine].map(async ([engine, profiles]) => {
      for (const profile of profiles) answers[profile] = await engine.convert(requests, profile);
    }),
  );
  return answers;
}

/** Runs `options.cases` seeded inputs through both engines and counts where they differ. */
export async function runLive(options: LiveOptions): Promise<LiveSummary> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 400;
  const keep = options.keepDisagreements ?? 20;
  const first = options.first ?? 0;
  const end = first + options.cases;
  const byKind: Record<string, number> = {};
  const outcomes = { upstream: {}, patched: {} } as Record<Profile, Record<string, number>>;
  const disagreements: LiveDisagreement[] = [];
  let comparisons = 0;
  let agreements = 0;
  let skipped = 0;
  let inputs = 0;
  const summary = (): LiveSummary => ({
    inputs,
    comparisons,
    agreements,
    disagreementsByKind: { ...byKind },
    disagreements: [...disagreements],
    skippedWithoutCorpus: skipped,
    outcomes,
    seconds: (performance.now() - started) / 1000,
  });

  let batchNumber = 0;
  let next: Promise<PreparedBatch> | undefined = prepareBatch(options, first, Math.min(end, first + batchSize), 0);
  for (let from = first; from < end; from += batchSize) {
    const batch: PreparedBatch = await next!;
    const to = Math.min(end, from + batchSize);
    const requests = batch.cases.map((c) => c.request);
    const python = convertAll(options, requests);
    batchNumber++;
    next = to < end ? prepareBatch(options, to, Math.min(end, to + batchSize), batchNumber % 2) : undefined;
    // Both are awaited together so a failing Python call cannot leave a rejected preparation behind.
    const [answers] = await Promise.all([python, next]);
    skipped += batch.skipped;
    inputs += batch.cases.length + batch.skipped;
    for (const profile of options.profiles) {
      const pythonOutcomes = answers[profile] ?? [];
      batch.cases.forEach((c, k) => {
        const py = pythonOutcomes[k];
        const native = c.native[profile];
        if (py === undefined || native === undefined) throw new Error(`internal: no outcome for case ${c.index} (${profile})`);
        options.onOutcome?.(c.index, c.digest, profile, py);
        const status = py.ok ? 'ok' : (py.error?.type ?? 'unknown');
        outcomes[profile][status] = (outcomes[profile][status] ?? 0) + 1;
        comparisons++;
        const d = compareOutcomes(native, py);
        if (d === undefined) {
          agreements++;
          return;
        }
        byKind[d.kind] = (byKind[d.kind] ?? 0) + 1;
        if (disagreements.length < keep) disagreements.push({ index: c.index, profile, plan: c.plan, summary: describePlan(c.plan), disagreement: d });
      });
    }
    options.onProgress?.(to - first, options.cases, summary());
  }
  return summary();
}

/** Compares the engines on one plan; undefined when they agree. */
export async function compareOne(engine: PythonEngine, plan: InputPlan, profile: Profile, dir: string): Promise<Disagreement | undefined> {
  const prepared = prepareCase(0, plan, dir, [profile]);
  if (prepared === undefined) return undefined;
  const [python] = await engine.convert([prepared.request], profile);
  const native = prepared.native[profile];
  if (python === undefined || native === undefined) throw new Error('internal: missing outcome');
  return compareOutcomes(native, python);
}

export interface ShrunkCase {
  readonly plan: InputPlan;
  readonly disagreement: Disagreement;
  /** Shrinking steps fast-check took. */
  readonly steps: number;
}

/**
 * Shrinks a disagreement with fast-check: the property is replayed from the case's own seed, so its
 * first run is the failing plan, and fast-check then looks for a smaller plan that still fails.
 */
export async function shrinkDisagreement(engine: PythonEngine, seed: number, index: number, profile: Profile, dir: string): Promise<ShrunkCase | undefined> {
  const result = await fc.check(
    fc.asyncProperty(inputPlanArb, async (plan) => (await compareOne(engine, plan, profile, dir)) === undefined),
    { seed: caseSeed(seed, index), numRuns: 1, endOnFailure: false },
  );
  if (!result.failed || result.counterexample === null) return undefined;
  const [plan] = result.counterexample;
  const disagreement = await compareOne(engine, plan, profile, dir);
  return disagreement === undefined ? undefined : { plan, disagreement, steps: result.numShrinks };
}
