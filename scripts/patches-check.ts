// `make patches-check`: the series applies with `git apply --check` to a clean copy of upstream,
// and the patched Python converts the corpus as promised (goldens, and mul_macos26_m1.hwx to
// mul_macos26_m4.ane). Needs ANECC_UPSTREAM_SRC (and PYTHON_BIN with construct).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPythonEngine, readSeries } from '../src/bridge/index.js';
import { corpusFiles } from '../support/corpus.js';
import { convertRequest } from '../support/requests.js';

const upstream = process.env['ANECC_UPSTREAM_SRC'];
if (!upstream) {
  console.log('patches-check skipped: set ANECC_UPSTREAM_SRC to the upstream anecc/ folder (the one with setup.py)');
  process.exit(0);
}

let failures = 0;
const work = mkdtempSync(join(tmpdir(), 'anecc-patches-'));
try {
  // 1. git apply --check, one patch after the other, on a clean copy.
  const copy = join(work, 'anecc');
  cpSync(upstream, copy, { recursive: true });
  for (const patch of await readSeries('patches')) {
    const file = join(process.cwd(), 'patches', patch);
    try {
      execFileSync('git', ['apply', '--check', '-p2', file], { cwd: copy, stdio: 'pipe' });
      execFileSync('git', ['apply', '-p2', file], { cwd: copy, stdio: 'pipe' });
      console.log(`ok    applies: ${patch}`);
    } catch (error) {
      failures++;
      console.log(`FAIL  does not apply: ${patch}\n${String((error as { stderr?: Buffer }).stderr ?? error)}`);
    }
  }

  // 2. The patched Python engine on the corpus.
  const expected = corpusFiles().flatMap((f) => {
    if (f.golden) return [{ file: f.path, golden: f.golden }];
    if (f.name === 'mul_macos26_m1.hwx') return [{ file: f.path, golden: f.path.replace('mul_macos26_m1.hwx', 'mul_macos26_m4.ane') }];
    return [];
  });
  if (expected.length === 0) console.log('corpus not found (set ANECC_CORPUS): conversions not checked');
  const engine = await openPythonEngine();
  try {
    const outcomes = await engine.convert(
      expected.map((e) => convertRequest(e.file, { print: false })),
      'patched',
    );
    outcomes.forEach((outcome, i) => {
      const { file, golden } = expected[i]!;
      const bytes = outcome.anec ? Buffer.concat([outcome.anec.header, outcome.anec.payload]) : undefined;
      const same = bytes !== undefined && bytes.equals(readFileSync(golden));
      if (!same) failures++;
      console.log(`${same ? 'ok   ' : 'FAIL '} ${file} -> ${same ? 'golden bytes' : outcome.error ? `${outcome.error.type}: ${outcome.error.message}` : 'different bytes'}`);
    });
  } finally {
    await engine.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(failures === 0 ? 'patches-check: all good' : `patches-check: ${failures} problem(s)`);
process.exit(failures === 0 ? 0 : 1);
