// How the command treats Python failures that are not a verdict on the input (issue 14, items
// 8-10), with fake upstream packages so it runs without the real one.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testPythonBin, workingAnecc, writeFakeAnecc } from '../bridge/fake-anecc.js';
import { runAnecc } from '../helpers/cli.js';
import { repoRoot } from '../helpers/corpus.js';

const work = mkdtempSync(join(tmpdir(), 'anecc-pyfail-'));
const fakes: { remove(): void }[] = [];
afterAll(() => {
  fakes.forEach((f) => f.remove());
  rmSync(work, { recursive: true, force: true });
});

const sample = join(repoRoot, 'hwx', 'mul-v5.hwx');

function withFake(source: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const fake = writeFakeAnecc(source);
  fakes.push(fake);
  return { ...process.env, PYTHON_BIN: testPythonBin, ANECC_UPSTREAM_SRC: fake.src, ANECC_CACHE_DIR: fake.cacheDir, ...extra };
}

describe('ANECC_PYTHON_TIMEOUT_MS out of range (item 10)', () => {
  it('is refused with one line and exit 2, without Node timer warnings', async () => {
    const out = join(work, 'timeout.anec');
    const r = await runAnecc([sample, '--engine', 'python', '--profile', 'upstream', '-o', out], {
      env: withFake(workingAnecc, { ANECC_PYTHON_TIMEOUT_MS: '3000000000' }),
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).not.toContain('TimeoutOverflowWarning');
    expect(r.stderr.trim()).toBe(
      'anecc: error: ANECC_PYTHON_TIMEOUT_MS: expected a whole number of milliseconds from 1 to 2147483647, got "3000000000"; unset it for the default (30 s plus 1 s per MB of input)',
    );
    expect(existsSync(out)).toBe(false);
  });
});
