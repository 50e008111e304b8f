// ANECC_ENGINE as the default engine, and the default engine's remembered fallback, end to end.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { raisingAtImport, testPythonBin, workingAnecc, writeFakeAnecc } from '../bridge/fake-anecc.js';
import { runAnecc } from '../helpers/cli.js';
import { repoRoot } from '../../support/corpus.js';

const work = mkdtempSync(join(tmpdir(), 'anecc-engine-choice-'));
const fakes: { remove(): void }[] = [];
afterAll(() => {
  fakes.forEach((f) => f.remove());
  rmSync(work, { recursive: true, force: true });
});

const sample = join(repoRoot, 'hwx', 'mul-v5.hwx');

function withFake(source: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const fake = writeFakeAnecc(source);
  fakes.push(fake);
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHON_BIN: testPythonBin, ANECC_UPSTREAM_SRC: fake.src, ANECC_CACHE_DIR: fake.cacheDir, ...extra };
  if (!('ANECC_ENGINE' in extra)) delete env['ANECC_ENGINE'];
  return env;
}

// The fake upstream names the model "fake": with both engines the comparison fails (exit 3), so
// the exit status tells which engines ran.
describe('ANECC_ENGINE', () => {
  it('should choose the engine when --engine is not given', async () => {
    const out = join(work, 'native.anec');
    const native = await runAnecc([sample, '--profile', 'upstream', '-o', out], { env: withFake(workingAnecc, { ANECC_ENGINE: 'native' }) });
    expect(native.exitCode, native.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    const both = await runAnecc([sample, '--profile', 'upstream', '-o', join(work, 'both.anec')], { env: withFake(workingAnecc, { ANECC_ENGINE: 'both' }) });
    expect(both.exitCode).toBe(3);
  });

  it('should give way to --engine', async () => {
    const r = await runAnecc([sample, '--profile', 'upstream', '--engine', 'native', '-o', join(work, 'wins.anec')], {
      env: withFake(workingAnecc, { ANECC_ENGINE: 'both' }),
    });
    expect(r.exitCode, r.stderr).toBe(0);
  });

  it('should refuse a bad value as a usage error', async () => {
    const r = await runAnecc([sample, '-o', join(work, 'bad.anec')], { env: { ...process.env, ANECC_ENGINE: 'fast' } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n').at(-1)).toBe('Error: ANECC_ENGINE: expected "both", "native" or "python", got "fast"');
  });

  it('should, set to both, fail like --engine both when Python cannot run (no fallback)', async () => {
    const r = await runAnecc([sample, '--profile', 'upstream', '-o', join(work, 'nofallback.anec')], { env: withFake(raisingAtImport, { ANECC_ENGINE: 'both' }) });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^anecc: error: .*the Python engine failed: .*boom at import/);
  });
});

describe('ANECC_BRIDGE_TRANSPORT', () => {
  it('should be refused (exit 2) only where Python would run, and named by doctor', async () => {
    const env = withFake(workingAnecc, { ANECC_BRIDGE_TRANSPORT: 'socket' });
    const refusal = 'anecc: error: ANECC_BRIDGE_TRANSPORT: expected "pipe" or "pythonia", got "socket"';
    const native = await runAnecc([sample, '--engine', 'native', '-o', join(work, 'transport-native.anec')], { env });
    expect(native.exitCode, native.stderr).toBe(0);
    for (const engine of [[], ['--engine', 'both'], ['--engine', 'python']]) {
      const r = await runAnecc([sample, ...engine, '-o', join(work, 'transport-python.anec')], { env });
      expect(r.exitCode, engine.join(' ')).toBe(2);
      expect(r.stderr.trim()).toBe(refusal);
      expect(existsSync(join(work, 'transport-python.anec'))).toBe(false);
    }
    const version = await runAnecc(['--version'], { env });
    expect(version.exitCode, version.stderr).toBe(0);
    const doctor = await runAnecc(['doctor'], { env });
    expect(doctor.exitCode).toBe(1);
    expect(doctor.stdout.replace(/\s+/g, ' ')).toContain('bad_transport: ANECC_BRIDGE_TRANSPORT: expected "pipe" or "pythonia", got "socket"');
    expect(doctor.stderr).not.toContain('internal error');
  });
});

describe('the default engine remembers a Python engine that cannot start', () => {
  it('should say in one line that only native ran, the second time without starting Python, until doctor probes', async () => {
    const env = withFake(raisingAtImport);
    const notices = async (): Promise<string[]> => {
      const r = await runAnecc([sample, '--profile', 'upstream', '-o', join(work, 'fallback.anec')], { env });
      expect(r.exitCode, r.stderr).toBe(0);
      return r.stderr.split('\n').filter((l) => l.startsWith('anecc: notice:'));
    };
    const first = await notices();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(/only the native engine ran, not cross-checked with upstream: .*boom at import$/);
    const second = await notices();
    expect(second).toHaveLength(1);
    expect(second[0]).toBe(`${first[0]} (remembered from an earlier run; \`anecc doctor\` checks again)`);
    const doctor = await runAnecc(['doctor'], { env });
    expect(doctor.exitCode).toBe(1);
    expect(await notices()).toEqual(first);
  });
});
