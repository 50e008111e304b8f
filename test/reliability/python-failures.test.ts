// How the command treats Python failures that are not a verdict on the input (issue 14, items
// 8-10), with fake upstream packages so it runs without the real one.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeAneccEnv, fullDisk, hangingInConvert, killingItself, silentlyCutShort, workingAnecc } from '../bridge/fake-anecc.js';
import { runAnecc } from '../helpers/cli.js';
import { repoRoot } from '../../support/corpus.js';

const work = mkdtempSync(join(tmpdir(), 'anecc-pyfail-'));
const fakes: { remove(): void }[] = [];
afterAll(() => {
  fakes.forEach((f) => f.remove());
  rmSync(work, { recursive: true, force: true });
});

const sample = join(repoRoot, 'hwx', 'mul-v5.hwx');

const withFake = (source: string, extra: NodeJS.ProcessEnv = {}) => fakeAneccEnv(source, fakes, extra);

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

describe('environment failures are not verdicts (item 8)', () => {
  it('a full disk under --engine python says what ran out, exit 1, without blaming the input', async () => {
    const out = join(work, 'full.anec');
    const r = await runAnecc([sample, '--engine', 'python', '--profile', 'upstream', '-o', out], { env: withFake(fullDisk) });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^anecc: error: .*mul-v5\.hwx: the Python engine failed: Python could not finish here: OSError: \[Errno 28\] No space left on device/);
    expect(r.stderr).not.toMatch(/cannot be converted|Traceback/);
    expect(existsSync(out)).toBe(false);
  });

  it('a compiled file cut short without any error (a full tmpfs) is an environment failure, not a disagreement', async () => {
    const out = join(work, 'cut.anec');
    const r = await runAnecc([sample, '--engine', 'both', '--profile', 'upstream', '-o', out], { env: withFake(silentlyCutShort) });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/the Python engine failed: Python could not finish here: OSError: \[Errno 28\] wrote 4128 of the 4160 bytes of the compiled file/);
    expect(r.stderr).not.toContain('disagree');
  });

  it('a full disk under --engine both is exit 1, not a disagreement', async () => {
    const out = join(work, 'full-both.anec');
    const r = await runAnecc([sample, '--engine', 'both', '--profile', 'upstream', '-o', out], { env: withFake(fullDisk) });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).not.toContain('disagree');
    expect(r.stderr).toContain('No space left on device');
    expect(existsSync(out)).toBe(false);
  });

  it('a full disk with the default engine keeps the native result and says it was not cross-checked', async () => {
    const out = join(work, 'full-default.anec');
    const r = await runAnecc([sample, '--profile', 'upstream', '-o', out], { env: withFake(fullDisk) });
    expect(r.exitCode).toBe(0);
    const notices = r.stderr.split('\n').filter((l) => l.startsWith('anecc: notice:'));
    expect(notices).toEqual([expect.stringMatching(/^anecc: notice: only the native engine ran, not cross-checked with upstream: .*No space left on device/)]);
    expect(existsSync(out)).toBe(true);
  });
});

describe('one fallback rule (item 9)', () => {
  it('a hung Python: the default engine falls back after the budget, with the notice', async () => {
    const out = join(work, 'hung-default.anec');
    const r = await runAnecc([sample, '--profile', 'upstream', '-o', out], { env: withFake(hangingInConvert, { ANECC_PYTHON_TIMEOUT_MS: '1500' }) });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^anecc: notice: only the native engine ran, not cross-checked with upstream: the Python engine failed: convert: no answer from Python within 1500 ms/m);
    expect(existsSync(out)).toBe(true);
  });

  it.each(['pipe', 'pythonia'])('a hung Python: an explicit --engine both exits 1 with that reason (%s transport)', async (transport) => {
    const out = join(work, `hung-both-${transport}.anec`);
    const env = withFake(hangingInConvert, { ANECC_PYTHON_TIMEOUT_MS: '1500', ANECC_BRIDGE_TRANSPORT: transport });
    const r = await runAnecc([sample, '--engine', 'both', '--profile', 'upstream', '-o', out], { env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^anecc: error: .*: the Python engine failed: convert: no answer from Python within 1500 ms/);
    expect(existsSync(out)).toBe(false);
  });

  it('a crash is worded the same in every mode, on both transports', async () => {
    const modes = [['--engine', 'python'], ['--engine', 'both'], []];
    const runs = await Promise.all(
      ['pipe', 'pythonia'].flatMap((transport) =>
        modes.map((engine) =>
          runAnecc([sample, '--profile', 'upstream', ...engine, '-o', join(work, `crash-${transport}-${engine.length}.anec`)], {
            env: withFake(killingItself, { ANECC_BRIDGE_TRANSPORT: transport }),
          }),
        ),
      ),
    );
    const reasons = runs.map((r) => /the Python engine failed: (.*)$/m.exec(r.stderr)?.[1]);
    expect(reasons[0]).toBe('convert: Python process killed by SIGKILL'.replace('convert: ', ''));
    expect(new Set(reasons).size).toBe(1);
    expect(runs.map((r) => r.exitCode)).toEqual([1, 1, 0, 1, 1, 0]);
  });
});
