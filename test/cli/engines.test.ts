import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pythonEngineAvailability } from '../../src/bridge/index.js';
import { fakeAneccEnv, raisingAtImport, workingAnecc } from '../bridge/fake-anecc.js';
import { runAnecc } from '../helpers/cli.js';
import { corpusFiles, corpusSkipReason, repoRoot } from '../../support/corpus.js';

const work = mkdtempSync(join(tmpdir(), 'anecc-engines-'));
const fakes: { remove(): void }[] = [];
afterAll(() => {
  fakes.forEach((f) => f.remove());
  rmSync(work, { recursive: true, force: true });
});

const sample = join(repoRoot, 'hwx', 'mul-v5.hwx');

/** The command's environment with a fake upstream (no construct needed). */
const withFake = (source: string): NodeJS.ProcessEnv => fakeAneccEnv(source, fakes);

describe('engine choice and comparison, with a fake upstream', () => {
  it('should exit 3, name the first difference and write nothing when the engines disagree', async () => {
    const out = join(work, 'disagree.anec');
    const r = await runAnecc([sample, '--profile', 'upstream', '--engine', 'both', '-o', out], { env: withFake(workingAnecc) });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/native and Python engines disagree on .*mul-v5\.hwx \(profile upstream\) at name: native mul-v5, python fake;/);
    expect(existsSync(out)).toBe(false);
  });

  it('should fall back to the native engine with one notice line when upstream cannot be imported', async () => {
    const out = join(work, 'fallback.anec');
    const r = await runAnecc([sample, '--profile', 'upstream', '-o', out], { env: withFake(raisingAtImport) });
    expect(r.exitCode).toBe(0);
    const notices = r.stderr.split('\n').filter((l) => l.startsWith('anecc: notice:'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('boom at import');
    expect(existsSync(out)).toBe(true);
  });

  it('should fail clearly with --engine python when upstream cannot be imported', async () => {
    const out = join(work, 'python.anec');
    const r = await runAnecc([sample, '--profile', 'upstream', '--engine', 'python', '-o', out], { env: withFake(raisingAtImport) });
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^anecc: error: .*mul-v5\.hwx: the Python engine failed: .*boom at import/);
    expect(existsSync(out)).toBe(false);
  });

  it('should fail within seconds when PYTHON_BIN points nowhere and both engines are asked for', async () => {
    const started = Date.now();
    const r = await runAnecc([sample, '--engine', 'both'], { env: { ...process.env, PYTHON_BIN: join(work, 'no-python') } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^anecc: error: .*mul-v5\.hwx: the Python engine failed: .*no-python/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

const availability = await pythonEngineAvailability();
const skipLive = !availability.available ? `upstream anecc is not importable (${availability.message})` : corpusSkipReason();
if (skipLive) console.warn(`skipped: live engine CLI tests: ${skipLive}`);

describe.skipIf(skipLive !== undefined)('engines against the real upstream', () => {
  for (const engine of ['python', 'both']) {
    it(`should write upstream's golden bytes with --engine ${engine} on every corpus file upstream converts`, async () => {
      for (const file of corpusFiles().filter((f) => f.golden !== undefined)) {
        for (const profile of ['upstream', 'patched']) {
          const out = join(work, `${engine}-${profile}.anec`);
          const r = await runAnecc([file.path, '--engine', engine, '--profile', profile, '-o', out]);
          expect(r.exitCode, `${file.name} ${profile}: ${r.stderr}`).toBe(0);
          expect(readFileSync(out).equals(readFileSync(file.golden!)), `${file.name} ${profile}`).toBe(true);
        }
      }
    });
  }

  it('should write mul_macos26_m4.ane for mul_macos26_m1.hwx with every engine', async () => {
    const v9 = corpusFiles().find((f) => f.name === 'mul_macos26_m1.hwx')!;
    const golden = readFileSync(corpusFiles('.ane').find((f) => f.name === 'mul_macos26_m4.ane')!.path);
    for (const engine of ['native', 'python', 'both']) {
      const out = join(work, `v9-${engine}.anec`);
      const r = await runAnecc([v9.path, '--engine', engine, '-o', out]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(readFileSync(out).equals(golden), engine).toBe(true);
    }
  });
});
