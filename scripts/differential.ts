// `make differential`: native engine against upstream anecc on seeded generated and mutated HWX
// inputs. Live through the Python engine when upstream is importable, else replayed from the
// recorded oracle (test/oracle/). Exit 0 only when every compared case agrees.
//
//   npx tsx scripts/differential.ts [--seed N] [--cases N | --case I] [--profile both|upstream|patched]
//                                   [--mode auto|live|replay] [--batch N] [--no-shrink]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPythonEngine, pythonEngineAvailability, type PythonEngine } from '../src/bridge/index.js';
import { corpusSkipReason } from '../support/corpus.js';
import { writeCounterexample, reproduceCommand } from '../support/differential/counterexample.js';
import { runLive, shrinkDisagreement, type LiveSummary } from '../support/differential/live.js';
import { oraclePath, readOracle } from '../support/differential/oracle-file.js';
import { replayOracle } from '../support/differential/replay.js';
import { parseDifferentialArgs, UsageError, type DifferentialArgs } from './differential-lib/args.js';
import { openWorkerEngine, type WorkerEngine } from './differential-lib/worker-engine.js';
import { startProgress } from './progress.js';

const DEFAULT_CASES = 10_000;
/** Disagreements shrunk and written out per run: each takes a few hundred Python calls. */
const MAX_SHRUNK = 5;

const say = (line: string): void => void process.stdout.write(`${line}\n`);

function counts(record: Readonly<Record<string, number>>): string {
  const entries = Object.entries(record).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? 'none' : entries.map(([k, n]) => `${k} ${n}`).join(', ');
}

function printLiveSummary(args: DifferentialArgs, s: LiveSummary): void {
  const disagreements = s.comparisons - s.agreements;
  say('');
  say(`differential (live) seed ${args.seed}, cases ${args.first}..${args.first + args.cases - 1}, profiles ${args.profiles.join(' + ')}`);
  say(`  inputs:        ${s.inputs}${s.skippedWithoutCorpus > 0 ? ` (${s.skippedWithoutCorpus} corpus-derived skipped: ${corpusSkipReason()})` : ''}`);
  say(`  comparisons:   ${s.comparisons} (input x profile)`);
  say(`  agreements:    ${s.agreements}`);
  say(`  disagreements: ${disagreements}${disagreements > 0 ? ` (${counts(s.disagreementsByKind)})` : ''}`);
  for (const profile of args.profiles) say(`  upstream said (${profile}): ${counts(s.outcomes[profile])}`);
  say(`  time:          ${s.seconds.toFixed(1)} s`);
  say(`figure: differential-cases-per-second ${Math.round(s.comparisons / s.seconds)}`);
  say(`differential: ${s.agreements} passed, ${disagreements} failed`);
}

async function reportDisagreements(engine: PythonEngine, args: DifferentialArgs, s: LiveSummary, workDir: string): Promise<void> {
  for (const d of s.disagreements.slice(0, MAX_SHRUNK)) {
    say('');
    say(`disagreement: case ${d.index} (${d.profile}): ${d.summary}`);
    say(`  ${d.disagreement.kind} at ${d.disagreement.where}: native ${d.disagreement.native} | python ${d.disagreement.python}`);
    let plan = d.plan;
    let label = `${args.seed}-${d.index}-${d.profile}`;
    if (args.shrink) {
      const shrunk = await shrinkDisagreement(engine, args.seed, d.index, d.profile, path.join(workDir, 'shrink'));
      if (shrunk !== undefined) {
        plan = shrunk.plan;
        label += '-shrunk';
        say(`  shrunk in ${shrunk.steps} steps: ${shrunk.disagreement.kind} at ${shrunk.disagreement.where}: native ${shrunk.disagreement.native} | python ${shrunk.disagreement.python}`);
      }
    }
    const file = writeCounterexample(label, plan);
    if (file !== undefined) say(`  reproduce: ${reproduceCommand(plan, file, d.profile)}`);
    say(`  replay:    npx tsx scripts/differential.ts --mode live --seed ${args.seed} --case ${d.index} --profile ${d.profile}`);
  }
  if (s.disagreements.length > MAX_SHRUNK) say(`(${s.disagreements.length - MAX_SHRUNK} more kept, not shrunk)`);
}

async function live(args: DifferentialArgs): Promise<number> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'anecc-differential-'));
  const engine = await openPythonEngine();
  // The patched profile gets a Python of its own in a worker process, so both profiles convert at once.
  let worker: WorkerEngine | undefined;
  try {
    if (args.profiles.length > 1 && args.workers > 1) worker = await openWorkerEngine();
    const progress = startProgress('differential', args.cases, { unit: 'inputs', disagreements: true });
    const summary = await runLive({
      engine,
      engines: worker === undefined ? {} : { patched: worker },
      seed: args.seed,
      cases: args.cases,
      first: args.first,
      profiles: args.profiles,
      workDir,
      batchSize: args.batchSize,
      onProgress: (done, _total, s) => progress.update(done, s.comparisons - s.agreements),
    });
    progress.stop();
    printLiveSummary(args, summary);
    if (summary.comparisons === summary.agreements) return 0;
    await reportDisagreements(engine, args, summary, workDir);
    return 1;
  } finally {
    await worker?.close();
    await engine.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

function replay(args: DifferentialArgs): number {
  const oracle = readOracle();
  if (oracle === undefined) {
    say(`no recorded oracle at ${path.relative(process.cwd(), oraclePath)}: run \`make oracle\` where upstream anecc is importable`);
    return 1;
  }
  const started = performance.now();
  const progress = startProgress('differential (replay)', oracle.cases.length, { unit: 'cases', disagreements: true });
  const summary = replayOracle(oracle, {
    profiles: args.profiles,
    onProgress: (done, _total, mismatches) => progress.update(done, mismatches),
  });
  progress.stop();
  const seconds = (performance.now() - started) / 1000;
  say('');
  say(`differential (replay) seed ${oracle.seed}, ${oracle.cases.length} recorded cases, profiles ${args.profiles.join(' + ')}`);
  if (summary.skippedWithoutCorpus > 0) say(`  skipped:       ${summary.skippedWithoutCorpus} corpus-derived cases (${corpusSkipReason()})`);
  say(`  comparisons:   ${summary.replayed * args.profiles.length}`);
  say(`  agreements:    ${summary.agreements}`);
  say(`  disagreements: ${summary.mismatches.length}`);
  say(`  time:          ${seconds.toFixed(1)} s`);
  say(`differential: ${summary.agreements} passed, ${summary.mismatches.length} failed`);
  if (summary.fastCheckNote !== undefined) say(`  note: ${summary.fastCheckNote}`);
  for (const m of summary.mismatches.slice(0, 10)) {
    say(`  case ${m.index} (${m.profile}): ${m.difference}: recorded "${m.recorded}", native "${m.actual}" [${m.plan}]`);
  }
  let failed = summary.mismatches.length > 0;
  if (summary.staleInputs.length > 0) {
    say(`stale oracle: ${summary.staleInputs.length} inputs no longer match their recorded digest (first: case ${summary.staleInputs[0]}); the generators changed: run \`make oracle\``);
    failed = true;
  }
  if (summary.stalePatches !== undefined) {
    say(`stale oracle: ${summary.stalePatches}: run \`make oracle\``);
    failed = true;
  }
  return failed ? 1 : 0;
}

async function main(): Promise<number> {
  let args: DifferentialArgs;
  try {
    args = parseDifferentialArgs(process.argv.slice(2), process.env, DEFAULT_CASES);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`differential: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
  if (args.mode === 'replay') return replay(args);
  const availability = await pythonEngineAvailability();
  if (availability.available) return live(args);
  if (args.mode === 'live') {
    process.stderr.write(`differential: live mode needs upstream anecc: ${availability.message}\n`);
    return 1;
  }
  say(`upstream anecc is not available (${availability.message}); replaying the recorded oracle instead`);
  return replay(args);
}

process.exitCode = await main();
