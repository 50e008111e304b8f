// `make oracle`: records upstream anecc's verdict on a fixed, seeded set of inputs into
// test/oracle/oracle.json, for the replay test (test/differential/replay.test.ts) to check the
// native engine against where Python and upstream are not available (CI without PyPI).
//
//   npx tsx scripts/oracle.ts [--seed N] [--cases N]      (needs upstream and the HWX corpus)

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Profile } from '../src/anec/index.js';
import { openPythonEngine, pythonEngineAvailability } from '../src/bridge/index.js';
import { corpusSkipReason } from '../support/corpus.js';
import { runLive } from '../support/differential/live.js';
import { fastCheckVersion, oraclePath, patchesFingerprint, verdictColumn, writeOracle, ORACLE_FORMAT } from '../support/differential/oracle-file.js';
import { verdictOf } from '../support/differential/verdict.js';
import { startProgress } from './progress.js';
import { parseDifferentialArgs, UsageError } from './differential-lib/args.js';

/** At least 2,000 inputs per profile even where the corpus (a quarter of the plans) is absent. */
const DEFAULT_CASES = 2800;

const say = (line: string): void => void process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  let args;
  try {
    args = parseDifferentialArgs(process.argv.slice(2), process.env, DEFAULT_CASES);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`oracle: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
  const missingCorpus = corpusSkipReason();
  if (missingCorpus !== undefined) {
    process.stderr.write(`oracle: the oracle covers corpus-derived inputs too: ${missingCorpus}\n`);
    return 1;
  }
  const availability = await pythonEngineAvailability();
  if (!availability.available) {
    process.stderr.write(`oracle: recording needs upstream anecc: ${availability.message}\n`);
    return 1;
  }
  const profiles: readonly Profile[] = ['upstream', 'patched'];
  const rows: [string, string, string][] = [];
  const workDir = mkdtempSync(path.join(tmpdir(), 'anecc-oracle-'));
  const engine = await openPythonEngine();
  try {
    const probe = await engine.probe();
    const progress = startProgress('oracle', args.cases, { unit: 'inputs', disagreements: true });
    const summary = await runLive({
      engine,
      seed: args.seed,
      cases: args.cases,
      profiles,
      workDir,
      onOutcome: (index, digest, profile, python) => {
        const row = (rows[index] ??= [digest, '', '']);
        row[verdictColumn(profile)] = verdictOf(python);
      },
      onProgress: (done, _total, s) => progress.update(done, s.comparisons - s.agreements),
    });
    progress.stop();
    if (rows.length !== args.cases || rows.some((row) => row === undefined)) throw new Error('internal: a case was not recorded');
    writeOracle({
      format: ORACLE_FORMAT,
      about: 'upstream anecc verdicts on the seeded differential inputs; rewrite with `make oracle`, replayed by test/differential/replay.test.ts',
      seed: args.seed,
      patches: patchesFingerprint(),
      upstream: probe.upstream.sha256 ?? 'unknown',
      fastCheck: fastCheckVersion(),
      cases: rows,
    });
    say(`recorded ${rows.length} inputs x ${profiles.length} profiles (seed ${args.seed}) into ${path.relative(process.cwd(), oraclePath)}`);
    say(`native engine agreed on ${summary.agreements}/${summary.comparisons} while recording`);
    if (!probe.upstream.pinned) say('warning: the upstream that answered is not the pinned anecc 1.0.9 (eiln/anecc aa7b14f)');
    return 0;
  } finally {
    await engine.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
