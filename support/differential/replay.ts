// Replays the recorded oracle against the native engine: same seeded inputs, same requests, and
// upstream's verdicts from the recording instead of a live Python.

import { runNativeEngine, type Profile } from '../../src/anec/index.js';
import { describePlan, inputFileName, usesCorpus } from '../arbitraries/hwx-inputs.js';
import { corpusDir } from '../corpus.js';
import { materializeCase, planAt, requestAt } from './cases.js';
import { fastCheckVersion, patchesFingerprint, verdictColumn, type Oracle } from './oracle-file.js';
import { verdictDifference, verdictOf } from './verdict.js';

export interface ReplayMismatch {
  readonly index: number;
  readonly profile: Profile;
  readonly plan: string;
  readonly recorded: string;
  readonly actual: string;
  readonly difference: string;
}

export interface ReplaySummary {
  /** Cases replayed (per profile). */
  readonly replayed: number;
  readonly agreements: number;
  /** Corpus-derived cases not replayed because the corpus is absent. */
  readonly skippedWithoutCorpus: number;
  /** Case numbers whose input no longer matches the recorded digest: the generators drifted. */
  readonly staleInputs: readonly number[];
  /** Why the patched verdicts cannot be trusted, when patches/ changed since recording. */
  readonly stalePatches: string | undefined;
  readonly mismatches: readonly ReplayMismatch[];
  readonly fastCheckNote: string | undefined;
}

export interface ReplayOptions {
  readonly profiles: readonly Profile[];
  /** Replay only the first `limit` cases. */
  readonly limit?: number;
  readonly onProgress?: (done: number, total: number, mismatches: number) => void;
}

/** Model name source: the engines only look at the path's base name, so any folder will do. */
const REPLAY_FOLDER = 'replay';

export function replayOracle(oracle: Oracle, options: ReplayOptions): ReplaySummary {
  const haveCorpus = corpusDir() !== undefined;
  const total = Math.min(options.limit ?? oracle.cases.length, oracle.cases.length);
  const stalePatches =
    options.profiles.includes('patched') && oracle.patches !== patchesFingerprint()
      ? `patches/ changed since the oracle was recorded (recorded ${oracle.patches}, now ${patchesFingerprint()})`
      : undefined;
  const version = fastCheckVersion();
  const fastCheckNote = version === oracle.fastCheck ? undefined : `recorded with fast-check ${oracle.fastCheck}, running ${version}`;
  let replayed = 0;
  let agreements = 0;
  let skippedWithoutCorpus = 0;
  const staleInputs: number[] = [];
  const mismatches: ReplayMismatch[] = [];
  for (let index = 0; index < total; index++) {
    const row = oracle.cases[index]!;
    const plan = planAt(oracle.seed, index);
    if (usesCorpus(plan) && !haveCorpus) {
      skippedWithoutCorpus++;
      continue;
    }
    const input = materializeCase(index, plan);
    if (!input.ok) {
      skippedWithoutCorpus++;
      continue;
    }
    if (input.digest !== row[0]) {
      staleInputs.push(index);
      continue;
    }
    replayed++;
    const request = requestAt(plan, `${REPLAY_FOLDER}/${inputFileName(plan)}`);
    for (const profile of options.profiles) {
      const recorded = row[verdictColumn(profile)];
      const actual = verdictOf(runNativeEngine(input.bytes, request, profile));
      if (actual === recorded) agreements++;
      else mismatches.push({ index, profile, plan: describePlan(plan), recorded, actual, difference: verdictDifference(recorded, actual) });
    }
    if (options.onProgress && index % 100 === 99) options.onProgress(index + 1, total, mismatches.length);
  }
  return { replayed, agreements, skippedWithoutCorpus, staleInputs, stalePatches, mismatches, fastCheckNote };
}
