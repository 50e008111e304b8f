// Where the real corpus and an importable upstream anecc are, if anywhere (see design.md: Testing).

import { execaSync } from 'execa';
import { corpusDir as findCorpus, corpusSkipReason, repoRoot } from '../../support/corpus.js';

export { repoRoot };
const found = findCorpus();
export const corpusDir = found ?? '';
export const hasCorpus = found !== undefined;
if (!hasCorpus) console.warn(`writer tests: ${corpusSkipReason()}`);

const pythonBin = process.env['PYTHON_BIN'] ?? 'python3';
const upstreamEnv = { ...process.env, PYTHONPATH: process.env['ANECC_UPSTREAM_SRC'] ?? process.env['PYTHONPATH'] ?? '', DEBUG: '' };

function probeUpstream(): boolean {
  const probe = execaSync(pythonBin, ['-c', 'import anecc.run'], { reject: false, env: upstreamEnv });
  return probe.exitCode === 0;
}
export const hasUpstream = probeUpstream();
if (!hasUpstream) {
  console.warn(`writer tests: upstream anecc is not importable by ${pythonBin} (set PYTHON_BIN and ANECC_UPSTREAM_SRC); upstream checks skipped`);
}

/** Runs upstream `anecc FILE -p -o OUT`; returns its exit code, stdout and stderr. */
export function runUpstream(args: readonly string[]): { exitCode: number; stdout: string; stderr: string } {
  const result = execaSync(
    pythonBin,
    ['-c', "import sys; sys.argv[0]='anecc'; from anecc.run import run; run(prog_name='anecc')", ...args],
    { reject: false, env: upstreamEnv },
  );
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
