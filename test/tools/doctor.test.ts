// `anecc doctor` as data: hermetic cases with fake anecc packages, and the real upstream when
// it is importable here.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pythonEngineAvailability } from '../../src/bridge/index.js';
import { doctorReportSchema, runDoctor } from '../../src/tools/doctor.js';
import { raisingAtImport, testPythonBin, workingAnecc, writeFakeAnecc } from '../bridge/fake-anecc.js';
import type { FakeAnecc } from '../bridge/fake-anecc.js';

let fake: FakeAnecc | undefined;
afterEach(() => {
  fake?.remove();
  fake = undefined;
});

function fakeEnv(source: string): Record<string, string> {
  fake = writeFakeAnecc(source);
  return { PYTHON_BIN: testPythonBin, ANECC_UPSTREAM_SRC: fake.src, ANECC_CACHE_DIR: fake.cacheDir, HOME: fake.cacheDir };
}

describe('runDoctor', () => {
  it('should report ok when both profiles convert end to end', async () => {
    const env = fakeEnv(workingAnecc);
    const report = await runDoctor(env, { patchesDir: fake?.patchesDir });
    expect(doctorReportSchema.parse(report)).toEqual(report);
    expect(report.ok).toBe(true);
    expect(report.python.runs).toBe(true);
    expect(report.upstream).toMatchObject({ importable: true, found: 'ANECC_UPSTREAM_SRC', pinned: false });
    expect(report.endToEnd.map((c) => [c.profile, c.ok])).toEqual([
      ['upstream', true],
      ['patched', true],
    ]);
    expect(report.patches).toMatchObject({ applied: true, series: [] });
    // Said once, though both the probe and the patched copy notice it.
    expect(report.warnings.filter((w) => w.includes('is not eiln/anecc aa7b14f'))).toHaveLength(1);
  });

  it('should say the interpreter is missing', async () => {
    const report = await runDoctor({ PYTHON_BIN: path.join(tmpdir(), 'no-such-python-here') });
    expect(report.ok).toBe(false);
    expect(report.python.runs).toBe(false);
    expect(report.python.problem).toMatch(/cannot run/);
    expect(report.endToEnd).toEqual([]);
  });

  it('should say why upstream does not import', async () => {
    const env = fakeEnv(raisingAtImport);
    const report = await runDoctor(env, { patchesDir: fake?.patchesDir });
    expect(report.ok).toBe(false);
    expect(report.python.runs).toBe(true);
    expect(report.upstream.importable).toBe(false);
    expect(report.upstream.problem).toMatch(/boom at import/);
  });
});

const availability = await pythonEngineAvailability();
const skipReason = availability.available ? undefined : `upstream anecc not importable (${availability.message}): real doctor test skipped`;
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== undefined)('runDoctor with the real upstream', () => {
  it('should find the pinned upstream, apply patches/ and convert with both profiles', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'anecc-doctor-cache-'));
    try {
      const report = await runDoctor({ ...process.env, ANECC_CACHE_DIR: cacheDir });
      expect(report.upstream.pinned).toBe(true);
      expect(report.patches.applied).toBe(true);
      expect(report.patches.problem).toBeNull();
      expect(report.packages.find((p) => p.name === 'construct')?.version).toBeTruthy();
      expect(report.ok).toBe(true);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
