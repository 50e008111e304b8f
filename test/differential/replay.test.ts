// The recorded upstream verdicts (test/oracle/oracle.json, written by `make oracle`) replayed
// against the native engine, without Python: fails when native behaviour changes on any recorded
// input, and calls the oracle stale when the generators or patches/ no longer match it.

import { beforeAll, describe, expect, it } from 'vitest';
import { profiles } from '../../src/anec/index.js';
import { corpusSkipReason } from '../../support/corpus.js';
import { oraclePath, readOracle } from '../../support/differential/oracle-file.js';
import { replayOracle, type ReplaySummary } from '../../support/differential/replay.js';

const REPLAY_TIMEOUT_MS = 240_000;

describe('native engine against the recorded upstream oracle', () => {
  let summary: ReplaySummary;

  beforeAll(() => {
    const oracle = readOracle();
    if (oracle === undefined) throw new Error(`no oracle at ${oraclePath}: run \`make oracle\` where upstream anecc is importable`);
    summary = replayOracle(oracle, { profiles });
    const missing = corpusSkipReason();
    if (summary.skippedWithoutCorpus > 0) console.log(`oracle replay: ${summary.skippedWithoutCorpus} corpus-derived cases skipped (${missing})`);
    if (summary.fastCheckNote !== undefined) console.log(`oracle replay: ${summary.fastCheckNote}`);
    console.log(`oracle replay: ${summary.replayed} inputs x ${profiles.length} profiles, ${summary.agreements} agreements`);
  }, REPLAY_TIMEOUT_MS);

  it('should generate the recorded inputs (else the oracle is stale: run `make oracle`)', () => {
    const stale = summary.staleInputs;
    expect(stale, `stale oracle: ${stale.length} inputs differ from their recorded digest (first: case ${stale[0]}); run \`make oracle\``).toEqual([]);
  });

  it('should replay the patched verdicts against the patch series they were recorded with', () => {
    expect(summary.stalePatches, `stale oracle: ${summary.stalePatches}; run \`make oracle\``).toBeUndefined();
  });

  it('should replay at least 2,000 inputs', () => {
    // A quarter of the plans mutate corpus files; the rest alone still exceed 2,000.
    const floor = 2000;
    expect(summary.replayed).toBeGreaterThanOrEqual(floor);
  });

  for (const profile of profiles) {
    it(`should give upstream's recorded verdict on every replayed input (${profile})`, () => {
      const mismatches = summary.mismatches.filter((m) => m.profile === profile);
      const shown = mismatches
        .slice(0, 5)
        .map((m) => `case ${m.index}: ${m.difference} (recorded "${m.recorded}", native "${m.actual}") [${m.plan}]`)
        .join('\n');
      expect(mismatches.length, `${mismatches.length} mismatches:\n${shown}`).toBe(0);
    });
  }
});
