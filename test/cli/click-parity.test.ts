// click's wording where we copy it: "Did you mean" suggestions (Python's difflib, ported) and the
// bare "Option '--out' requires an argument." line; and `--version`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeMatches } from '../../src/cli/close-matches.js';
import { runAnecc } from '../helpers/cli.js';
import { corpusDir, repoRoot } from '../../support/corpus.js';

const python = process.env['PYTHON_BIN'] || 'python3';
const pythonRuns = (await execa(python, ['-c', 'import difflib'], { reject: false })).exitCode === 0;
const noPython = pythonRuns ? undefined : `${python} does not run: difflib parity skipped`;
if (noPython) console.warn(`skipped: ${noPython}`);

describe.skipIf(noPython !== undefined)('closeMatches against Python difflib.get_close_matches', () => {
  it('should pick the same candidates in the same order', async () => {
    // Arrange: option-like words over a small alphabet, so that near misses are common.
    const word = fc.stringMatching(/^--?[a-eno-rw]{0,7}$/);
    const cases = fc.sample(fc.tuple(word, fc.uniqueArray(word, { maxLength: 8 })), { numRuns: 400, seed: 20261129 });
    cases.push(['--nmae', ['--name', '--out', '--write', '--print', '--force', '--help']], ['--n', ['--name', '--out', '--write', '--print', '--force', '--help']]);
    // Act
    const script = 'import difflib, json, sys\nprint(json.dumps([difflib.get_close_matches(w, c) for w, c in json.load(sys.stdin)]))';
    const r = await execa(python, ['-c', script], { input: JSON.stringify(cases) });
    const expected = JSON.parse(r.stdout) as string[][];
    // Assert
    expect(cases.map(([w, c]) => closeMatches(w, c))).toEqual(expected);
  });
});

const upstreamSrc = process.env['ANECC_UPSTREAM_SRC'];
const clickCheck = upstreamSrc ? await execa(python, ['-c', 'import click, construct'], { reject: false }) : undefined;
const noUpstream = !upstreamSrc
  ? 'ANECC_UPSTREAM_SRC is not set: usage errors not compared with upstream run.py'
  : clickCheck?.exitCode !== 0
    ? `${python} cannot import click and construct: usage errors not compared with upstream run.py`
    : corpusDir() === undefined
      ? 'no corpus: usage errors not compared with upstream run.py'
      : undefined;
if (noUpstream) console.warn(`skipped: ${noUpstream}`);

describe.skipIf(noUpstream !== undefined)("usage errors against upstream's own run.py", () => {
  it('should print what upstream prints, with the same exit status', async () => {
    const file = path.join(corpusDir()!, 'mul.hwx');
    const runUpstream = (args: readonly string[]) =>
      execa(python, ['-c', 'import sys; sys.argv[0] = "anecc"; sys.path.insert(0, sys.argv.pop(1)); from anecc.run import run; run()', upstreamSrc!, ...args], {
        reject: false,
      });
    for (const args of [
      ['--nmae', 'x', file],
      ['--nmae=x', file],
      ['--n', 'x', file],
      ['--forc', file],
      ['--prnt', file],
      ['--o', file],
      ['--bogus', file],
      ['-x', file],
      [file, '--out'],
      [file, '-o'],
      [file, '-wo'],
      [file, '-n'],
    ]) {
      const [ours, theirs] = await Promise.all([runAnecc(args), runUpstream(args)]);
      expect({ args, exitCode: ours.exitCode, stderr: ours.stderr }).toEqual({ args, exitCode: theirs.exitCode, stderr: String(theirs.stderr) });
    }
  });
});

describe('--version', () => {
  it("should print the package's version first and exit 0", async () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const r = await runAnecc(['--version'], { env: { ...process.env, PYTHON_BIN: path.join(repoRoot, 'no-such-python') } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')).toEqual([`anecc ${version}`, 'python engine: not usable here (`anecc doctor` says why); conversions use the native engine']);
  });
});
